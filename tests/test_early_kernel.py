"""The kernel that starts while nbgrader starts (grading/early_kernel.py, grading/nbgrader_command.py)."""
import asyncio
import json
import os
import queue
import subprocess
import sys
from pathlib import Path

import nbformat
import psutil
import pytest
from nbclient import NotebookClient

from autograder import runner
from grading import early_kernel

ROOT = Path(__file__).resolve().parent.parent


def _notebook(path, *sources):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, str(path))
    return path


def test_the_setup_cell_names_the_modules_to_import(tmp_path):
    path = tmp_path / "release" / "a" / "a.ipynb"
    _notebook(path, "# setup\nimport course\nfrom course import plots, widgets\nimport numpy as np, json\n"
                    "from . import local\nx = 1\n", "import keras")
    assert early_kernel.setup_cell_imports(path) == [
        "course", "course.plots", "course.widgets", "numpy", "json"]        # the first code cell only
    assert early_kernel._assignment_notebook(tmp_path, ["autograde", "--force", "a"]) == path
    assert early_kernel._assignment_notebook(tmp_path, ["autograde", "b"]) is None
    (tmp_path / "broken.ipynb").write_text("{not json")
    assert early_kernel.setup_cell_imports(tmp_path / "broken.ipynb") == []
    assert early_kernel.start(["validate", "a"], tmp_path) is None       # only autograde starts one


@pytest.fixture
def early(tmp_path, monkeypatch):
    """An early kernel for assignment ``a`` (its setup cell imports ``json`` and ``wave``), ended afterwards."""
    monkeypatch.chdir(tmp_path)
    _notebook(tmp_path / "release" / "a" / "a.ipynb", "import json\nimport wave")
    kernel = early_kernel.start(["autograde", "a"], tmp_path)
    yield kernel
    early_kernel.end_unclaimed()
    kernel.end()


def _run(notebook, folder, env):
    """Run ``notebook`` in ``folder`` as nbgrader's Execute would, with ``env`` as this process's environment."""
    old = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        client = NotebookClient(notebook, kernel_name="python3", kernel_manager_class=early_kernel.EarlyKernelManager,
                                extra_arguments=list(early_kernel.KERNEL_ARGUMENTS), startup_timeout=120,
                                resources={"metadata": {"path": str(folder)}})
        client.execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    return json.loads(notebook.cells[0].outputs[0]["text"])


PROBE = ("import json, os, sys\n"
         "print(json.dumps({'pid': os.getpid(), 'cwd': os.getcwd(), 'path': sys.path,\n"
         "                  'grading': os.environ.get('NBGRADER_EXECUTION'), 'wave': 'wave' in sys.modules,\n"
         "                  'names': sorted(n for n in globals() if not n.startswith('_'))}))")


def test_the_notebook_runs_in_the_early_kernel_moved_to_its_folder(early, tmp_path):
    folder = tmp_path / "autograded" / "student" / "a"
    folder.mkdir(parents=True)
    # nbgrader's environment when it asks for the kernel: the one the early kernel was started with
    # (pytest's own variable has changed since the fixture ran)
    seen = _run(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE)]), folder, early.env)
    assert seen["pid"] == early.process.pid
    assert seen["cwd"] == str(folder)
    assert str(tmp_path) not in seen["path"], "the launch folder is still on the kernel's sys.path"
    assert seen["grading"] == "autograde"
    assert seen["wave"], "the setup cell's imports were not made while the kernel started"
    assert early.process.poll() is not None, "the adopted kernel outlived its notebook"
    assert not Path(early.manager.connection_file).exists()
    # a second notebook gets a kernel of its own, launched as usual: the same namespace (the early
    # imports left nothing in the student's), the same sys.path (but for its own folder)
    fresh = _run(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE)]), folder, early.env)
    assert fresh["pid"] != early.process.pid and not fresh["wave"]
    assert seen["names"] == fresh["names"]
    assert seen["path"] == fresh["path"]


