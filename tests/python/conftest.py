"""Fixtures shared by the Python tests: the repository, the fccsim binary, real runs and plans.

The binary comes from FCCSIM_BIN (ctest sets it to the one just built). Nothing is skipped:
without it, or without the generated schema modules, the tests fail and say what to do.
"""

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts" / "python"))
os.environ.setdefault("MPLBACKEND", "Agg")  # before anything imports matplotlib

SCENARIO = "scenarios/gmp_baseline.textproto"
REPLICATIONS = 2


@pytest.fixture(scope="session")
def repo():
    return REPO


@pytest.fixture(scope="session")
def fccsim_bin():
    """The fccsim executable under test."""
    path = os.environ.get("FCCSIM_BIN")
    if not path:
        pytest.fail("FCCSIM_BIN is not set: run these tests through ctest (ctest --test-dir "
                    "build/release -R python), or set FCCSIM_BIN=build/release/fccsim", False)
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        pytest.fail(f"FCCSIM_BIN={path}: no executable there; build it first "
                    "(cmake --build build/release)", False)
    return path


def run_fccsim(fccsim_bin, out_dir, *extra, scenario=SCENARIO, replications=REPLICATIONS):
    """Runs `scenario` (the GMP week by default) into out_dir (results.pb and csv/), as a user
    would, from the repository root; returns the paths."""
    out_dir = Path(out_dir)
    results = out_dir / "results.pb"
    csv = out_dir / "csv"
    done = subprocess.run(
        [fccsim_bin, "run", str(scenario), "-o", str(results), "--replications",
         str(replications), "--csv", str(csv), *extra],
        cwd=REPO, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, f"fccsim run failed ({done.returncode}):\n{done.stderr}"
    return SimpleNamespace(results=results, csv=csv, stdout=done.stdout)


@pytest.fixture(scope="session")
def real_run(fccsim_bin, tmp_path_factory):
    """One run of scenarios/gmp_baseline.textproto with 2 replications, shared by the tests
    (it only takes a fraction of a second, but every test reads the same files)."""
    return run_fccsim(fccsim_bin, tmp_path_factory.mktemp("gmp_run"))


@pytest.fixture(scope="session")
def channels_run(fccsim_bin, tmp_path_factory):
    """One run of scenarios/gmp_channels.textproto (999 and 101 with triage, and Live Chat
    answered by a digital desk), shared by the tests of chat columns and of the report."""
    return run_fccsim(fccsim_bin, tmp_path_factory.mktemp("channels_run"),
                      scenario="scenarios/gmp_channels.textproto")


def plan_fccsim(fccsim_bin, out_dir, scenario, *extra):
    """`fccsim plan` of `scenario` into out_dir (plan.pb and csv/), as a user would, from the
    repository root; returns the paths."""
    out_dir = Path(out_dir)
    plan = out_dir / "plan.pb"
    csv = out_dir / "csv"
    done = subprocess.run(
        [fccsim_bin, "plan", str(scenario), "-o", str(plan), "--csv", str(csv), *extra],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, f"fccsim plan failed ({done.returncode}):\n{done.stderr}"
    return SimpleNamespace(plan=plan, csv=csv, stdout=done.stdout)


@pytest.fixture(scope="session")
def baseline_plan(fccsim_bin, tmp_path_factory):
    """The plan of scenarios/gmp_baseline.textproto, shared by the tests."""
    return plan_fccsim(fccsim_bin, tmp_path_factory.mktemp("gmp_plan"), SCENARIO)


@pytest.fixture(scope="session")
def channels_plan(fccsim_bin, tmp_path_factory):
    """The plan of scenarios/gmp_channels.textproto: with Live Chat, planned on sessions, and
    a mental-health group that answers no channel."""
    return plan_fccsim(fccsim_bin, tmp_path_factory.mktemp("channels_plan"),
                       "scenarios/gmp_channels.textproto")


@pytest.fixture(scope="session")
def sweep_run(fccsim_bin, tmp_path_factory):
    """`fccsim sweep scenarios/gmp_late_shifts.sweep` with 2 replications a point (26 points),
    shared by the tests of the reader, the report and the notebook."""
    folder = tmp_path_factory.mktemp("sweep") / "late"
    done = subprocess.run(
        [fccsim_bin, "sweep", "scenarios/gmp_late_shifts.sweep", "-o", str(folder),
         "--replications", "2"],
        cwd=REPO, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, f"fccsim sweep failed ({done.returncode}):\n{done.stderr}"
    return SimpleNamespace(folder=folder, stdout=done.stdout)
