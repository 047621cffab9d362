"""scripts/notebooks/explore_run.ipynb runs headless on a fresh run and saves its figures."""

import nbformat
import pytest
from nbconvert.preprocessors import ExecutePreprocessor

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
FIGURES = ["service_level", "queue_length", "abandonment", "target_heatmap",
           "target_heatmap_share", "offered_vs_service_level", "occupancy"]
NO_CHAT_NOTE = "No group of this run has a chat skill"


def notebook_path(repo):
    return repo / "scripts" / "notebooks" / "explore_run.ipynb"


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
    monkeypatch.setenv("MPLBACKEND", "Agg")
    # Kernel connection files and IPython's history go to the test's folder, not $HOME.
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "jupyter_runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))

    notebook = nbformat.read(notebook_path(repo), as_version=4)
    # Runs where Jupyter would: in the notebook's folder. Raises CellExecutionError on error.
    ExecutePreprocessor(timeout=120, kernel_name="python3").preprocess(
        notebook, {"metadata": {"path": str(notebook_path(repo).parent)}})

    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert errors == []
    assert (NO_CHAT_NOTE in printed(notebook)) != chat
    written = sorted(p.stem for p in figures.glob("*.png"))
    assert written == sorted(expected_figures)
    for name in expected_figures:
        data = (figures / f"{name}.png").read_bytes()
        assert len(data) > 1000 and data.startswith(PNG_SIGNATURE), name


def test_notebook_is_committed_without_outputs(repo):
    notebook = nbformat.read(notebook_path(repo), as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]
