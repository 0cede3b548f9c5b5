"""Run a command under resource limits and, where possible, with folders read-only.

    python limited.py MEM_BYTES [--protect DIR]... [--writable DIR]... -- CMD [ARGS...]

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

A launcher process is used instead of ``preexec_fn``, which is unsafe in a
program that runs grading jobs from threads. Standard library only.
"""
import os
import resource
import shutil
import subprocess
import sys

NAMESPACE_FLAG = "COURSE_GRADER_NAMESPACE"


def parse(argv):
    memory = int(argv[0])
    protect, writable, rest = [], [], argv[1:]
    while rest and rest[0] != "--":
        option, value, rest = rest[0], rest[1], rest[2:]
        (protect if option == "--protect" else writable).append(value)
    if not rest:
        sys.exit("usage: limited.py MEM_BYTES [--protect DIR]... [--writable DIR]... -- CMD [ARGS...]")
    return memory, protect, writable, rest[1:]


def can_isolate():
    return os.geteuid() == 0 and shutil.which("unshare") and shutil.which("mount")


def make_read_only(protect, writable):
    """Inside the private namespace: protected folders read-only, writable ones back on top."""
    def mount(*args):
        return subprocess.run(["mount", *args], capture_output=True).returncode == 0

    mount("--make-rprivate", "/")
    for folder in protect:
        if not (mount("--bind", folder, folder) and mount("-o", "remount,bind,ro", folder, folder)):
            return False
    for folder in writable:
        # a bind mount inherits the read-only flag of the mount it comes from
        if not (mount("--bind", folder, folder) and mount("-o", "remount,bind,rw", folder, folder)):
            return False
    return True


def main(argv):
    memory, protect, writable, command = parse(argv)
    if protect and os.environ.get(NAMESPACE_FLAG) is None and can_isolate():
        os.environ[NAMESPACE_FLAG] = "1"
        os.execvp("unshare", ["unshare", "-m", sys.executable, os.path.abspath(__file__), *argv])
    if os.environ.get(NAMESPACE_FLAG) == "1":
        os.environ[NAMESPACE_FLAG] = "isolated" if make_read_only(protect, writable) else "failed"
    if memory > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))    # no core dumps from killed kernels
    os.execvp(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
