"""Where the class grader's jobs run: a local pool (the default) or a Dask cluster.

    python -m autograder.autograde                                  # local pool, --jobs at a time
    python -m autograder.autograde --dask-scheduler tcp://HOST:8786  # a running dask.distributed cluster
    python -m autograder.autograde --slurm --slurm-jobs 10 ...      # workers started as Slurm jobs

Every engine takes ``(job, sha)`` pairs from ``autograder.autograde`` and
yields ``(job, sha, result)`` once per job, in the order they finish; a result
is ``autograder.worker.grade``'s dict plus ``worker``, the address (or
``local``) of whoever graded it. The coordinator alone writes the gradebook.

On Dask a worker gets the submission's bytes and a bundle of the course
(``autograder.dask_task``); no shared filesystem is needed. When a worker dies
mid-job, the scheduler gives the job to another worker (up to
``distributed.scheduler.allowed-failures`` deaths, 3 by default); past that,
or on any other failure of the grader, the submission is reported as a
``grader-error`` (graded again by the next run), never dropped. Each job is
yielded once, however often it ran.
"""
import concurrent.futures
import contextlib
import hashlib
import io
import socket
import tarfile
import time
import uuid
from pathlib import Path

from .worker import grade, stop_all

#: The grader's own modules that a Dask worker needs (the samples are not sent).
GRADER_MODULES = ("__init__.py", "worker.py", "runner.py", "normalize.py", "limited.py",
                  "locate_crash.py", "remote_job.py", "verifier.py")
SLURM_OPTIONS = ("queue", "account", "cores", "memory", "walltime", "python", "local_directory")


def add_arguments(parser):
    """The engine's command-line options (``autograder.autograde`` adds them to its own)."""
    group = parser.add_argument_group(
        "where jobs run", "default: a local pool of --jobs; with a Dask engine --jobs is ignored "
                          "(the cluster's worker threads decide)")
    group.add_argument("--dask-scheduler", metavar="ADDRESS",
                       help="grade on a running dask.distributed cluster, e.g. tcp://127.0.0.1:8786")
    group.add_argument("--slurm", action="store_true",
                       help="start Dask workers as Slurm jobs (dask-jobqueue's SLURMCluster) and grade on them")
    group.add_argument("--slurm-config", metavar="YAML", type=Path,
                       help="dask-jobqueue settings (jobqueue: slurm: ...); the options below override it")
    group.add_argument("--slurm-jobs", type=int, default=2, help="Slurm jobs to start, each one worker (default 2)")
    group.add_argument("--slurm-queue", help="partition (#SBATCH -p)")
    group.add_argument("--slurm-account", help="account to charge (#SBATCH -A)")
    group.add_argument("--slurm-cores", type=int, help="cores per job = submissions it grades at once")
    group.add_argument("--slurm-memory", help="memory per job, e.g. 16GB (about 1.5 GB per core)")
    group.add_argument("--slurm-walltime", help="wall time per job, e.g. 02:00:00")
    group.add_argument("--slurm-prologue", action="append", metavar="COMMAND",
                       help="shell line run before the worker starts, e.g. 'source ~/course/.venv/bin/activate' "
                            "(repeatable)")
    group.add_argument("--slurm-python", help="the Python that runs the worker (default: this one, as on the login node)")
    group.add_argument("--slurm-local-directory", help="node-local scratch for the workers, e.g. $TMPDIR")
    group.add_argument("--slurm-scheduler-host", metavar="HOST",
                       help="address the scheduler (in this process) listens on, one the compute nodes can reach")
    group.add_argument("--slurm-interface", help="network interface for scheduler and workers, e.g. ib0")
    group.add_argument("--slurm-print-job-script", action="store_true",
                       help="print the job script sbatch would get, and exit")
    group.add_argument("--dask-wait", type=float, default=600,
                       help="seconds to wait for the first worker (default 600)")


def failed(job, note, worker=None):
    """The result of a job the grader itself could not finish: reported, graded again next run."""
    return {"student": job.student, "assignment": job.assignment, "status": "grader-error", "grades": None,
            "autograded": None, "notes": [note], "worker": worker}


