"""JupyterHub for one class of this course: students, instructors, nbgrader's exchange and formgrader.

Started by ``deploy/hub/launch.py`` (``make hub``), which prepares the state
folder and passes every path and port in ``COURSE_HUB_*`` environment
variables, so this file holds policy, not machine details:

- everyone logs in to the hub; the roster (``instructor NAME`` / ``student
  NAME`` lines) says who may, and puts instructors in the group
  ``formgrade-<course id>`` and students in ``nbgrader-<course id>``: the
  group names nbgrader's JupyterHub integration looks for;
- every user's server is JupyterLab from the course's ``.venv``;
- the formgrader is a hub-managed service named after the course id (the name
  nbgrader's course list looks for), a Jupyter server started in the course
  folder, which only the instructors' group may open;
- students and instructors see nbgrader's Assignment List, which talks to the
  exchange folder (``c.Exchange.root``) that ``launch.py`` created.

Accounts (``COURSE_HUB_ACCOUNTS``):

- ``demo``: no system accounts. One shared password (SharedPasswordAuthenticator),
  every server runs as the user who started the hub, with its home in the
  state folder (SimpleLocalProcessSpawner). For a test or a try-out on a
  laptop only: users are not isolated from each other on the machine.
- ``system``: a Unix account per person (``deploy/hub/accounts.sh`` creates
  them from the roster), PAM passwords and LocalProcessSpawner, so each
  server runs as its own user. The hub must then run as root.
"""
import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (injected by traitlets)

env = os.environ
STATE = Path(env["COURSE_HUB_STATE"])
COURSE_ROOT = Path(env["COURSE_HUB_COURSE"])
COURSE_ID = env["COURSE_HUB_COURSE_ID"]
ACCOUNTS = env.get("COURSE_HUB_ACCOUNTS", "demo")
VENV_BIN = Path(sys.executable).parent
ROOT_USER = os.geteuid() == 0


def read_roster(path):
    """``(instructors, students)`` from lines ``instructor NAME`` / ``student NAME`` (# comments)."""
    instructors, students = [], []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        words = line.split("#")[0].split()
        if not words:
            continue
        if len(words) != 2 or words[0] not in ("instructor", "student"):
            raise SystemExit(f"{path}:{number}: expected 'instructor NAME' or 'student NAME', got {line!r}")
        (instructors if words[0] == "instructor" else students).append(words[1])
    return instructors, students


INSTRUCTORS, STUDENTS = read_roster(env["COURSE_HUB_ROSTER"])
INSTRUCTOR_GROUP = f"formgrade-{COURSE_ID}"
STUDENT_GROUP = f"nbgrader-{COURSE_ID}"

# -- network: the public proxy port and the hub's own API port, both given by launch.py
c.JupyterHub.bind_url = f"http://{env.get('COURSE_HUB_IP', '127.0.0.1')}:{env['COURSE_HUB_PORT']}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{env['COURSE_HUB_API_PORT']}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env['COURSE_HUB_PROXY_API_PORT']}"
c.ConfigurableHTTPProxy.command = [env["COURSE_HUB_PROXY"]]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")

# -- the hub's own files stay in the state folder
c.JupyterHub.db_url = "sqlite:///" + str(STATE / "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")

# -- who may log in, and in which group
c.Authenticator.allowed_users = set(INSTRUCTORS + STUDENTS)
c.Authenticator.admin_users = set()   # instructors grade through the service; nobody administers the hub
c.JupyterHub.load_groups = {INSTRUCTOR_GROUP: INSTRUCTORS, STUDENT_GROUP: STUDENTS}
if ACCOUNTS == "demo":
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = env["COURSE_HUB_PASSWORD"]
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
elif ACCOUNTS == "system":
    c.JupyterHub.authenticator_class = "pam"
    c.JupyterHub.spawner_class = "localprocess"
else:
    raise SystemExit(f"COURSE_HUB_ACCOUNTS must be 'demo' or 'system', not {ACCOUNTS!r}")

# -- roles (JupyterHub 2+ scopes). The instructors' group may open the
# formgrader service and discover it (nbgrader's course list asks the hub API
# for services: list:services and read:services). A user server's token
# inherits its owner's scopes, so the course list extension running in an
# instructor's server can make that request; a student's server cannot.
c.JupyterHub.load_roles = [
    {
        "name": INSTRUCTOR_GROUP,
        "groups": [INSTRUCTOR_GROUP],
        "scopes": [
            f"access:services!service={COURSE_ID}",
            "list:services",
            f"read:services!service={COURSE_ID}",
        ],
    },
    {"name": "server", "scopes": ["inherit"]},
]

# -- every user's server: JupyterLab from the course's .venv
c.Spawner.cmd = [str(VENV_BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.args = ["--allow-root"] if ROOT_USER and ACCOUNTS == "demo" else []
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.environment = {
    "COURSE_EXCHANGE_ROOT": env["COURSE_EXCHANGE_ROOT"],
    # every process the hub starts carries this, so the tests find and end exactly those
    "COURSE_HUB_STATE": str(STATE),
    "PATH": f"{VENV_BIN}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}",
}


def _per_role_config(spawner):
    """Students and instructors get different Jupyter config folders (see launch.py)."""
    role = "instructor" if spawner.user.name in INSTRUCTORS else "student"
    spawner.environment["JUPYTER_CONFIG_PATH"] = str(STATE / "etc" / role)


c.Spawner.pre_spawn_hook = _per_role_config

# -- the formgrader: a Jupyter server in the course folder, as a hub service
c.JupyterHub.services = [
    {
        "name": COURSE_ID,
        "url": f"http://127.0.0.1:{env['COURSE_HUB_SERVICE_PORT']}",
        "command": [str(VENV_BIN / "jupyterhub-singleuser"), *(["--allow-root"] if ROOT_USER else [])],
        "cwd": str(COURSE_ROOT),
        "oauth_no_confirm": True,
        "environment": {
            "JUPYTERHUB_DEFAULT_URL": "/lab",
            "JUPYTER_CONFIG_PATH": str(STATE / "etc" / "formgrader"),
            "COURSE_EXCHANGE_ROOT": env["COURSE_EXCHANGE_ROOT"],
            "COURSE_HUB_STATE": str(STATE),
            "PATH": f"{VENV_BIN}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}",
        },
    },
]
if ACCOUNTS == "system":
    # the service runs as the account that owns the course folder
    c.JupyterHub.services[0]["user"] = env.get("COURSE_HUB_GRADER_USER", f"grader-{COURSE_ID}")
