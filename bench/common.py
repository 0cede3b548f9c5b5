"""What every benchmark shares: the assignments, the machine, run summaries, a seeded part's command line."""
import argparse
import json
import os
import platform
import statistics
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"

ASSIGNMENTS = sorted(p.name for p in (ROOT / "source").iterdir()
                     if p.is_dir() and (p / f"{p.name}.ipynb").is_file())


def machine():
    """The machine a figure was measured on, in words a reader can compare."""
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            model = next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    except (OSError, StopIteration):
        model = platform.processor() or "unknown"
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024 ** 3
    try:
        load = round(os.getloadavg()[0], 2)
    except OSError:
        load = None
    return {"cpu": model, "cores": os.cpu_count(), "memory_gib": round(memory, 1),
            "python": platform.python_version(), "system": platform.platform(), "load_at_start": load}


def summary(values):
    """Median, min, max and count of a list of measurements (seconds, MiB, losses)."""
    return {"median": round(statistics.median(values), 3), "min": round(min(values), 3),
            "max": round(max(values), 3), "runs": len(values)}


def seeded_part_main(name, bench, summarise, doc, argv=None):
    """The command line of a part run over seeds (``forecast``, ``seq2seq``, ``padding``) on its own.

    ``python -m bench.<part> [--seeds N] [--json FILE]``: prints the figures, and writes them with
    the machine to FILE.
    """
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args(argv)
    figures = {"machine": machine(), name: summarise(bench(range(args.seeds)))}
    print({k: v for k, v in figures[name].items() if k != "runs"})
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0
