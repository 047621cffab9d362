"""The notebooks in scripts/notebooks run headless on fresh fccsim output and save their figures:
explore_run.ipynb on a run, explore_plan.ipynb on a plan, explore_sweep.ipynb on a sweep."""

import re

import nbformat
import pytest
from nbconvert.preprocessors import ExecutePreprocessor

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
FIGURES = ["service_level", "queue_length", "abandonment", "target_heatmap",
           "target_heatmap_share", "offered_vs_service_level", "occupancy"]
NO_CHAT_NOTE = "No group of this run has a chat skill"
NOTEBOOKS = ["explore_run.ipynb", "explore_plan.ipynb", "explore_sweep.ipynb"]


def notebook_path(repo, name="explore_run.ipynb"):
    return repo / "scripts" / "notebooks" / name


def execute(path, tmp_path, monkeypatch):
    """The notebook at `path`, executed with the environment the caller set; raises
    CellExecutionError on an error."""
    monkeypatch.setenv("MPLBACKEND", "Agg")
    # Kernel connection files and IPython's history go to the test's folder, not $HOME.
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "jupyter_runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    notebook = nbformat.read(path, as_version=4)
    # Runs where Jupyter would: in the notebook's folder.
    ExecutePreprocessor(timeout=120, kernel_name="python3").preprocess(
        notebook, {"metadata": {"path": str(path.parent)}})
    return notebook


def errors(notebook):
    return [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs
            if o.output_type == "error"]


def printed(notebook):
    """Everything the code cells printed."""
    return "".join(o.get("text", "") for c in notebook.cells if c.cell_type == "code"
                   for o in c.outputs if o.output_type == "stream")


# The baseline week has no chat, so its chat cell prints a note instead of a chart; the week
# with Live Chat draws it.
@pytest.mark.parametrize("run_name, expected_figures, chat", [
    ("real_run", FIGURES, False),
    ("channels_run", FIGURES + ["chat_concurrency"], True),
], ids=["gmp_baseline", "gmp_channels"])
def test_explore_run_executes_and_saves_every_figure(repo, run_name, expected_figures, chat,
                                                     request, tmp_path, monkeypatch):
    run = request.getfixturevalue(run_name)
    figures = tmp_path / "figures"
    monkeypatch.setenv("FCCSIM_RESULTS", str(run.results))
    monkeypatch.setenv("FCCSIM_FIGURES", str(figures))
    notebook = execute(notebook_path(repo), tmp_path, monkeypatch)

    assert errors(notebook) == []
    assert (NO_CHAT_NOTE in printed(notebook)) != chat
    written = sorted(p.stem for p in figures.glob("*.png"))
    assert written == sorted(expected_figures)
    for name in expected_figures:
        data = (figures / f"{name}.png").read_bytes()
        assert len(data) > 1000 and data.startswith(PNG_SIGNATURE), name


def test_explore_plan_executes_and_saves_its_figure(repo, channels_plan, tmp_path,
                                                    monkeypatch):
    figures = tmp_path / "figures"
    monkeypatch.setenv("FCCSIM_PLAN", str(channels_plan.plan))
    monkeypatch.setenv("FCCSIM_FIGURES", str(figures))
    notebook = execute(notebook_path(repo, "explore_plan.ipynb"), tmp_path, monkeypatch)

    assert errors(notebook) == []
    assert f"plan: {channels_plan.plan}" in printed(notebook)
    # The tables are shown: the channels' and the groups' names are in their HTML.
    shown = "".join(o.get("data", {}).get("text/html", "") for c in notebook.cells
                    if c.cell_type == "code" for o in c.outputs)
    assert "Live Chat" in shown and "digital desk" in shown
    assert [p.name for p in figures.iterdir()] == ["required_vs_scheduled.png"]
    data = (figures / "required_vs_scheduled.png").read_bytes()
    assert len(data) > 1000 and data.startswith(PNG_SIGNATURE)
    assert "No shift patterns in this scenario" in printed(notebook)


def test_explore_plan_shows_a_shift_plan(repo, baseline_plan, tmp_path, monkeypatch):
    figures = tmp_path / "figures"
    monkeypatch.setenv("FCCSIM_PLAN", str(baseline_plan.plan))
    monkeypatch.setenv("FCCSIM_FIGURES", str(figures))
    notebook = execute(notebook_path(repo, "explore_plan.ipynb"), tmp_path, monkeypatch)

    assert errors(notebook) == []
    assert "COIN-OR CBC" in printed(notebook) and "optimal" in printed(notebook)
    assert sorted(p.name for p in figures.iterdir()) == ["planned_shifts.png",
                                                         "required_vs_scheduled.png"]


def test_explore_sweep_executes_and_plots_against_each_axis(repo, sweep_run, tmp_path,
                                                           monkeypatch):
    figures = tmp_path / "figures"
    monkeypatch.setenv("FCCSIM_SWEEP", str(sweep_run.folder))
    monkeypatch.setenv("FCCSIM_FIGURES", str(figures))
    notebook = execute(notebook_path(repo, "explore_sweep.ipynb"), tmp_path, monkeypatch)

    assert errors(notebook) == []
    assert "26 of 26 points done" in printed(notebook)
    assert re.search(r"\d+ of 26 points meet every target", printed(notebook))
    assert sorted(p.stem for p in figures.glob("*.png")) == [
        "asa", "occupancy", "service_level_against_late_1", "service_level_against_late_2"]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_committed_without_outputs(repo, name):
    notebook = nbformat.read(notebook_path(repo, name), as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]
