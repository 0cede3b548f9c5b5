"""A throw-away JupyterLab server and a headless Chromium, for the browser tests.

Nothing here is installed or downloaded at run time: JupyterLab comes from the
course's ``.venv`` (``make install``), Chromium from Debian's ``chromium``
package (``.ci/run`` installs it with apt), and Playwright for Python drives
that Chromium through ``executable_path`` (``playwright install`` is never
needed).

Everything the server writes (Jupyter config, data, runtime, settings and
workspaces, IPython's profile, the notebooks it opens) lives in one temporary
folder, so nothing leaks into the user's home or into the repository.
"""
import atexit
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

#: Debian's Chromium; COURSE_CHROMIUM points elsewhere if needed.
CHROMIUM = Path(os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium"))
#: Flags for a quiet, offline, headless Chromium that also runs as root in a container.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

#: JupyterLab user settings written before the server starts: no news or
#: update pop-up (it would cover the notebook), and every cell kept in the DOM.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def free_port():
    """A TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LabServer:
    """``jupyter lab`` from the venv, on a free loopback port with a generated token.

    Inputs:
    - root_dir: the folder the server shows (its file browser root)
    - home: a temporary folder for Jupyter's config, data, runtime, settings and workspaces
    - log_path: where the server's own log goes
    - env: extra environment variables for the server and its kernels

    ``stop()`` ends the server by its process id (SIGTERM, then SIGKILL for the
    whole process group it started, kernels included).
    """

    def __init__(self, root_dir, home, log_path, env=None):
        self.root_dir = Path(root_dir)
        self.home = Path(home)
        self.log_path = Path(log_path)
        self.extra_env = dict(env or {})
        self.port = free_port()
        self.token = secrets.token_hex(24)
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self._log = None
        self._stopped = False

    # -- environment -----------------------------------------------------
    def _environment(self):
        dirs = {
            "JUPYTER_CONFIG_DIR": "config",
            "JUPYTER_DATA_DIR": "data",
            "JUPYTER_RUNTIME_DIR": "runtime",
            "JUPYTERLAB_SETTINGS_DIR": "settings",
            "JUPYTERLAB_WORKSPACES_DIR": "workspaces",
            "IPYTHONDIR": "ipython",
        }
        env = dict(os.environ)
        for name, sub in dirs.items():
            folder = self.home / sub
            folder.mkdir(parents=True, exist_ok=True)
            env[name] = str(folder)
        for relative, values in LAB_SETTINGS.items():
            path = self.home / "settings" / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values), encoding="utf-8")
        venv_bin = str(Path(sys.executable).parent)
        env["PATH"] = venv_bin + os.pathsep + env.get("PATH", "")
        # JupyterLab must not try to reach the internet or open a browser.
        env.pop("BROWSER", None)
        env.update(self.extra_env)
        return env

    def command(self):
        cmd = [
            str(Path(sys.executable).parent / "jupyter"), "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}",
            "--ServerApp.terminals_enabled=False",
            # window.jupyterapp: the tests run JupyterLab commands and read the notebook model
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")  # JupyterLab refuses to run as root without it
        return cmd

    # -- life cycle ------------------------------------------------------
    def start(self, timeout=90):
        self._log = open(self.log_path, "w", encoding="utf-8")
        self.process = subprocess.Popen(
            self.command(), cwd=str(self.root_dir), env=self._environment(),
            stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: kernels end with it
        )
        atexit.register(self.stop)  # a backstop should pytest be interrupted before the fixture ends
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with code {self.process.returncode} while starting; "
                                   f"its log:\n{self.log_tail()}")
            try:
                self.api("GET", "/api/status")
                return self
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"JupyterLab did not answer on {self.url} within {timeout} s; its log:\n{self.log_tail()}")

    def stop(self, timeout=20):
        """End the server by its process id; also when a test failed."""
        if self.process is None or self._stopped:
            return
        self._stopped = True
        pid = self.process.pid
        if self.process.poll() is None:
            try:
                os.kill(pid, signal.SIGTERM)  # JupyterLab shuts its kernels down on SIGTERM
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                pass
            except ProcessLookupError:
                pass
        try:  # anything left in the group it started (a stuck kernel): by the group id = its pid
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        if self._log is not None:
            self._log.close()
            self._log = None

    def log_tail(self, chars=4000):
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return "(no log)"

    # -- REST ------------------------------------------------------------
    def api(self, method, path, timeout=10):
        request = urllib.request.Request(self.url + path, method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self):
        """End every session and kernel (between tests, so their memory is given back)."""
        try:
            for session in self.api("GET", "/api/sessions"):
                self.api("DELETE", f"/api/sessions/{session['id']}", timeout=30)
            for kernel in self.api("GET", "/api/kernels"):
                self.api("DELETE", f"/api/kernels/{kernel['id']}", timeout=30)
        except (urllib.error.URLError, OSError):
            pass

    def lab_url(self, path, workspace):
        """The URL that opens JupyterLab (on ``path`` if given) in a fresh workspace (no stale tabs)."""
        tree = f"/tree/{path}" if path else ""
        return f"{self.url}/lab/workspaces/{workspace}{tree}?reset&token={self.token}"


def launch_chromium(playwright):
    """Debian's Chromium, headless, through Playwright (no browser download)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)


def copy_folder(src, dst):
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"),
                    dirs_exist_ok=True)
