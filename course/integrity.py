"""Keep what the tests rely on intact while a notebook is graded.

nbgrader runs a student's cells and the instructor's test cells in one Python
process, so a submission could rebind ``np.allclose``, ``numpy.testing``,
builtins or ``course.checks`` to make wrong answers pass. Loaded as an IPython
extension in every grading kernel (``nbgrader_config.py`` passes it on the
kernel's command line, where no cell can remove it), this module snapshots
those namespaces and puts every changed or deleted name back before each cell
runs. Names a cell *adds* are left alone.

It also turns ``os._exit``, ``os.abort`` and signals a notebook sends to its
own kernel (or to nbgrader) into an error in that cell, so one bad cell does
not stop the grading of the rest of the notebook.

It never changes what a correct notebook computes: a notebook has no reason
to rebind NumPy, Keras, builtins or the course helpers, or to end its kernel.
"""
import importlib
import os
import posix
import signal
import sys

#: The arguments a grading kernel is started with (``c.Execute.extra_arguments`` in
#: ``nbgrader_config.py``, and the kernel ``grading/early_kernel.py`` starts): nbgrader's usual
#: in-memory history, and this module as an extension, on the command line where no cell can remove it.
KERNEL_ARGUMENTS = (
    "--HistoryManager.hist_file=:memory:",
    "--InteractiveShellApp.extensions=course.integrity",
)

#: Snapshotted when the kernel starts.
GUARDED_AT_START = (
    "builtins", "numpy", "numpy.testing", "numpy.linalg", "numpy.random",
    "course", "course.checks", "course.gradcheck", "course.data", "course.runtime",
    "course.exercises", "course.exercises.values", "course.exercises.standins", "course.training",
    "os", "posix", "signal",
)
#: The instructor's hidden cases: there while grading, absent from what students receive.
GUARDED_IF_PRESENT = ("grading",)
#: Snapshotted before the first cell that runs after they were imported (the
#: locked setup cell imports them, so that is before any student cell).
GUARDED_ONCE_IMPORTED = ("keras", "keras.layers", "keras.ops", "keras.utils")
#: IPython rebinds these on purpose (the last results).
UNGUARDED_NAMES = {"_", "__", "___"}
_MISSING = object()


class GradingGuardError(RuntimeError):
    """A notebook tried to end or signal the grading kernel."""


def _called_from_a_cell():
    """True when a notebook cell's code is on the call stack."""
    frame = sys._getframe(2)
    while frame is not None:
        filename = frame.f_code.co_filename
        if "ipykernel_" in filename or filename.startswith("<ipython-input"):
            return True
        frame = frame.f_back
    return False


def block_kernel_exits():
    """Replace the calls that end or signal the kernel by guarded versions."""
    protected = {os.getpid(), os.getppid(), 0, -1}
    real = {"_exit": os._exit, "abort": os.abort, "kill": os.kill, "killpg": os.killpg,
            "raise_signal": signal.raise_signal, "pthread_kill": signal.pthread_kill}

    def refuse(what):
        raise GradingGuardError(f"{what} was called from the notebook; it would stop the grader, "
                                "so it is disabled while the notebook is graded")

    def _exit(status=0):
        if _called_from_a_cell():
            refuse(f"os._exit({status})")
        real["_exit"](status)

    def abort():
        if _called_from_a_cell():
            refuse("os.abort()")
        real["abort"]()

    def kill(pid, sig):
        if pid in protected or -pid == os.getpgid(0):
            if _called_from_a_cell():
                refuse(f"os.kill({pid}, {sig})")
        real["kill"](pid, sig)

    def killpg(pgid, sig):
        if pgid in (os.getpgid(0), 0) and _called_from_a_cell():
            refuse(f"os.killpg({pgid}, {sig})")
        real["killpg"](pgid, sig)

    def raise_signal(sig):
        if _called_from_a_cell():
            refuse(f"signal.raise_signal({sig})")
        real["raise_signal"](sig)

    def pthread_kill(thread_id, sig):
        if _called_from_a_cell():
            refuse(f"signal.pthread_kill(..., {sig})")
        real["pthread_kill"](thread_id, sig)

    os._exit = posix._exit = _exit
    os.abort = posix.abort = abort
    os.kill = posix.kill = kill
    os.killpg = posix.killpg = killpg
    signal.raise_signal = raise_signal
    signal.pthread_kill = pthread_kill


def make_guard():
    """Return ``restore()``, a closure over its own snapshots (no module state to tamper with).

    ``restore()`` puts back every guarded module object in ``sys.modules`` and
    every changed or deleted name in it, and returns what it had to restore
    as a list of ``"module.name"`` strings.
    """
    snapshots = {}

    def snapshot(name):
        module = sys.modules.get(name) or importlib.import_module(name)
        snapshots[name] = (module, dict(vars(module)))

    for name in GUARDED_AT_START:
        snapshot(name)
    for name in GUARDED_IF_PRESENT:
        try:
            snapshot(name)
        except ImportError:
            pass

    def restore():
        for name in GUARDED_ONCE_IMPORTED:
            if name not in snapshots and name in sys.modules:
                snapshot(name)
        restored = []
        for name, (module, saved) in snapshots.items():
            if sys.modules.get(name) is not module:
                sys.modules[name] = module
                restored.append(name)
            namespace = vars(module)
            for key, value in saved.items():
                if key not in UNGUARDED_NAMES and namespace.get(key, _MISSING) is not value:
                    namespace[key] = value
                    restored.append(f"{name}.{key}")
        return restored

    return restore


def _preload_hidden_cases():
    """Read the hidden cases of the notebook being graded before any of its cells runs.

    nbgrader runs a notebook in its own folder, named after the assignment;
    the instructors' ``grading`` package is there only while grading.
    """
    try:
        import grading
    except ImportError:
        return
    grading.preload(os.path.basename(os.getcwd()))


def load_ipython_extension(ipython):
    """IPython entry point (``--InteractiveShellApp.extensions=course.integrity``)."""
    block_kernel_exits()
    _preload_hidden_cases()
    restore = make_guard()

    def before_cell(info=None):
        restore()

    def after_cell(result=None):
        # A cell could unregister the hook: put it back for the next cell.
        if before_cell not in ipython.events.callbacks.get("pre_run_cell", []):
            ipython.events.register("pre_run_cell", before_cell)
        restore()

    ipython.events.register("pre_run_cell", before_cell)
    ipython.events.register("post_run_cell", after_cell)
