"""The grading kernel starts while nbgrader itself is still starting.

Autograding one submission costs a kernel start and the notebook's imports
(TensorFlow alone takes 3-4 s here) plus nbgrader's own start (about 1.7 s of
imports and preparation before it asks for a kernel), one after the other.
``grading.nbgrader_command`` calls :func:`start` before it imports nbgrader: a
kernel is launched exactly as nbclient would launch it (same command, same
arguments, same environment, ``NBGRADER_EXECUTION=autograde`` included) and
imports the modules the assignment's setup cell imports, on the other core,
while nbgrader imports. nbgrader's ``Execute`` (``grading.execute``, named in
``nbgrader_config.py``) then adopts that kernel instead of launching one, moves
it into the notebook's folder, and runs the notebook in it.

The adoption is strict: a kernel started for a different command or
environment, one that has died, or a second notebook in the same run gets a
kernel launched the ordinary way, and an early kernel nobody adopted is killed
when the command ends. Plain ``nbgrader autograde`` (no early kernel) behaves as
nbgrader's own ``Execute``.
"""
import ast
import json
import os
import queue
import time
from pathlib import Path

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager, KernelManager
from traitlets import Type

from course.integrity import KERNEL_ARGUMENTS  # what every grading kernel is started with

#: Seconds the adopted kernel may take to answer (its imports may still be running on a busy machine).
STARTUP_TIMEOUT = 120

#: The option that makes an early kernel import its modules while it starts (it runs before the
#: kernel answers its first request, after the extensions load, as a notebook's first cell would).
_IMPORTS_OPTION = "--IPKernelApp.exec_lines="


