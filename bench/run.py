"""make bench: the figures learners and instructors feel, in one command.

    python -m bench.run [--only notebooks,grading,class,quality,scale,forecast,seq2seq,padding] [--seeds 3] [--jobs N] [--students 40]

1. notebooks: each solution notebook top to bottom at the full (student)
   budget, fresh kernel, wall time and peak memory; three runs of a notebook
   that takes under a minute, one of a longer one;
2. grading: one real ``nbgrader autograde`` of each notebook's solution
   (three runs), and the floor: starting a kernel and importing TensorFlow;
3. class: a synthetic class graded with one job and in parallel;
4. quality: time to quality of our notebooks' models against the original
   lecture's recipes (``bench/quality.py``), median over seeds;
5. scale: a small class on the local pool and on a Dask cluster of 1 and 2
   workers on this machine, the coordinator's overhead, and a projection for
   500 students x 7 notebooks (``bench/scale.py``);
6. forecast: seconds until 08's stacked LSTM beats weekly naive one step ahead,
   against the lecture's standard LSTM (``bench/forecast.py``), median over seeds;
7. seq2seq: held-out exact match of 09's encoder-decoder with attention against
   the RepeatVector baseline at equal training time (``bench/seq2seq.py``);
8. padding: seconds per epoch and accuracy of 10's LSTM trained on batches padded to the longest sequence
   and on length buckets (``bench/padding.py``), median over seeds.

Writes ``bench/results.json`` (a part that is not re-run keeps its last
figures) and ``bench/results.md``, and puts that table into README.md between
the ``bench:start``/``bench:end`` markers.
"""
import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import ASSIGNMENTS, machine, summary  # noqa: E402

RESULTS_JSON = ROOT / "bench" / "results.json"
RESULTS_MD = ROOT / "bench" / "results.md"
README = ROOT / "README.md"
PARTS = ("notebooks", "grading", "class", "quality", "scale", "forecast", "seq2seq", "padding")
#: Parts that record the machine they ran on themselves (run alone, they leave the header's machine line).
SELF_TIMED_PARTS = {"scale", "forecast", "seq2seq", "padding"}
MARK_START, MARK_END = "<!-- bench:start -->", "<!-- bench:end -->"

# The targets the figures are read against (issue tracker: make bench).
NOTEBOOK_TARGET_S, COURSE_TARGET_S = 180, 720
GRADING_TARGET_S, GRADING_AIM_S = 20, 10
#: Grading one notebook against the floor (kernel start and TensorFlow import), and the class grader with
#: one job against plain nbgrader on the same submissions (issue: marks nobody can forge, at no great price).
FLOOR_RATIO_TARGET, CLASS_RATIO_TARGET = 1.5, 1.2
RATIO_TARGET, RATIO_AIM = 0.5, 0.33


def run_notebooks(log):
    from bench.notebooks import measure

    figures = {}
    for assignment in ASSIGNMENTS:
        first = measure([assignment], "full", 1, log=log)["notebooks"][assignment]
        if first["seconds"]["median"] < 60:
            figures[assignment] = measure([assignment], "full", 3, log=log)["notebooks"][assignment]
        else:
            figures[assignment] = first
    return {"notebooks": figures, "total_s": round(sum(f["seconds"]["median"] for f in figures.values()), 1)}


def run_grading(log, repeats=3):
    from bench.grading import autograde_one, class_against_plain, time_kernel_floor

    per_notebook = autograde_one(ASSIGNMENTS, repeats, log=log)
    imports, _ = time_kernel_floor(None, repeats)
    floor = summary(imports)
    log(f"floor: kernel start + TensorFlow import {floor['median']:.1f} s")
    for figures in per_notebook.values():
        figures["x_floor"] = round(figures["seconds"]["median"] / floor["median"], 2)
    return {"per_notebook": per_notebook, "kernel_start_and_tensorflow_import_s": floor,
            "class_against_plain": class_against_plain(ASSIGNMENTS[0], 8, log=log)}


def run_class(log, students, jobs):
    from bench.grading import class_bench

    return class_bench(students, ASSIGNMENTS[0], jobs, 3, log=log)


