"""The class grader on a real Dask cluster: same grades as the local pool, nothing lost when a worker dies.

A ``dask scheduler`` and two ``dask worker`` processes are started from the
venv on 127.0.0.1 (``autograder.loopback_cluster``; the workers run outside
the course folder, so they import nothing of it), and a small mixed batch of
the samples of 01 (the solution, two bugs, a hostile submission that writes
into the course, a file that is not JSON) is graded through
``--dask-scheduler`` and through the local pool. Then a worker is killed (its
whole process group, as when a node is lost) while it grades, once where the
scheduler may give the job to the other worker and once where it may not
(``allowed-failures`` 0): the first must be graded elsewhere, the second
reported, and neither lost or counted twice. Every process is stopped by
process id at the end, also when a test fails.
"""
import hashlib
import json
import os
import subprocess
import sys
import time

import nbformat
import psutil
import pytest

from autograder import runner
from autograder.loopback_cluster import LoopbackCluster, free_port
from autograder.samples import autograded_cells, broken_submissions, build_submission, list_samples, solved_notebook
from autograder.samples_to_submitted import write_files
from conftest import ROOT
from test_autograde import make_root, notebooks, tree_hash

pytestmark = pytest.mark.slow
ASSIGNMENT = "01_rnn_unrolling"
BATCH = ("sample-bug-rnn-step-no-tanh", "sample-bug-make-windows-ignores-step", "sample-hostile-write-course-and-data")


def make_class(folder, students=("solution", "broken-not-json") + BATCH):
    root = make_root(folder)
    release_nb, source_nb = notebooks()
    solved = solved_notebook(release_nb, source_nb)
    samples = {s.student_id: s for s in list_samples(ASSIGNMENT)}
    broken = broken_submissions(ASSIGNMENT, solved)
    for student in students:
        if student == "solution":
            runner.submit(root, ASSIGNMENT, student, solved)
        elif student in broken:
            write_files(root, ASSIGNMENT, student, broken[student][0])
        else:
            sample = samples[student]
            runner.submit(root, ASSIGNMENT, sample.student_id, build_submission(sample, release_nb, source_nb))
    return root


def autograde_args(root, *engine):
    return [sys.executable, "-m", "autograder.autograde", "--root", str(root), "--cell-timeout", "40",
            "--memory-gb", "4", "--no-progress", *engine]


def run_autograde(root, *engine, timeout=900):
    result = subprocess.run(autograde_args(root, *engine), cwd=ROOT, env=runner.tool_env(), capture_output=True,
                            text=True, timeout=timeout)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout, read_report(root)


def read_report(root):
    report = json.loads((root / "autograder" / "report.json").read_text())
    students = [e["student"] for e in report["submissions"]]
    assert len(students) == len(set(students)), f"a submission was counted twice: {sorted(students)}"
    return {e["student"]: e for e in report["submissions"]}


def outcome(entries):
    """What must not depend on where a submission was graded."""
    return {student: (e["status"], e["tests"], e["autograded_score"], e["notes"]) for student, e in entries.items()}


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    with LoopbackCluster(workers=2, folder=tmp_path_factory.mktemp("dask")) as running:
        yield running


@pytest.fixture(scope="module")
def local_run(tmp_path_factory):
    root = make_class(tmp_path_factory.mktemp("local"))
    stdout, entries = run_autograde(root, "--jobs", "2")
    return entries


def grading_processes(folder):
    """Processes working in a folder of a worker (the grading runner, nbgrader, the kernel)."""
    found = []
    for process in psutil.process_iter(["pid", "cwd", "cmdline"]):
        if (process.info["cwd"] or "").startswith(str(folder)):
            found.append(process.info)
    return found


def student_being_graded(folder):
    """The student whose submission ``nbgrader autograde`` is grading in a worker's folder now, or None."""
    for process in grading_processes(folder):
        command = " ".join(process["cmdline"] or [])
        if "nbgrader" in command and "autograde" in command:
            # the scratch folder is <local dir>/.../course-grading/<student>--<assignment>-<random>/job
            scratch = [part for part in process["cwd"].split(os.sep) if f"--{ASSIGNMENT}-" in part][0]
            return scratch.split(f"--{ASSIGNMENT}-")[0]
    return None


def wait_for_a_grading(cluster, deadline_s=300):
    """``(worker name, student)`` of a worker that is running nbgrader on a submission now."""
    deadline = time.time() + deadline_s
    while time.time() < deadline:
        for name in cluster.workers:
            student = student_being_graded(cluster.folder / name)
            if student:
                return name, student
        time.sleep(0.2)
    raise TimeoutError("no worker started grading")


