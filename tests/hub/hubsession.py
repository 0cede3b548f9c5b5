"""The course hub of ``deploy/hub/`` started for a test, and stopped by process id.

``CourseHub`` runs ``deploy/hub/launch.py`` (which becomes ``jupyterhub``,
same pid) on a free loopback port with demo accounts, a state folder and an
exchange in a temporary folder. Every process the hub starts (its proxy, the
formgrader service, the users' servers and their kernels) inherits
``COURSE_HUB_STATE=<state folder>``; ``stop()`` sends the hub SIGTERM (it
stops the servers and the proxy itself), then ends by pid whatever still
carries that marker, and ``leftovers()`` lists anything that survived.
"""
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from labsession import free_port

ROOT = Path(__file__).resolve().parents[2]
LAUNCH = ROOT / "deploy" / "hub" / "launch.py"


def processes_marked(state):
    """Pids of processes whose environment carries ``COURSE_HUB_STATE=state``."""
    marker = f"COURSE_HUB_STATE={state}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if marker in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except (OSError, PermissionError):
            continue
    return sorted(found)


class CourseHub:
    """A hub for one course folder, on 127.0.0.1, with the roster given."""

    def __init__(self, course_root, state, roster, exchange, log_path, password):
        self.course_root, self.state, self.exchange = Path(course_root), Path(state), Path(exchange)
        self.roster, self.log_path, self.password = Path(roster), Path(log_path), password
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self._log = None

    def start(self, timeout=120):
        self._log = open(self.log_path, "w", encoding="utf-8")
        env = dict(os.environ, COURSE_HUB_PASSWORD=self.password)
        self.process = subprocess.Popen(
            [sys.executable, str(LAUNCH), "--course", str(self.course_root), "--state", str(self.state),
             "--roster", str(self.roster), "--exchange", str(self.exchange), "--ip", "127.0.0.1",
             "--port", str(self.port), "--accounts", "demo"],
            cwd=str(ROOT), env=env, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the hub exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + "/hub/api/", timeout=5) as response:
                    if response.status == 200 and self.service_up():
                        return self
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"the hub did not answer on {self.url} within {timeout} s:\n{self.log_tail()}")

    def service_up(self):
        """Whether the formgrader service answers behind the proxy (it redirects to the hub's login)."""
        request = urllib.request.Request(self.url + "/services/rnn-lstm-hands-on/api/status")
        try:
            urllib.request.urlopen(request, timeout=5)
            return True
        except urllib.error.HTTPError as err:
            return err.code in (302, 401, 403)
        except (urllib.error.URLError, OSError):
            return False

    def home(self, user):
        return self.state / "home" / user

    def stop(self, timeout=30):
        """SIGTERM to the hub, then SIGKILL by pid to anything of this hub still running."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                pass
        for pid in processes_marked(self.state):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if self.process is not None:
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        deadline = time.time() + 10
        while processes_marked(self.state) and time.time() < deadline:
            time.sleep(0.2)
        if self._log is not None:
            self._log.close()
            self._log = None

    def leftovers(self):
        return processes_marked(self.state)

    def log_tail(self, chars=4000):
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return "(no log)"
