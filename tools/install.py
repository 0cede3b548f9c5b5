"""Set up the course in ``.venv``: what ``make install`` does, for machines without ``make`` (Windows).

    python tools/install.py          # create .venv, install the pinned packages and the course package
    python tools/lab.py              # then start JupyterLab on release/

It creates the virtual environment if there is none, installs
``requirements.txt`` and the course's helper package (editable, so a
``git pull`` needs no reinstall), enables nbgrader's JupyterLab extensions
inside the environment only, and prints the versions it got.
"""
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
#: nbgrader's server extensions (validate, assignment list, course list, formgrader) and its lab extension.
SERVER_EXTENSIONS = ("formgrader", "validate_assignment", "assignment_list", "course_list")


def venv_python(venv_dir=VENV):
    """The interpreter of the virtual environment (``Scripts\\python.exe`` on Windows)."""
    windows = venv_dir / "Scripts" / "python.exe"
    return windows if os.name == "nt" else venv_dir / "bin" / "python"


def _run(*args):
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True)


def main():
    if sys.version_info < (3, 10):
        sys.exit(f"The course needs Python 3.10 or newer; this is {sys.version.split()[0]}.")
    python = venv_python()
    if not python.exists():
        print(f"creating {VENV}")
        venv.EnvBuilder(with_pip=True).create(VENV)
        _run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    _run(python, "-m", "pip", "install", "--quiet", "-r", ROOT / "requirements.txt")
    _run(python, "-m", "pip", "install", "--quiet", "--no-deps", "-e", ROOT)
    jupyter = [python, "-m", "jupyter"]
    for extension in SERVER_EXTENSIONS:
        subprocess.run([str(a) for a in jupyter] + ["server", "extension", "enable", "--sys-prefix",
                                                    f"nbgrader.server_extensions.{extension}"],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([str(a) for a in jupyter] + ["labextension", "enable", "--level=sys_prefix", "@jupyter/nbgrader"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([str(python), "-c",
                    "import course, tensorflow as tf, keras, nbgrader; "
                    "print('installed: tensorflow', tf.__version__, '| keras', keras.__version__, "
                    "'| nbgrader', nbgrader.__version__, '| course', course.__version__, 'in .venv')"],
                   cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
