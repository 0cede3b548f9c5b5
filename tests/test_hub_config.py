"""The course hub's configuration, read without starting anything (``deploy/hub/``).

The hub itself runs in ``tests/hub/`` (``make test-hub``); these checks say
what each kind of account gets, in both account modes, in a second.
"""
import importlib.util
import json
import os
import subprocess

import pytest
from traitlets.config.loader import PyFileConfigLoader

from conftest import ROOT

HUB = ROOT / "deploy" / "hub"


def load_launch():
    spec = importlib.util.spec_from_file_location("course_hub_launch", HUB / "launch.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def hub_config(tmp_path, monkeypatch, accounts="demo", roster="instructor teacher\nstudent alice\nstudent bob\n"):
    (tmp_path / "roster.txt").write_text(roster)
    env = {
        "COURSE_HUB_STATE": str(tmp_path / "state"), "COURSE_HUB_COURSE": str(ROOT),
        "COURSE_HUB_COURSE_ID": "rnn-lstm-hands-on", "COURSE_HUB_ROSTER": str(tmp_path / "roster.txt"),
        "COURSE_HUB_ACCOUNTS": accounts, "COURSE_HUB_PORT": "18000", "COURSE_HUB_API_PORT": "18001",
        "COURSE_HUB_PROXY_API_PORT": "18002", "COURSE_HUB_SERVICE_PORT": "18003",
        "COURSE_HUB_PROXY": "/bin/true", "COURSE_EXCHANGE_ROOT": str(tmp_path / "exchange"),
        "COURSE_HUB_PASSWORD": "a-long-enough-password",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return PyFileConfigLoader("jupyterhub_config.py", path=str(HUB)).load_config()


def test_groups_roles_and_the_formgrader_service(tmp_path, monkeypatch):
    c = hub_config(tmp_path, monkeypatch)
    assert c.JupyterHub.load_groups == {"formgrade-rnn-lstm-hands-on": ["teacher"],
                                        "nbgrader-rnn-lstm-hands-on": ["alice", "bob"]}
    assert c.Authenticator.allowed_users == {"teacher", "alice", "bob"}
    assert c.Authenticator.admin_users == set()
    roles = {r["name"]: r for r in c.JupyterHub.load_roles}
    instructors = roles["formgrade-rnn-lstm-hands-on"]
    assert instructors["groups"] == ["formgrade-rnn-lstm-hands-on"]
    assert "access:services!service=rnn-lstm-hands-on" in instructors["scopes"]
    assert {"list:services", "read:services!service=rnn-lstm-hands-on"} <= set(instructors["scopes"])
    assert roles["server"]["scopes"] == ["inherit"]
    (service,) = c.JupyterHub.services
    assert service["name"] == "rnn-lstm-hands-on" and service["cwd"] == str(ROOT)
    assert service["url"] == "http://127.0.0.1:18003"
    assert c.JupyterHub.bind_url == "http://127.0.0.1:18000"
    assert c.JupyterHub.spawner_class == "simple" and c.JupyterHub.authenticator_class == "shared-password"


def test_system_accounts_use_pam_and_a_grader_account(tmp_path, monkeypatch):
    c = hub_config(tmp_path, monkeypatch, accounts="system")
    assert c.JupyterHub.authenticator_class == "pam" and c.JupyterHub.spawner_class == "localprocess"
    assert c.JupyterHub.services[0]["user"] == "grader-rnn-lstm-hands-on"
    assert "--allow-root" not in c.Spawner.args


def test_a_bad_roster_line_is_named(tmp_path, monkeypatch):
    with pytest.raises(SystemExit, match=r"roster.txt:2: expected 'instructor NAME' or 'student NAME'"):
        hub_config(tmp_path, monkeypatch, roster="student alice\nteacher bob\n")


def test_each_kind_of_server_runs_its_own_nbgrader_extensions(tmp_path):
    launch = load_launch()
    launch.write_config_folders(tmp_path, "rnn-lstm-hands-on")
    enabled, disabled_lab = {}, {}
    for kind in ("student", "instructor", "formgrader"):
        server = json.loads((tmp_path / "etc" / kind / "jupyter_server_config.json").read_text())
        enabled[kind] = {k for k, v in server["ServerApp"]["jpserver_extensions"].items() if v}
        disabled_lab[kind] = set(json.loads(
            (tmp_path / "etc" / kind / "labconfig" / "page_config.json").read_text())["disabledExtensions"])
    prefix = "nbgrader.server_extensions."
    assert prefix + "formgrader" in enabled["formgrader"]
    assert prefix + "formgrader" not in enabled["student"] | enabled["instructor"]
    assert prefix + "assignment_list" in enabled["student"] & enabled["instructor"]
    assert prefix + "course_list" in enabled["instructor"] - enabled["student"]
    assert "@jupyter/nbgrader:formgrader" in disabled_lab["student"]
    assert "@jupyter/nbgrader:create-assignment" in disabled_lab["student"] & disabled_lab["instructor"]
    server = json.loads((tmp_path / "etc" / "formgrader" / "jupyter_server_config.json").read_text())
    assert server["ServerApp"]["tornado_settings"]["headers"]["Content-Security-Policy"] == "frame-ancestors 'self'"
    student = (tmp_path / "etc" / "student" / "nbgrader_config.py").read_text()
    assert "JUPYTERHUB_USER" in student and "rnn-lstm-hands-on" in student


def test_the_exchange_is_writable_by_everyone(tmp_path):
    exchange = load_launch().make_exchange(tmp_path / "exchange")
    assert exchange.stat().st_mode & 0o777 == 0o777


def test_accounts_script_dry_run(tmp_path):
    roster = tmp_path / "roster.txt"
    roster.write_text("# a class\ninstructor prof_x\nstudent stu1\n")
    result = subprocess.run(["bash", str(HUB / "accounts.sh"), str(roster), "--dry-run"],
                            capture_output=True, text=True, env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    for name in ("prof_x", "stu1", "grader-rnn-lstm-hands-on"):
        assert f"useradd --create-home --shell /bin/bash {name}" in result.stdout
    roster.write_text("student Bad Name\n")
    result = subprocess.run(["bash", str(HUB / "accounts.sh"), str(roster), "--dry-run"],
                            capture_output=True, text=True)
    assert result.returncode != 0 and "Bad" in result.stderr