def run_quality(log, seeds):
    from bench.quality import bench_chars, bench_sentiment, summarise

    return summarise(bench_chars(range(seeds), log=log), bench_sentiment(range(seeds), log=log))


def run_forecast(log, seeds):
    from bench.forecast import bench_forecast, summarise

    return summarise(bench_forecast(range(seeds), log=log))


def run_seq2seq(log, seeds):
    from bench.seq2seq import bench_seq2seq, summarise

    return summarise(bench_seq2seq(range(seeds), log=log))


def run_padding(log, seeds):
    from bench.padding import bench_padding, summarise

    return summarise(bench_padding(range(seeds), log=log))


def run_scale(log, students, per_notebook):
    from bench.scale import scale_bench

    return scale_bench(students, ASSIGNMENTS[0], per_notebook, log=log)


def _fmt(summary_or_none, digits=0, unit=" s"):
    if not summary_or_none:
        return "not reached"
    s = summary_or_none
    if s.get("runs", 1) == 1:
        return f"{s['median']:.{digits}f}{unit}"
    return f"{s['median']:.{digits}f}{unit} ({s['min']:.{digits}f}–{s['max']:.{digits}f})"


def _met(value, target, aim=None):
    if value is None:
        return "—"
    if aim is not None and value <= aim:
        return "aim met"
    return "met" if value <= target else "**missed**"


