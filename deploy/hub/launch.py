"""Start the course hub: ``make hub`` (or ``python deploy/hub/launch.py --help``).

Prepares a state folder, then replaces itself with ``jupyterhub -f
deploy/hub/jupyterhub_config.py`` (same process id, so whoever started this
script can stop the hub by that id). The state folder holds:

- ``jupyterhub.sqlite``, the cookie secret, pid files (the hub's own state);
- ``home/<user>/`` (``demo`` accounts: each user's home, where fetched
  assignments land);
- ``etc/student``, ``etc/instructor``, ``etc/formgrader``: the Jupyter config
  folders that each kind of server gets as ``JUPYTER_CONFIG_PATH``. They say
  which nbgrader extensions it runs (nbgrader's table in "Using nbgrader with
  JupyterHub": students and instructors get the Assignment List, instructors
  the Course List, only the formgrader service the Formgrader and Create
  Assignment), and where the exchange is.

The exchange root is created readable and writable by everyone, as nbgrader's
docs require of a shared exchange (``chmod ugo+rw``): students write their
submissions into it and the instructor's service reads them.
"""
import argparse
import json
import os
import secrets
import socket
import stat
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PROXY = HERE / "node_modules" / ".bin" / "configurable-http-proxy"

#: nbgrader's server extensions, and which kind of server runs each.
SERVER_EXTENSIONS = {
    "nbgrader.server_extensions.formgrader": {"formgrader"},
    "nbgrader.server_extensions.validate_assignment": {"student", "instructor", "formgrader"},
    "nbgrader.server_extensions.assignment_list": {"student", "instructor"},
    "nbgrader.server_extensions.course_list": {"instructor"},
}
#: nbgrader's JupyterLab plugins, likewise (menus and panels that would not work elsewhere).
LAB_PLUGINS = {
    "@jupyter/nbgrader:formgrader": {"formgrader"},
    "@jupyter/nbgrader:create-assignment": {"formgrader"},
    "@jupyter/nbgrader:assignment-list": {"student", "instructor"},
    "@jupyter/nbgrader:course-list": {"instructor"},
}

#: The nbgrader config of students' and instructors' servers. The student id
#: is the hub user: with ``demo`` accounts every server runs as one Unix user,
#: and nbgrader would otherwise take the Unix name for everyone.
USER_NBGRADER_CONFIG = '''\
import os
c = get_config()
c.CourseDirectory.course_id = {course_id!r}
c.Exchange.root = os.environ["COURSE_EXCHANGE_ROOT"]
c.CourseDirectory.student_id = os.environ.get("JUPYTERHUB_USER", "*")
'''

#: The formgrader service reads the course's own nbgrader_config.py (its working
#: folder); JupyterHub 4.1+ forbids framing user servers (Content-Security-Policy
#: frame-ancestors 'none'), which leaves the formgrader's JupyterLab panel blank.
#: Only this service, which only instructors can open, allows its own origin to
#: frame it (nbgrader's "Formgrader with jupyterhub>=4.1", "trusting users").
FORMGRADER_SERVER_CONFIG = {
    "ServerApp": {"tornado_settings": {"headers": {"Content-Security-Policy": "frame-ancestors 'self'"}}},
}


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def course_id_of(course_root):
    """The course id from the course's nbgrader_config.py (its one source)."""
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course_root)).load_config()
    course_id = config.CourseDirectory.get("course_id")
    if not course_id:
        raise SystemExit(f"{course_root}/nbgrader_config.py sets no c.CourseDirectory.course_id")
    return course_id


def write_config_folders(state, course_id):
    """``etc/<kind>/`` for the three kinds of server (see the module docstring)."""
    for kind in ("student", "instructor", "formgrader"):
        folder = state / "etc" / kind
        (folder / "labconfig").mkdir(parents=True, exist_ok=True)
        server = {"ServerApp": {"jpserver_extensions": {
            name: kind in kinds for name, kinds in SERVER_EXTENSIONS.items()}}}
        if kind == "formgrader":
            server["ServerApp"].update(FORMGRADER_SERVER_CONFIG["ServerApp"])
        else:
            (folder / "nbgrader_config.py").write_text(USER_NBGRADER_CONFIG.format(course_id=course_id))
        (folder / "jupyter_server_config.json").write_text(json.dumps(server, indent=1))
        disabled = {name: True for name, kinds in LAB_PLUGINS.items() if kind not in kinds}
        (folder / "labconfig" / "page_config.json").write_text(json.dumps({"disabledExtensions": disabled}))


def make_exchange(root):
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    root.chmod(stat.S_IRWXU | stat.S_IRWXG | stat.S_IRWXO)   # ugo+rwx, as nbgrader's docs ask
    return root


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--course", default=str(REPO), help="the course folder the formgrader serves (default: this repository)")
    parser.add_argument("--state", default=str(HERE / "state"), help="the hub's state folder (default: deploy/hub/state)")
    parser.add_argument("--roster", default=str(HERE / "roster.txt"), help="who may log in (default: deploy/hub/roster.txt)")
    parser.add_argument("--exchange", help="nbgrader's exchange root (default: STATE/exchange; on a server /srv/nbgrader/exchange)")
    parser.add_argument("--ip", default="127.0.0.1", help="address the hub listens on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port of the hub (default 8000; 0: a free one)")
    parser.add_argument("--accounts", choices=("demo", "system"), default="demo",
                        help="demo: one shared password, no Unix accounts; system: PAM and one Unix account each")
    parser.add_argument("--password", default=os.environ.get("COURSE_HUB_PASSWORD"),
                        help="the shared password of demo accounts (default: COURSE_HUB_PASSWORD, else generated)")
    args = parser.parse_args(argv)

    if not PROXY.exists():
        raise SystemExit(f"{PROXY} is missing: run `make hub-install` (npm installs configurable-http-proxy)")
    course = Path(args.course).resolve()
    state = Path(args.state).resolve()
    state.mkdir(parents=True, exist_ok=True)
    course_id = course_id_of(course)
    write_config_folders(state, course_id)
    exchange = make_exchange(args.exchange or state / "exchange")
    port = args.port or free_port()

    env = dict(os.environ)
    env.update({
        "COURSE_HUB_STATE": str(state),
        "COURSE_HUB_COURSE": str(course),
        "COURSE_HUB_COURSE_ID": course_id,
        "COURSE_HUB_ROSTER": str(Path(args.roster).resolve()),
        "COURSE_HUB_ACCOUNTS": args.accounts,
        "COURSE_HUB_IP": args.ip,
        "COURSE_HUB_PORT": str(port),
        "COURSE_HUB_API_PORT": str(free_port()),
        "COURSE_HUB_PROXY_API_PORT": str(free_port()),
        "COURSE_HUB_SERVICE_PORT": str(free_port()),
        "COURSE_HUB_PROXY": str(PROXY),
        "COURSE_EXCHANGE_ROOT": str(exchange),
        "PATH": str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", ""),
    })
    if args.accounts == "demo":
        password = args.password or secrets.token_urlsafe(12)
        env["COURSE_HUB_PASSWORD"] = password
        if not args.password:
            print(f"demo accounts: every user on the roster logs in with the password {password}", flush=True)
    print(f"course hub for {course_id} on http://{args.ip}:{port}/ (course {course}, exchange {exchange}, "
          f"state {state})", flush=True)
    hub = str(Path(sys.executable).parent / "jupyterhub")
    os.chdir(state)
    os.execve(hub, [hub, "-f", str(HERE / "jupyterhub_config.py")], env)


if __name__ == "__main__":
    main()
