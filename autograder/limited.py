"""Run a command under resource limits and, where possible, with folders read-only.

    python limited.py MEM_BYTES [--protect DIR]... [--writable DIR]... [--hide DIR]... [--show DIR]... -- CMD [ARGS...]

- The address-space limit is inherited by every process the command starts
  (nbgrader and the grading kernel): a submission that allocates without
  bound gets a ``MemoryError`` instead of pushing the machine into the
  out-of-memory killer.
- ``--protect`` folders (the course repository) are made read-only for the
  command, and ``--writable`` folders inside them (the job's scratch folder)
  stay writable, by re-running this launcher in a private mount namespace
  (``unshare -m``; root only). Where that is not possible the command runs
  without it, and the grader checks and restores the course files after each
  job instead.
- ``--hide`` folders (the course root: the instructor's hidden cases and
  solutions, the samples, other students' work) are covered by an empty
  in-memory file system in the same namespace, and ``--show`` folders inside
  them (the Python environment) and ``--writable`` ones (the job's scratch
  folder) are put back on top: the job sees nothing of the course but what it
  was given. Without root nothing is hidden, and the grader's report says so.

- Every process the command starts ends with it. As root the launcher runs in
  a new PID namespace (``unshare --pid --fork --kill-child``): when the job's
  first process ends, the kernel ends every process in the namespace, a
  daemon, a double fork or a new session included, and the namespace goes
  when the launcher is killed. Without root the launcher makes itself a child
  subreaper (``prctl(PR_SET_CHILD_SUBREAPER)``), so orphans of the job become
  its children, and kills all of them when the command ends or the launcher
  is told to stop (SIGTERM, SIGINT); only a launcher killed with SIGKILL
  leaves them (the grader's report says where containment is the weaker one).

A launcher process is used instead of ``preexec_fn``, which is unsafe in a
program that runs grading jobs from threads. Standard library only.
"""
import ctypes
import os
import resource
import shutil
import signal
import subprocess
import sys
import time

NAMESPACE_FLAG = "COURSE_GRADER_NAMESPACE"
PR_SET_CHILD_SUBREAPER = 36


OPTIONS = ("--protect", "--writable", "--hide", "--show")
#: Where the folders to put back wait while their parents are hidden (a private tmpfs in the namespace).
STAGING = "/tmp/.course-grader-mounts"


def parse(argv):
    """``(memory, {option: [folders]}, command)``."""
    memory = int(argv[0])
    folders, rest = {option: [] for option in OPTIONS}, argv[1:]
    while rest and rest[0] != "--":
        if rest[0] not in OPTIONS or len(rest) < 2:
            sys.exit(f"limited.py: unknown option {rest[0]!r} (expected one of {', '.join(OPTIONS)} DIR)")
        option, value, rest = rest[0], rest[1], rest[2:]
        folders[option].append(value)
    if not rest:
        sys.exit("usage: limited.py MEM_BYTES [--protect DIR]... [--writable DIR]... [--hide DIR]... "
                 "[--show DIR]... -- CMD [ARGS...]")
    return memory, folders, rest[1:]


def can_isolate():
    return os.geteuid() == 0 and shutil.which("unshare") and shutil.which("mount")


def containment():
    """How this machine contains a job's processes: ``"pid-namespace"`` (root) or ``"subreaper"``."""
    return "pid-namespace" if can_isolate() else "subreaper"


def _children(pid):
    """Process ids whose parent is ``pid`` (read from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def end_descendants():
    """Kill every process below this one, orphans adopted as a subreaper included, and reap them."""
    me = os.getpid()
    for _ in range(200):                  # a tree that keeps forking is cut down a level each round
        children = _children(me)
        if not children:
            return
        for pid in children:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        deadline = time.time() + 2
        while time.time() < deadline:
            try:
                if os.waitpid(-1, os.WNOHANG) == (0, 0):
                    time.sleep(0.01)
            except ChildProcessError:
                break


def supervise(command):
    """Run ``command`` as a child, return its exit status, then end everything it left behind."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    child = subprocess.Popen(command)

    def stop(signum, frame):
        end_descendants()
        sys.exit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        status = child.wait()
    finally:
        end_descendants()
    return status if status >= 0 else 128 - status


def _mount(*args):
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


def _inside(folder, parents):
    folder = os.path.realpath(folder)
    return any(folder == p or folder.startswith(p.rstrip("/") + "/") for p in map(os.path.realpath, parents))


def make_read_only(protect, writable, hide=(), show=()):
    """Inside the private namespace: protected folders read-only, writable ones back on top,
    hidden folders empty but for the shown (read-only) and writable folders inside them."""
    _mount("--make-rprivate", "/")
    for folder in protect:
        if not (_mount("--bind", folder, folder) and _mount("-o", "remount,bind,ro", folder, folder)):
            return False
    for folder in writable:
        # a bind mount inherits the read-only flag of the mount it comes from
        if not (_mount("--bind", folder, folder) and _mount("-o", "remount,bind,rw", folder, folder)):
            return False
    if not hide:
        return True
    kept = [(folder, False) for folder in show if _inside(folder, hide)]
    kept += [(folder, True) for folder in writable if _inside(folder, hide)]
    os.makedirs(STAGING, exist_ok=True)
    if not _mount("-t", "tmpfs", "-o", "size=1m,mode=700", "tmpfs", STAGING):
        return False
    staged = []
    for number, (folder, rw) in enumerate(kept):
        place = os.path.join(STAGING, str(number))
        os.makedirs(place)
        if not _mount("--bind", folder, place):
            return False
        staged.append((place, folder, rw))
    for folder in hide:
        if not _mount("-t", "tmpfs", "-o", "size=4m,mode=755", "tmpfs", folder):
            return False
    for place, folder, rw in staged:
        os.makedirs(folder, exist_ok=True)          # inside the empty tmpfs now
        flags = "remount,bind,rw" if rw else "remount,bind,ro"
        if not (_mount("--bind", place, folder) and _mount("-o", flags, folder, folder)):
            return False
    _mount("-t", "tmpfs", "-o", "size=1k,mode=700", "tmpfs", STAGING)   # the staged views out of reach
    return True


def _in_namespaces(argv):
    """``unshare … python limited.py ARGV``: this launcher as PID 1 of its own PID (and mount) namespace."""
    return ["unshare", "--mount", "--pid", "--fork", "--kill-child", "--mount-proc",
            "env", f"{NAMESPACE_FLAG}=1", sys.executable, os.path.abspath(__file__), *argv]


def launcher_command(argv):
    """The command line that runs this launcher with ``argv``.

    Where it can isolate, straight into its namespaces: one Python start fewer per job than
    letting :func:`main` re-run itself there.
    """
    return _in_namespaces(argv) if can_isolate() else [sys.executable, os.path.abspath(__file__), *argv]


def main(argv):
    memory, folders, command = parse(argv)
    if os.environ.get(NAMESPACE_FLAG) is None and can_isolate():
        os.execvp("unshare", _in_namespaces(argv))
    if os.environ.get(NAMESPACE_FLAG) == "1":
        isolated = make_read_only(folders["--protect"], folders["--writable"], folders["--hide"], folders["--show"])
        os.environ[NAMESPACE_FLAG] = "isolated" if isolated else "failed"
    if memory > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))    # no core dumps from killed kernels
    sys.exit(supervise(command))


if __name__ == "__main__":
    main(sys.argv[1:])
