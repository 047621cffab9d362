"""The generated protobuf modules of the schema in model/proto/, importable from Python.

The build (CMake target fccsim_python_proto, part of ALL and built with `--target fccsim`)
runs protoc with the repository root as import path, into <build tree>/python_proto/, so
nothing is generated in the source tree. The build tree is $FCCSIM_BUILD_DIR when set (a
relative path is from the working directory), else build/release in the repository (the
folder holding scripts/). The generated modules other than scenario_pb2 import
`model.proto.scenario_pb2`, the path the .proto files use for each other, so python_proto/
goes on sys.path here; the modules are generated, not committed, so that the schema has one
source.
"""

import os
import sys

REPO_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
DEFAULT_BUILD_DIR = os.path.join(REPO_DIR, "build", "release")


def build_dir():
    """The build tree whose generated modules are used: $FCCSIM_BUILD_DIR, else build/release."""
    return os.path.abspath(os.environ.get("FCCSIM_BUILD_DIR") or DEFAULT_BUILD_DIR)


BUILD_DIR = build_dir()
GENERATED_DIR = os.path.join(BUILD_DIR, "python_proto")


def _missing(problem):
    chosen = (f"FCCSIM_BUILD_DIR={os.environ['FCCSIM_BUILD_DIR']}"
              if os.environ.get("FCCSIM_BUILD_DIR") else
              f"FCCSIM_BUILD_DIR is not set, so the default {DEFAULT_BUILD_DIR}")
    return ImportError(
        f"fccsim: cannot import the generated schema modules from {GENERATED_DIR} ({problem}). "
        f"They are looked for in $FCCSIM_BUILD_DIR/python_proto when FCCSIM_BUILD_DIR is set, "
        f"else in {DEFAULT_BUILD_DIR}/python_proto ({chosen}). The build generates them: run "
        "scripts/demo.sh, or `cmake --build build/release --target fccsim_python_proto` (or "
        "set FCCSIM_BUILD_DIR to a build tree that has them), with Debian's python3-protobuf "
        "installed (scripts/setup.sh).")


# All are generated together; a build tree from before a .proto was added lacks its module
# and needs rebuilding, which the message says.
for _module in ("scenario_pb2", "results_pb2", "plan_pb2", "compare_pb2", "sweep_pb2"):
    if not os.path.isfile(os.path.join(GENERATED_DIR, "model", "proto", f"{_module}.py")):
        raise _missing(f"no model/proto/{_module}.py there")

if GENERATED_DIR not in sys.path:
    # First, so that no other top-level `model` package shadows the generated one.
    sys.path.insert(0, GENERATED_DIR)

try:
    # Importable only with GENERATED_DIR on sys.path, as set just above.
    from model.proto import (compare_pb2, plan_pb2, results_pb2,  # noqa: E402
                             scenario_pb2, sweep_pb2)
except ImportError as error:
    raise _missing(error) from error

__all__ = ["BUILD_DIR", "GENERATED_DIR", "compare_pb2", "plan_pb2", "results_pb2",
           "scenario_pb2", "sweep_pb2"]