class EarlyKernel:
    """A kernel process launched before nbgrader asked for it, with what it was launched with."""

    def __init__(self, process, manager, command, env, cwd):
        self.process = process
        # the manager that wrote the kernel's connection file: it removes the file when it is
        # collected, and a kernel that finds no file picks ports of its own
        self.manager = manager
        self.command = command                  # without the connection file and the imports option
        self.env = env
        self.connection_info = manager.get_connection_info()
        self.cwd = cwd

    def forget_connection_file(self):
        """Remove the kernel's connection file (once it has answered, it has read it)."""
        self.manager.cleanup_connection_file()

    def end(self):
        """Kill the kernel (nobody adopted it) and remove its connection file."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.forget_connection_file()


#: The kernel :func:`start` launched, until a notebook adopts it (or :func:`end_unclaimed` ends it).
_waiting = None


def setup_cell_imports(notebook_path):
    """Modules the first code cell of a notebook imports (``import a.b``, ``from a import b``), in order.

    ``from a import b`` names ``a`` and, when ``b`` is a submodule, ``a.b``; which one it is
    is settled when the kernel imports them. A notebook that cannot be read names none.
    """
    try:
        cells = json.loads(Path(notebook_path).read_text())["cells"]
        source = next(cell for cell in cells if cell["cell_type"] == "code")["source"]
        tree = ast.parse("".join(source) if isinstance(source, list) else source)
    except (OSError, ValueError, KeyError, StopIteration, SyntaxError):
        return []
    names = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names += [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
    return list(dict.fromkeys(names))


def _imports_code(modules):
    """One line for the kernel: import each module, in a namespace of its own (the student's stays empty).

    A module that fails here is left alone: the notebook's own import of it fails again,
    in its cell, where the error belongs.
    """
    body = ("import importlib\n"
            f"for name in {modules!r}:\n"
            "    try:\n"
            "        importlib.import_module(name)\n"
            "    except Exception:\n"
            "        pass\n")
    return f"exec({body!r}, {{}})"


def _assignment_notebook(root, argv):
    """The release (or source) notebook of the assignment ``nbgrader autograde ARGS`` names, if there is one."""
    names = [arg for arg in argv[1:] if not arg.startswith("-")]
    if not names:
        return None
    for kind in ("release", "source"):
        path = Path(root) / kind / names[0] / f"{names[0]}.ipynb"
        if path.is_file():
            return path
    return None


def start(argv, root="."):
    """Launch the kernel of ``nbgrader ARGS`` now, if ARGS are an ``autograde``; returns it or None."""
    global _waiting
    if not argv or argv[0] != "autograde" or _waiting is not None:
        return None
    from jupyter_client.launcher import launch_kernel

    notebook = _assignment_notebook(root, argv)
    modules = setup_cell_imports(notebook) if notebook else []
    manager = KernelManager(kernel_name="python3")
    env = dict(os.environ, NBGRADER_EXECUTION="autograde")       # what nbgrader's Autograde sets
    command, launch = manager.pre_start_kernel(extra_arguments=list(KERNEL_ARGUMENTS), env=env)
    cwd = os.path.abspath(root)
    extra = [_IMPORTS_OPTION + _imports_code(modules)] if modules else []
    env = dict(launch["env"])   # as the notebook's launch asks for it, before launch_kernel adds JPY_PARENT_PID
    process = launch_kernel(command + extra, cwd=cwd, **launch)
    _waiting = EarlyKernel(process, manager, [arg for arg in command if arg != manager.connection_file], env, cwd)
    return _waiting


def end_unclaimed():
    """Kill the early kernel if no notebook adopted it."""
    global _waiting
    if _waiting is not None:
        _waiting.end()
        _waiting = None


def _claim(command, env, log):
    """The early kernel, if it was launched for this command and environment and still runs; else None."""
    global _waiting
    early, _waiting = _waiting, None
    if early is None:
        return None
    if early.command != command:
        why = f"it was started as {early.command}, the notebook's as {command}"
    elif early.env != env:
        why = "its environment differs in " + ", ".join(sorted(k for k in set(early.env) | set(env or {})
                                                               if early.env.get(k) != (env or {}).get(k)))
    elif early.process.poll() is not None:
        why = f"it ended (exit {early.process.returncode})"
    else:
        log.info("Adopting the kernel started early (pid %s)", early.process.pid)
        return early
    log.info("Not adopting the kernel started early: %s; launching another", why)
    early.end()
    return None


#: Runs in the adopted kernel before the notebook's first cell: the folder it would have been
#: started in, as the current directory and on ``sys.path`` where the launch folder was.
_MOVE_CODE = ("exec('import os, sys\\nos.chdir(new)\\nsys.path[:] = [new if p == old else p for p in sys.path]',"
              " {{'new': {new!r}, 'old': {old!r}}})")


class EarlyKernelClient(AsyncKernelClient):
    """nbclient's kernel client; for an adopted kernel, ready as soon as it is known to be listening.

    jupyter_client's ``wait_for_ready`` waits for a ``kernel_info`` reply and an IOPub message
    (proof that the IOPub subscription is live), then until IOPub has been quiet for 0.2 s, to
    drop whatever a starting kernel printed. For an adopted kernel that quiet is paid twice per
    notebook (the adoption's client, then nbclient's), so here the wait ends with the IOPub
    message that says the kernel is idle again after this request: everything it sent before
    has been read by then. Other kernels get jupyter_client's wait.
    """

    async def wait_for_ready(self, timeout=None):
        if not getattr(self.parent, "adopted_early", False):
            return await super().wait_for_ready(timeout=timeout)
        timeout = STARTUP_TIMEOUT if timeout is None else timeout
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg_id = self.kernel_info()
            try:
                reply = await self.get_shell_msg(timeout=1)
                while reply["parent_header"].get("msg_id") != msg_id:
                    reply = await self.get_shell_msg(timeout=1)
                self._handle_kernel_info_reply(reply)
                while True:                 # Empty here: the subscription was not live yet; ask again
                    message = await self.get_iopub_msg(timeout=0.2)
                    if (message["msg_type"] == "status" and message["parent_header"].get("msg_id") == msg_id
                            and message["content"]["execution_state"] == "idle"):
                        return
            except queue.Empty:
                if not await self.is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
        raise RuntimeError(f"Kernel didn't respond in {timeout:g} seconds")


class EarlyKernelManager(AsyncKernelManager):
    """nbclient's kernel manager, adopting the early kernel when it was launched for this notebook."""

    # what ``client()`` makes (the trait, not ``client_class``: AsyncKernelManager's has a fixed default)
    client_factory = Type(EarlyKernelClient, klass=AsyncKernelClient)
    _adopted = None
    adopted_early = False          # this manager's kernel is the early one (its client knows it started)

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        command = [arg for arg in kernel_cmd if arg != self.connection_file]
        early = _claim(command, kw.get("env"), self.log)
        self.adopted_early = early is not None
        if early is None:
            return await super()._async_launch_kernel(kernel_cmd, **kw)
        provisioner = self.provisioner
        provisioner.process, provisioner.pid = early.process, early.process.pid
        provisioner.pgid = os.getpgid(early.process.pid)
        provisioner.cwd = kw.get("cwd") or os.getcwd()
        provisioner.connection_info = early.connection_info
        self._reconcile_connection_info(early.connection_info)     # the kernel's ports and key, not the new file's
        self._adopted = early

    async def _async_post_start_kernel(self, **kw):
        await super()._async_post_start_kernel(**kw)
        if self._adopted is None:
            return
        early, self._adopted = self._adopted, None
        new = str(self.provisioner.cwd)
        client = self.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=STARTUP_TIMEOUT)
            early.forget_connection_file()
            msg_id = client.execute(_MOVE_CODE.format(new=new, old=early.cwd), silent=True, store_history=False,
                                    allow_stdin=False)
            while True:
                reply = await client.get_shell_msg(timeout=STARTUP_TIMEOUT)
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"the early kernel could not move to {new}: {reply['content'].get('evalue')}")
        finally:
            client.stop_channels()