class LocalEngine:
    """Jobs in threads of this process, each grading in its own subprocesses."""

    dispatch_s = 0.0          # nothing to send

    def __init__(self, jobs):
        self.jobs = jobs

    def describe(self, count):
        return f"{min(self.jobs, max(count, 1))} parallel jobs"

    def results(self, pairs, paths):
        worker = f"local:{socket.gethostname()}"
        with concurrent.futures.ThreadPoolExecutor(max_workers=self.jobs) as pool:
            futures = {pool.submit(grade, job): (job, sha) for job, sha in pairs}
            try:
                for future in concurrent.futures.as_completed(futures):
                    job, sha = futures[future]
                    try:
                        result = future.result()
                    except Exception as err:  # a bug in the grader itself: report it, keep going
                        result = failed(job, f"grader error: {err!r}")
                    result["worker"] = worker
                    yield job, sha, result
            except (KeyboardInterrupt, GeneratorExit):
                # interrupted: start nothing more, end what runs (the pool then waits for it briefly)
                pool.shutdown(wait=False, cancel_futures=True)
                stop_all()
                raise

    def close(self):
        pass


def make_bundle(paths, pristine, jobs):
    """The tar.gz every Dask worker unpacks per job, and its SHA-256."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=6) as tar:
        def add(path, name):
            info = tar.gettarinfo(str(path), arcname=name)
            info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""   # same files, same digest
            with open(path, "rb") as handle:
                tar.addfile(info, handle)

        here = Path(__file__).resolve().parent
        for module in GRADER_MODULES:
            add(here / module, f"autograder/{module}")
        add(paths.root / "nbgrader_config.py", "nbgrader_config.py")
        for path in sorted(p for p in pristine.rglob("*") if p.is_file()):
            add(path, f"pristine/{path.relative_to(pristine).as_posix()}")
        for job in sorted({(j.assignment, j.release, j.template_db) for j in jobs}):
            assignment, release, template = job
            add(release, f"release/{assignment}/{assignment}.ipynb")
            add(template, f"templates/{template.name}")
    data = buffer.getvalue()
    return data, hashlib.sha256(data).hexdigest()


def submission_files(folder):
    """``{relative path: bytes}`` of a submission folder (what the worker gets)."""
    folder = Path(folder)
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class DaskEngine:
    """Jobs as tasks of a dask.distributed cluster; results come back as bytes."""

    def __init__(self, client, cluster=None, label=None):
        self.client, self.cluster = client, cluster
        self.label = label or client.scheduler.address
        self.plugin = None
        self.dispatch_s = 0.0     # bundling the course, registering it, submitting the jobs

    def describe(self, count):
        info = self.client.scheduler_info()
        workers = info.get("workers", {})
        threads = sum(w.get("nthreads", 0) for w in workers.values())
        return f"the Dask cluster at {self.label} ({len(workers)} workers, {threads} threads now)"

    def results(self, pairs, paths):
        import cloudpickle
        from distributed import as_completed

        from . import dask_task

        pairs = list(pairs)
        if not pairs:
            return
        started = time.time()
        # The worker-side code goes by value: a worker needs the environment, not a checkout.
        cloudpickle.register_pickle_by_value(dask_task)
        pristine = pairs[0][0].pristine
        data, digest = make_bundle(paths, pristine, [job for job, _ in pairs])
        self.plugin = dask_task.plugin_name(digest)
        self.client.register_plugin(dask_task.CourseBundle(data, digest), name=self.plugin)
        task = _by_value(dask_task.grade_on_worker)
        futures = {}
        for job, sha in pairs:
            spec = {"student": job.student, "assignment": job.assignment, "template": job.template_db.name,
                    "cell_timeout": job.cell_timeout, "job_timeout": job.job_timeout,
                    "memory_limit": job.memory_limit}
            try:
                files = submission_files(job.submission)
            except OSError as err:
                yield job, sha, failed(job, f"could not read the submission: {err}")
                continue
            # The key names the submission (dashboards, logs); its random tail keeps a task that a
            # killed run left on the scheduler from standing in for this run's.
            future = self.client.submit(task, spec, files, self.plugin,
                                        key=f"grade-{job.assignment}-{job.student}-{uuid.uuid4().hex[:12]}")
            futures[future] = (job, sha)
        self.dispatch_s = round(time.time() - started, 3)
        done = set()
        for future in as_completed(list(futures)):
            job, sha = futures[future]
            if future.key in done:      # as_completed yields each future once; belt and braces
                continue
            done.add(future.key)
            try:
                result = future.result()
            except Exception as err:
                result = failed(job, _explain(err))
            else:
                result = self._receive(job, result)
            future.release()
            yield job, sha, result

    @staticmethod
    def _receive(job, result):
        """Write the autograded notebook's bytes where ``publish`` takes it from (the job's scratch)."""
        content = result.pop("autograded_bytes", None)
        if content is not None:
            job.scratch.mkdir(parents=True, exist_ok=True)
            target = job.scratch / "autograded.ipynb"
            target.write_bytes(content)
            result["autograded"] = str(target)
        return result

    def close(self):
        if self.plugin:
            with contextlib.suppress(Exception):
                self.client.unregister_worker_plugin(self.plugin)
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _by_value(function):
    """``function`` wrapped so that Dask pickles it by value, for the scheduler and the workers alike.

    Dask pickles a task with plain ``pickle`` first, which stores a module-level
    function by reference: the scheduler, which unpickles every task, and each
    worker would then have to import ``autograder``. A nested function cannot be
    pickled by reference, so Dask falls back to cloudpickle, which sends it, and
    ``function`` from a module registered with ``register_pickle_by_value``, as code.
    """
    def call(*args):
        return function(*args)

    return call


def _explain(err):
    """One sentence for the report about a task that failed on the cluster."""
    from distributed.scheduler import KilledWorker

    if isinstance(err, KilledWorker):
        return (f"grader error: the Dask workers grading it died each time it ran ({err.args[2] + 1} times, "
                f"last on {getattr(err.args[1], 'address', err.args[1])}); graded again by the next run")
    return f"grader error on the Dask cluster: {err!r}"


def slurm_cluster(args):
    """A ``dask_jobqueue.SLURMCluster`` from ``--slurm-config`` and the ``--slurm-*`` options."""
    import dask
    import yaml
    from dask_jobqueue import SLURMCluster

    if args.slurm_config:
        try:
            settings = yaml.safe_load(args.slurm_config.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as err:
            raise SystemExit(f"--slurm-config {args.slurm_config}: {err}") from None
        slurm = settings.get("jobqueue") if isinstance(settings, dict) else None
        if not isinstance(slurm, dict) or not isinstance(slurm.get("slurm"), dict):
            raise SystemExit(f"--slurm-config {args.slurm_config}: expected 'jobqueue: slurm: {{...}}' "
                             "(dask-jobqueue's configuration format)")
        dask.config.update(dask.config.config, settings, priority="new")
    options = {name: getattr(args, f"slurm_{name}") for name in SLURM_OPTIONS
               if getattr(args, f"slurm_{name}") is not None}
    if args.slurm_prologue:
        options["job_script_prologue"] = args.slurm_prologue
    if args.slurm_interface:
        options["interface"] = args.slurm_interface
    for name in ("cores", "memory"):
        if name not in options and dask.config.get(f"jobqueue.slurm.{name}", None) is None:
            raise SystemExit(f"--slurm needs --slurm-{name} (or jobqueue.slurm.{name} in --slurm-config)")
    # One worker process per job, one grading per core; the scheduler's HTTP endpoints stay local.
    scheduler = {"dashboard": False, "dashboard_address": "127.0.0.1:0"}
    if args.slurm_scheduler_host:
        scheduler["host"] = args.slurm_scheduler_host
    return SLURMCluster(processes=1, scheduler_options=scheduler, **options)


def job_script(args):
    """The script ``sbatch`` would get for one worker job (``--slurm-print-job-script``)."""
    cluster = slurm_cluster(args)
    try:
        return cluster.job_script()
    finally:
        cluster.close()


@contextlib.contextmanager
def open_engine(args, needed=True):
    """The engine the command line asks for, closed (Slurm jobs cancelled) on the way out.

    With nothing to grade (``needed`` false) no cluster is contacted or started.
    """
    if args.dask_scheduler and args.slurm:
        raise SystemExit("--dask-scheduler and --slurm exclude each other")
    if not needed or not (args.dask_scheduler or args.slurm):
        yield LocalEngine(args.jobs)
        return
    from distributed import Client

    cluster = None
    if args.slurm:
        cluster = slurm_cluster(args)
        cluster.scale(jobs=args.slurm_jobs)
        client, label = Client(cluster), f"Slurm ({args.slurm_jobs} jobs, scheduler {cluster.scheduler_address})"
    else:
        try:
            client = Client(args.dask_scheduler, timeout=min(30, args.dask_wait))
        except (OSError, TimeoutError) as err:
            raise SystemExit(f"cannot reach the Dask scheduler at {args.dask_scheduler}: {err}") from None
        label = args.dask_scheduler
    engine = DaskEngine(client, cluster, label)
    try:
        try:
            client.wait_for_workers(1, timeout=args.dask_wait)
        except TimeoutError:
            raise SystemExit(f"no Dask worker joined {label} within {args.dask_wait:g} s") from None
        yield engine
    finally:
        engine.close()