def markdown(results):
    """The tables README.md shows, from results.json."""
    m = results.get("machine", {})
    lines = [f"Measured by `make bench` on {m.get('cpu', '?')}, {m.get('cores', '?')} cores, "
             f"{m.get('memory_gib', '?')} GiB, Python {m.get('python', '?')}, CPU only"
             f" (load {m.get('load_at_start', '?')} at the start). Medians, with (min–max) over repeated runs.", ""]
    nb = results.get("notebooks")
    grading = results.get("grading", {})
    if nb:
        lines += ["| notebook | top to bottom, full budget | peak memory | autograde one submission | x floor | "
                  "target (3 min / 20 s / 1.5 x floor) |",
                  "|---|---:|---:|---:|---:|---|"]
        for assignment, f in nb["notebooks"].items():
            one = grading.get("per_notebook", {}).get(assignment)
            ratio = one.get("x_floor") if one else None
            lines.append(f"| `{assignment}` | {_fmt(f['seconds'])} | {f['peak_memory_mib']['max']:.0f} MiB | "
                         f"{_fmt(one['seconds'], 1) if one else '—'} | {f'{ratio:.2f}' if ratio else '—'} | "
                         f"{_met(f['seconds']['median'], NOTEBOOK_TARGET_S)} / "
                         f"{_met(one['seconds']['median'], GRADING_TARGET_S, GRADING_AIM_S) if one else '—'} / "
                         f"{_met(ratio, FLOOR_RATIO_TARGET)} |")
        lines.append(f"| **whole course** | {nb['total_s'] / 60:.1f} min | | | | "
                     f"{_met(nb['total_s'], COURSE_TARGET_S)} (12 min) |")
        lines.append("")
    if grading.get("kernel_start_and_tensorflow_import_s"):
        lines += [f"The floor of grading one notebook, starting a kernel and importing TensorFlow: "
                  f"{_fmt(grading['kernel_start_and_tensorflow_import_s'], 1)}.", ""]
    versus = grading.get("class_against_plain")
    if versus:
        turns = (f"median of {versus['rounds']} turns, each class run against the plain run just before it: "
                 f"{', '.join(f'{r:.2f}' for r in versus['ratios'])} x; " if versus.get("ratios") else "")
        script = (f"; the `nbgrader` script itself, {versus['nbgrader_script_s']:.1f} s"
                  if versus.get("nbgrader_script_s") else "")
        lines += [f"The price of marks nobody can forge: the same {versus['students']} submissions of "
                  f"`{versus['assignment']}` took {versus['plain_nbgrader_s']:.1f} s with plain `nbgrader autograde` "
                  f"(started as `autograder.runner` starts it{script}) "
                  f"and {versus['class_grader_one_job_s']:.1f} s with the class grader and one job (private folders, "
                  f"namespaces, the verifier, the class gradebook and feedback pages): {versus['ratio']:.2f} x "
                  f"({turns}aim 1.2 x: {_met(versus['ratio'], CLASS_RATIO_TARGET)}); its first run, which also "
                  f"prepares the assignment, {versus['class_grader_first_run_s']:.1f} s "
                  f"({versus['first_run_ratio']:.2f} x). "
                  f"Scores equal wherever no submission attacked the kernel's checks: "
                  f"{'yes' if versus['same_scores_where_not_attacked'] else '**no**'}.",
                  ""]
    cls = results.get("class")
    if cls:
        lines += [f"A synthetic class of {cls['students']} submissions of `{cls['assignment']}` "
                  f"(correct, buggy and hostile samples): {cls['serial_s']:.0f} s with 1 job, "
                  f"{cls['parallel_s']:.0f} s with {cls['jobs']} jobs (speed-up {cls['speedup']:.2f}x, grades identical: "
                  f"{'yes' if cls['parallel_equals_serial'] else 'NO'}); {cls['per_submission_serial_s']:.1f} s per "
                  f"submission serially against {cls['plain_execution_s']['median']:.1f} s to execute the solved "
                  f"notebook plainly.", ""]
    quality = results.get("quality", {})
    chars, sentiment = quality.get("chars"), quality.get("sentiment")
    if chars or sentiment:
        lines += ["| time to quality (same machine and data) | lecture's recipe | ours | ours / lecture |",
                  "|---|---:|---:|---:|"]
    if chars:
        ratio = chars["ratio_ours_over_lecture"]
        lines += [
            f"| characters: seconds to the lecture's best held-out loss L* = {chars['lecture_best_loss']['median']:.3f} "
            f"nats/char | {_fmt(chars['lecture_seconds_to_best'])} | {_fmt(chars['ours_seconds_to_lecture_best'], 1)} | "
            f"{_fmt(ratio, 2, '') if ratio else '—'} ({_met(ratio['median'] if ratio else None, RATIO_TARGET, RATIO_AIM)}) |",
            f"| characters: best held-out loss (nats/char, 10 characters of context) | "
            f"{_fmt(chars['lecture_best_loss'], 3, '')} | {_fmt(chars['ours_best_loss'], 3, '')} | |",
        ]
    if sentiment:
        ratio = sentiment["ratio_ours_over_lecture"]
        lines += [
            f"| sentiment: seconds to 0.95 held-out accuracy (deduplicated SI650) | "
            f"{_fmt(sentiment['lecture_seconds_to_target'], 1)} | {_fmt(sentiment['ours_seconds_to_target'], 1)} | "
            f"{_fmt(ratio, 2, '') if ratio else '—'} ({_met(ratio['median'] if ratio else None, RATIO_TARGET, RATIO_AIM)}) |",
            f"| sentiment: final held-out accuracy (lecture: 10 epochs; ours: as 07 trains) | {_fmt(sentiment['lecture_final_accuracy'], 3, '')} | "
            f"{_fmt(sentiment['ours_final_accuracy'], 3, '')} | |",
            f"| sentiment: the lecture's recipe on its own random split (duplicates on both sides) | "
            f"{_fmt(sentiment['lecture_leaky_split_accuracy'], 3, '')} | | |",
        ]
    if chars or sentiment:
        lines += ["", "Training seconds exclude the benchmark's own evaluations; medians over "
                  f"{len((chars or sentiment)['runs'])} seeds."]
    if results.get("forecast"):
        lines += [""] + forecast_markdown(results["forecast"])
    if results.get("seq2seq"):
        lines += [""] + seq2seq_markdown(results["seq2seq"])
    if results.get("padding"):
        lines += [""] + padding_markdown(results["padding"])
    if results.get("scale"):
        lines += [""] + scale_markdown(results["scale"])
    return "\n".join(lines) + "\n"


