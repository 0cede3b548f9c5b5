"""A real dask.distributed cluster on this machine's loopback, for the tests and the benchmark.

    with LoopbackCluster(workers=2, folder=tmp) as cluster:
        ... python -m autograder.autograde --dask-scheduler {cluster.address} ...

Starts ``dask scheduler`` and ``dask worker`` processes from this interpreter's
environment (the course's ``.venv``), bound to 127.0.0.1 with free ports, one
thread per worker and no dashboard, each worker in a working folder of its own
outside the course (so a worker cannot import the course's code by accident)
and in a process group of its own (so it can be killed like a lost node).
Everything is stopped by process id on the way out, also when the body fails.
"""
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

HOST = "127.0.0.1"


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _dask():
    return str(Path(sys.executable).parent / "dask")


class LoopbackCluster:
    """A scheduler and ``workers`` single-threaded workers on 127.0.0.1."""

    def __init__(self, workers, folder, env=None, timeout=120):
        self.folder = Path(folder)
        self.count = workers
        self.env = dict(os.environ if env is None else env)
        self.env.pop("PYTHONPATH", None)       # a worker gets nothing of the course but the environment
        self.timeout = timeout
        self.port = free_port()
        self.address = f"tcp://{HOST}:{self.port}"
        self.scheduler = None
        self.workers = {}          # name -> Popen
        self.logs = []

    def _start(self, name, args):
        log = open(self.folder / f"{name}.log", "w")
        self.logs.append(log)
        return subprocess.Popen([_dask(), *args], cwd=self.folder, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)

    def start_worker(self, name):
        local = self.folder / name
        local.mkdir(parents=True, exist_ok=True)
        self.workers[name] = self._start(name, [
            "worker", self.address, "--host", HOST, "--name", name, "--nthreads", "1", "--nworkers", "1",
            "--no-dashboard", "--dashboard-address", f"{HOST}:0", "--local-directory", str(local),
            "--memory-limit", "0", "--death-timeout", "60"])
        return self.workers[name]

    def __enter__(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            self.scheduler = self._start("scheduler", [
                "scheduler", "--host", HOST, "--port", str(self.port), "--no-dashboard",
                "--dashboard-address", f"{HOST}:0"])
            for index in range(self.count):
                self.start_worker(f"worker{index + 1}")
            self.wait_for_workers(self.count)
        except BaseException:
            self.stop()
            raise
        return self

    def client(self):
        from distributed import Client

        return Client(self.address, timeout=30)

    def wait_for_workers(self, count):
        """Block until ``count`` workers are registered; ``{address: name}``."""
        deadline = time.time() + self.timeout
        with self.client() as client:
            while time.time() < deadline:
                workers = client.scheduler_info()["workers"]
                if len(workers) >= count:
                    return {address: info["name"] for address, info in workers.items()}
                for name, process in self.workers.items():
                    if process.poll() is not None:
                        raise RuntimeError(f"dask worker {name} exited: {self.log(name)[-2000:]}")
                time.sleep(0.3)
        raise TimeoutError(f"{count} Dask workers did not join {self.address} in {self.timeout} s")

    def log(self, name):
        return (self.folder / f"{name}.log").read_text(errors="replace")

    def kill_worker(self, name):
        """SIGKILL a worker's whole process group (nanny and worker), as when its node is lost."""
        process = self.workers[name]
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()

    def stop(self):
        for name, process in list(self.workers.items()) + [("scheduler", self.scheduler)]:
            if process is None or process.poll() is not None:
                continue
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            except ProcessLookupError:
                pass
            try:                    # whatever of the group outlived its leader
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for log in self.logs:
            log.close()

    def __exit__(self, *exc):
        self.stop()
