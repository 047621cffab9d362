#!/usr/bin/python3
"""Writes a self-contained HTML page of a fccsim sweep: scripts/sweep_report.py SWEEP_DIR -o sweep.html

A thin entry point: the work is in scripts/python/fccsim/sweep_report.py. Run it with Debian's
/usr/bin/python3 (the packages scripts/setup.sh installs), after a build has generated the
schema modules.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "python"))

from fccsim.sweep_report import main  # noqa: E402  (needs the path above)

if __name__ == "__main__":
    sys.exit(main())