def forecast_markdown(forecast):
    """The forecasting race (notebook 08) against the lecture's standard LSTM."""
    m = forecast.get("machine", {})
    ratio = forecast["ratio_ours_to_lecture"]
    return [
        f"Forecasting (08, electricity demand, the last two weeks as test; measured on {m.get('cpu', '?')}, "
        f"load {m.get('load_at_start', '?')} at the start):", "",
        "| | lecture's standard LSTM | ours (stacked LSTM + weekly lag) | ours / lecture |", "|---|---:|---:|---:|",
        f"| seconds until the test MAE one step ahead beats weekly naive ({forecast['weekly_naive_mae']:.0f} MW) | "
        f"{_fmt(forecast['lecture_seconds_to_beat_naive'], 1)} ({forecast['lecture_beat_naive_in']}) | "
        f"{_fmt(forecast['ours_seconds_to_beat_naive'], 1)} ({forecast['ours_beat_naive_in']}) | "
        f"{_fmt(ratio, 2, '') if ratio else '—'} |",
        f"| test MAE one step ahead after 10 epochs (MW) | {_fmt(forecast['lecture_final_mae'], 0, '')} | "
        f"{_fmt(forecast['ours_final_mae'], 0, '')} | |",
    ]


def seq2seq_markdown(seq2seq):
    """Exact match at equal training time (notebook 09) against the RepeatVector encoder-decoder."""
    m = seq2seq.get("machine", {})
    pct = lambda s: _fmt(s and {k: (100 * v if k in ("median", "min", "max") else v) for k, v in s.items()}, 1, " %")  # noqa: E731
    return [
        f"Dates (09, exact match on {seq2seq['held_out']} held-out dates; measured on {m.get('cpu', '?')}, "
        f"load {m.get('load_at_start', '?')} at the start):", "",
        "| | RepeatVector encoder-decoder | ours (attention) |", "|---|---:|---:|",
        f"| exact match when ours has trained {seq2seq['epochs']} epochs ({_fmt(seq2seq['ours_seconds'], 0)}) | "
        f"{pct(seq2seq['baseline_exact_match_at_equal_time'])} | {pct(seq2seq['ours_exact_match'])} |",
        f"| seconds to 98 % exact match | {_fmt(seq2seq['baseline_seconds_to_target'], 1)} "
        f"({seq2seq['baseline_reached_target_in']}) | {_fmt(seq2seq['ours_seconds_to_target'], 1)} "
        f"({seq2seq['ours_reached_target_in']}) |",
        f"| exact match after {2 * seq2seq['epochs']} epochs ({_fmt(seq2seq['baseline_seconds'], 0)}) | "
        f"{pct(seq2seq['baseline_final_exact_match'])} | |",
    ]


def padding_markdown(padding):
    """The price of padding (notebook 10): padded to the longest sequence against length buckets."""
    m = padding.get("machine", {})
    return [
        f"The price of padding (10, an LSTM(32) on 2,000 sequences of log-normal lengths; measured on "
        f"{m.get('cpu', '?')}, load {m.get('load_at_start', '?')} at the start; medians over "
        f"{len(padding['runs'])} seeds):", "",
        "| | padded to the longest | length buckets | padded / buckets |", "|---|---:|---:|---:|",
        f"| seconds per epoch (after the first) | {_fmt(padding['padded_seconds_per_epoch'], 2)} | "
        f"{_fmt(padding['bucketed_seconds_per_epoch'], 2)} | {_fmt(padding['speedup'], 1, ' x')} |",
        f"| validation accuracy after 4 epochs | {_fmt(padding['padded_accuracy'], 3, '')} | "
        f"{_fmt(padding['bucketed_accuracy'], 3, '')} | |",
        f"| recurrent steps computed per epoch | | | {padding['steps_ratio']:.1f} x |",
    ]