def test_the_cluster_runs_on_loopback_outside_the_course(cluster):
    for process in [cluster.scheduler, *cluster.workers.values()]:
        tree = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
        for member in tree:
            for connection in member.net_connections(kind="inet"):
                if connection.status == psutil.CONN_LISTEN:
                    assert connection.laddr.ip == "127.0.0.1", (member.cmdline(), connection)
            assert not member.cwd().startswith(str(ROOT)), "a worker must not run inside the course checkout"


def test_a_dask_cluster_grades_as_the_local_pool_and_names_the_workers(cluster, local_run, tmp_path):
    root = make_class(tmp_path / "class")
    submitted_before = tree_hash(root / "autograder" / "submitted")
    repo_before = tree_hash(ROOT / "course") + tree_hash(ROOT / "data")
    stdout, entries = run_autograde(root, "--dask-scheduler", cluster.address)
    assert outcome(entries) == outcome(local_run)
    full = sum(autograded_cells(nbformat.read(str(ROOT / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"), 4)).values())
    assert entries["solution"]["autograded_score"] == full and entries["sample-bug-rnn-step-no-tanh"]["autograded_score"] < full
    assert entries["broken-not-json"]["status"] == "error" and "not valid JSON" in entries["broken-not-json"]["notes"][0]
    workers = cluster.wait_for_workers(2)
    assert {e["worker"] for e in entries.values()} == set(workers), "both workers should have graded, and only they"
    assert all(e["worker"].startswith("local:") for e in local_run.values())
    for address in workers:
        assert address in stdout, "the summary names the workers"
    # what the coordinator alone writes, from the bytes that came back
    grades = runner.grade_rows(root, ASSIGNMENT)
    assert set(grades) == set(entries)
    assert sum(g["score"] for g in grades["solution"].values() if g["cell_type"] == "code") == full
    for student, entry in entries.items():
        assert (root / "autograder" / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").is_file()
        graded = root / "autograder" / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        assert graded.is_file() == (entry["status"] == "graded"), student
    assert tree_hash(root / "autograder" / "submitted") == submitted_before
    assert tree_hash(ROOT / "course") + tree_hash(ROOT / "data") == repo_before, \
        "the hostile submission reached the worker environment's checkout"
    # a second run finds nothing changed, without asking the cluster for anything
    stdout, again = run_autograde(root, "--dask-scheduler", f"tcp://127.0.0.1:{free_port()}")
    assert again == entries and "0 to grade" in stdout


def test_a_worker_killed_mid_job_loses_nothing_and_counts_nothing_twice(cluster, local_run, tmp_path):
    students = ("solution", BATCH[0])          # one is killed and graded again, the other goes on
    root = make_class(tmp_path / "class", students)
    workers = {name: address for address, name in cluster.wait_for_workers(2).items()}
    process = subprocess.Popen(autograde_args(root, "--dask-scheduler", cluster.address), cwd=ROOT,
                               env=runner.tool_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    try:
        victim, _ = wait_for_a_grading(cluster)
        time.sleep(2)                      # the kernel is up and running the notebook
        student = student_being_graded(cluster.folder / victim)
        assert student, f"{victim} finished grading within 2 s"
        cluster.kill_worker(victim)
        deadline = time.time() + 15
        while grading_processes(cluster.folder / victim) and time.time() < deadline:
            time.sleep(0.5)
        assert grading_processes(cluster.folder / victim) == [], "the lost worker's grading went on running"
        output, _ = process.communicate(timeout=900)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, 9)
            process.wait()
    assert process.returncode == 0, output[-3000:]
    entries = read_report(root)
    assert set(entries) == set(students)
    assert outcome(entries) == {s: o for s, o in outcome(local_run).items() if s in students}
    survivor = [address for name, address in workers.items() if name != victim][0]
    assert entries[student]["worker"] == survivor, f"{student} was being graded on {victim} when it was killed"
    state = json.loads((root / "autograder" / "state.json").read_text())["submissions"]
    assert sorted(state) == sorted(f"{ASSIGNMENT}/{s}" for s in students)
    assert set(runner.grade_rows(root, ASSIGNMENT)) == set(students)


def test_a_job_whose_worker_dies_without_a_retry_is_reported_and_graded_next_run(tmp_path):
    root = make_class(tmp_path / "class", ("solution",))
    env = dict(os.environ, DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES="0")
    with LoopbackCluster(workers=1, folder=tmp_path / "dask", env=env) as strict:
        process = subprocess.Popen(autograde_args(root, "--dask-scheduler", strict.address), cwd=ROOT,
                                   env=runner.tool_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True, start_new_session=True)
        try:
            victim, student = wait_for_a_grading(strict)
            strict.kill_worker(victim)
            output, _ = process.communicate(timeout=300)
        finally:
            if process.poll() is None:
                os.killpg(process.pid, 9)
                process.wait()
    assert process.returncode == 0, output[-3000:]
    entry = read_report(root)["solution"]
    assert entry["status"] == "grader-error" and "died" in entry["notes"][0], entry
    assert "solution" in output and "died" in output, "the failure is in the printed problems"
    grades = runner.grade_rows(root, ASSIGNMENT)["solution"]
    assert all(g["needs_manual_grade"] and g["score"] == 0 for g in grades.values())
    stdout, entries = run_autograde(root, "--jobs", "1")
    assert "1 to grade" in stdout and entries["solution"]["status"] == "graded"
    assert entries["solution"]["autograded_score"] == entries["solution"]["autograded_max"] > 0


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path):
    root = make_class(tmp_path / "class", ("broken-empty",))
    address = f"tcp://127.0.0.1:{free_port()}"
    result = subprocess.run(autograde_args(root, "--dask-scheduler", address, "--dask-wait", "3"), cwd=ROOT,
                            env=runner.tool_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert f"cannot reach the Dask scheduler at {address}" in result.stderr + result.stdout
    assert not (root / "autograder" / "report.json").exists()


def slurm_script(*args, config=None):
    extra = ["--slurm-config", str(config)] if config else []
    return subprocess.run([sys.executable, "-m", "autograder.autograde", "--slurm", "--slurm-print-job-script",
                           "--slurm-scheduler-host", "127.0.0.1", *extra, *args],
                          cwd=ROOT, env=runner.tool_env(), capture_output=True, text=True, timeout=120)


def test_slurm_options_make_the_job_script(tmp_path):
    """What sbatch would get, from dask-jobqueue itself (no Slurm is running here)."""
    config = tmp_path / "jobqueue.yaml"
    config.write_text("jobqueue:\n  slurm:\n    account: from-config\n    queue: from-config\n"
                      "    walltime: '01:00:00'\n    job-extra-directives: ['--constraint=cpu']\n")
    result = slurm_script("--slurm-queue", "batch", "--slurm-cores", "8", "--slurm-memory", "12GB",
                          "--slurm-prologue", "source /opt/course/.venv/bin/activate",
                          "--slurm-prologue", "cd $TMPDIR", "--slurm-python", "/opt/course/.venv/bin/python",
                          config=config)
    assert result.returncode == 0, result.stderr[-3000:]
    script = result.stdout
    lines = script.splitlines()
    for expected in ("#SBATCH -p batch", "#SBATCH -A from-config", "#SBATCH -n 1", "#SBATCH --cpus-per-task=8",
                     "#SBATCH -t 01:00:00", "#SBATCH --constraint=cpu",
                     "source /opt/course/.venv/bin/activate", "cd $TMPDIR"):
        assert expected in lines, f"{expected!r} missing from the job script:\n{script}"
    assert any(line.startswith("#SBATCH --mem=") for line in lines), script
    worker = [line for line in lines if "distributed.cli.dask_worker" in line]
    assert len(worker) == 1 and worker[0].startswith("/opt/course/.venv/bin/python -m distributed.cli.dask_worker")
    # one worker process per job, one grading per core, connecting to the scheduler in the grader's process
    assert "tcp://127.0.0.1:" in worker[0] and "--nthreads 8" in worker[0] and "--nworkers" not in worker[0], worker
    assert lines.index("source /opt/course/.venv/bin/activate") < lines.index(worker[0])


def test_slurm_without_cores_or_a_bad_config_says_what_is_missing(tmp_path):
    result = slurm_script("--slurm-memory", "8GB")
    assert result.returncode != 0 and "--slurm needs --slurm-cores" in result.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("slurm: [not, the, format]\n")
    result = slurm_script("--slurm-cores", "2", "--slurm-memory", "4GB", config=bad)
    assert result.returncode != 0 and "jobqueue: slurm:" in result.stderr, result.stderr


def test_a_worker_imports_the_grader_package_without_the_course():
    """``python -m autograder.remote_job`` imports ``autograder`` before it puts the bundle's course
    on its path; a worker's environment need not have ``grading`` at all."""
    probe = "import sys; sys.modules['grading'] = sys.modules['course'] = None; import autograder"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