def test_the_adopted_kernels_client_is_ready_with_nothing_stale_to_read(early, tmp_path):
    """Its client skips jupyter_client's 0.2 s of IOPub quiet, and still reads only the replies to what it sends."""
    async def first_cell():
        manager = early_kernel.EarlyKernelManager(kernel_name="python3")
        await manager.start_kernel(extra_arguments=list(early_kernel.KERNEL_ARGUMENTS), cwd=str(tmp_path))
        client = manager.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=120)
            with pytest.raises(queue.Empty):            # the kernel_info request's status messages were read
                await client.get_iopub_msg(timeout=0.5)
            msg_id = client.execute("print(6 * 7)")
            messages = [await client.get_iopub_msg(timeout=30) for _ in range(4)]
            return manager.adopted_early, msg_id, messages
        finally:
            client.stop_channels()
            await manager.shutdown_kernel(now=True)

    old = dict(os.environ)
    os.environ.clear()
    os.environ.update(early.env)
    try:
        adopted, msg_id, messages = asyncio.run(first_cell())
    finally:
        os.environ.clear()
        os.environ.update(old)
    assert adopted
    assert [m["msg_type"] for m in messages] == ["status", "execute_input", "stream", "status"]
    assert all(m["parent_header"]["msg_id"] == msg_id for m in messages)
    assert messages[2]["content"]["text"] == "42\n"


def test_a_kernel_started_for_another_environment_is_not_adopted(early, tmp_path):
    seen = _run(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE)]), tmp_path,
                dict(early.env, COURSE_SOMETHING_NEW="1"))
    assert seen["pid"] != early.process.pid
    assert not seen["wave"]
    assert early.process.poll() is not None, "the early kernel nobody adopted is still running"


def test_an_unclaimed_early_kernel_is_ended(early):
    assert early.process.poll() is None
    early_kernel.end_unclaimed()
    assert early.process.poll() is not None
    assert not Path(early.manager.connection_file).exists()


def test_nbgrader_command_ends_its_early_kernel_when_nbgrader_fails(tmp_path):
    """An autograde that fails before any notebook runs: nbgrader's exit status, and no kernel left behind."""
    course = runner.make_course(tmp_path / "course", [])
    _notebook(course / "release" / "nothing" / "nothing.ipynb", "import json")
    scratch = tmp_path / "tmp"            # the kernel's connection file goes to TMPDIR
    scratch.mkdir()
    before = {p.pid for p in psutil.process_iter()}
    result = subprocess.run([sys.executable, *runner.NBGRADER_ARGS, "autograde", "nothing", "--student", "x"],
                            cwd=course, env=runner.tool_env({"TMPDIR": str(scratch)}), capture_output=True, text=True,
                            timeout=300)
    assert result.returncode != 0, result.stderr[-2000:]
    assert "nothing" in result.stderr
    left = [p for p in psutil.process_iter(["pid", "cmdline"]) if p.pid not in before
            and "ipykernel_launcher" in " ".join(p.info["cmdline"] or [])]
    assert not left, f"kernels left running: {left}"
    assert not list(scratch.glob("*.json")), "the early kernel's connection file was left behind"


@pytest.mark.parametrize("args", [["--version"], ["no_such_command"], ["autograde", "zzz", "--student", "x"]])
def test_nbgrader_command_exits_as_nbgrader_does(args, tmp_path):
    course = runner.make_course(tmp_path / "course", [])
    ours, theirs = (subprocess.run(command + args, cwd=course, env=runner.tool_env(), capture_output=True,
                                   text=True, timeout=300)
                    for command in ([sys.executable, *runner.NBGRADER_ARGS], [str(Path(sys.executable).with_name("nbgrader"))]))
    assert ours.returncode == theirs.returncode, (ours.stderr[-1000:], theirs.stderr[-1000:])
    assert bool(ours.stdout.strip()) == bool(theirs.stdout.strip())
