"""make bench's scale part: the projection and its table, checked on figures given here."""
from bench.run import markdown
from bench.scale import ASSUMPTIONS, project


def _run(label, workers, steady, coordinator, prepare=2.0, dispatch=1.0):
    return {"label": label, "workers": workers, "wall_s": 120.0, "per_submission_s": steady + 0.5,
            "steady_per_submission_s": steady, "throughput_per_hour": 3600 / steady,
            "throughput_per_worker_per_hour": 3600 / steady / workers, "prepare_s": prepare, "dispatch_s": dispatch,
            "coordinator_per_submission_s": coordinator, "workers_used": []}


def test_the_projection_is_workers_or_coordinator_bound():
    runs = [_run("local pool, 1 job", 1, 9.0, 0.04), _run("dask, 1 worker", 1, 10.0, 0.05),
            _run("dask, 2 workers", 2, 5.5, 0.04)]
    result = project(runs)
    rows = {row["workers"]: row for row in result["rows"]}
    # 500 x 7 gradings of 10 s over 16 workers, plus 7 x (2 s + 1 s) of preparation and dispatch
    assert rows[16]["hours"] == round((3500 * 10 / 16 + 21) / 3600, 2) and rows[16]["bound"] == "workers"
    # 256 workers would grade faster than one coordinator records 3,500 results at 50 ms each
    assert rows[256]["hours"] == round((3500 * 0.05 + 21) / 3600, 2) and rows[256]["bound"] == "coordinator"
    assert result["coordinator_bound_workers"] == 200
    assert result["assumptions"] == ASSUMPTIONS


def test_measured_notebook_costs_scale_the_projection():
    runs = [_run("dask, 1 worker", 1, 10.0, 0.0)]
    seconds = lambda s: {"seconds": {"median": s}}  # noqa: E731
    per_notebook = {"01_rnn_unrolling": seconds(10.0), "02_bptt": seconds(20.0)}
    result = project(runs, per_notebook, students=100, notebooks=3)
    assert result["notebook_factors"] == [1.0, 2.0, 1.5], "an unmeasured notebook costs the measured mean"
    assert result["rows"][0]["hours"] == round((100 * 10 * 4.5 + 3 * 3) / 3600, 2)


def test_the_readme_table_shows_the_scale_part():
    runs = [_run("local pool, 1 job", 1, 9.0, 0.04), _run("dask, 1 worker", 1, 10.0, 0.05),
            _run("dask, 2 workers", 2, 5.5, 0.04)]
    scale = {"assignment": "01_rnn_unrolling", "students": 12, "runs": runs, "grades_identical": True,
             "projection": project(runs)}
    text = markdown({"machine": {}, "scale": scale})
    assert "| dask, 2 workers | 120 s | 6.0 s |" in text
    assert "3,500 gradings" in text and "| 256 workers |" in text and "coordinator |" in text
    assert "grades identical on every engine: yes" in text and ASSUMPTIONS in text
