"""Start JupyterLab on release/ from the course's ``.venv``: what ``make lab`` does.

    python tools/lab.py [--port 8888] [extra jupyter lab options]
"""
import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from install import ROOT, venv_python  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", default=os.environ.get("PORT", "8888"))
    args, extra = parser.parse_known_args(argv)
    python = venv_python()
    if not python.exists():
        sys.exit("There is no .venv yet: run `python tools/install.py` first.")
    print("JupyterLab on release/ (students): open 01_rnn_unrolling first", flush=True)
    command = [str(python), "-m", "jupyter", "lab", "--ServerApp.root_dir=release", f"--port={args.port}", *extra]
    if hasattr(os, "geteuid") and os.geteuid() == 0:      # a container or a VM where everything runs as root
        command.append("--allow-root")
    if os.name == "nt":             # no exec on Windows: wait for it instead
        import subprocess

        sys.exit(subprocess.call(command, cwd=ROOT))
    os.chdir(ROOT)
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