def scale_markdown(scale):
    """The scale part's table and projection (README, "Grading a large class")."""
    m = scale.get("machine", {})
    lines = [f"Scale: a class of {scale['students']} submissions of `{scale['assignment']}` graded with `--force` "
             f"(grades identical on every engine: {'yes' if scale['grades_identical'] else 'NO'}), measured on "
             f"{m.get('cpu', '?')}, {m.get('cores', '?')} cores, load {m.get('load_at_start', '?')} at the start"
             f"{' (other work was running: rough figures)' if (m.get('load_at_start') or 0) >= 1.5 else ''}; "
             "the cluster's scheduler and workers share these cores with the grader.", "",
             "| engine (this machine) | wall | per submission | submissions per hour | per worker per hour "
             "| coordinator per submission |",
             "|---|---:|---:|---:|---:|---:|"]
    for run in scale["runs"]:
        lines.append(f"| {run['label']} | {run['wall_s']:.0f} s | {run['per_submission_s']:.1f} s | "
                     f"{run['throughput_per_hour']:.0f} | {run['throughput_per_worker_per_hour']:.0f} | "
                     f"{run['coordinator_per_submission_s'] * 1000:.0f} ms |")
    projection = scale["projection"]
    dask_runs = [r for r in scale["runs"] if r["label"].startswith("dask")]
    lines += ["", f"The coordinator prepares a run in {dask_runs[0]['prepare_s']:.1f} s and dispatches it "
              f"(course bundle, job submission) in {max(r['dispatch_s'] or 0 for r in dask_runs):.1f} s; "
              f"it handles each result in {projection['coordinator_per_submission_s'] * 1000:.0f} ms, so one "
              f"coordinator keeps up with about {projection['coordinator_bound_workers']} workers.", "",
              f"| {projection['students']} students x {projection['notebooks']} notebooks "
              f"({projection['students'] * projection['notebooks']:,} gradings) on | hours | bound by |",
              "|---|---:|---|"]
    for row in projection["rows"]:
        lines.append(f"| {row['workers']} worker{'s' if row['workers'] > 1 else ''} | {row['hours']:.1f} | "
                     f"{row['bound']} |")
    lines += ["", f"Projected from {projection['per_submission_s']:.1f} s per submission of 01 on one Dask worker "
              f"(notebook factors {', '.join(f'{f:g}' for f in projection['notebook_factors'])}); assumptions: "
              f"{projection['assumptions']}."]
    return lines


def update_readme(table):
    text = README.read_text(encoding="utf-8")
    if MARK_START not in text or MARK_END not in text:
        raise SystemExit(f"README.md has no {MARK_START} ... {MARK_END} section for the benchmark table")
    head, rest = text.split(MARK_START, 1)
    _, tail = rest.split(MARK_END, 1)
    README.write_text(f"{head}{MARK_START}\n{table}{MARK_END}{tail}", encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(PARTS), help="comma-separated parts to run: " + ", ".join(PARTS))
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--scale-students", type=int, default=12, help="class size of the scale part (default 12)")
    args = parser.parse_args(argv)
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        parser.error(f"unknown part(s) {unknown}; choose from {', '.join(PARTS)}")
    os.environ.pop("NBGRADER_EXECUTION", None)          # the full budget, whatever the caller's shell says
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")

    results = json.loads(RESULTS_JSON.read_text()) if RESULTS_JSON.is_file() else {}
    if set(parts) - SELF_TIMED_PARTS:
        results["machine"] = machine()     # the header's machine; the scale and forecast parts record their own
    log = lambda text: print(text, flush=True)  # noqa: E731
    for part in parts:
        start = time.time()
        log(f"== {part}")
        if part == "notebooks":
            results["notebooks"] = run_notebooks(log)
        elif part == "grading":
            results["grading"] = run_grading(log)
        elif part == "class":
            results["class"] = run_class(log, args.students, args.jobs)
        elif part == "scale":
            results["scale"] = dict(run_scale(log, args.scale_students, results.get("grading", {}).get("per_notebook")),
                                    machine=machine())
        elif part == "forecast":
            results["forecast"] = dict(run_forecast(log, args.seeds), machine=machine())
        elif part == "seq2seq":
            results["seq2seq"] = dict(run_seq2seq(log, args.seeds), machine=machine())
        elif part == "padding":
            results["padding"] = dict(run_padding(log, args.seeds), machine=machine())
        else:
            results["quality"] = run_quality(log, args.seeds)
        log(f"== {part} took {time.time() - start:.0f} s")
        RESULTS_JSON.write_text(json.dumps(results, indent=1) + "\n")      # a part that finished is kept
    table = markdown(results)
    RESULTS_MD.write_text(table)
    update_readme(table)
    print(table)
    print(f"written: {RESULTS_JSON.relative_to(ROOT)}, {RESULTS_MD.relative_to(ROOT)}, README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
