"""A self-contained HTML page of a sweep made by `fccsim sweep`:

    python3 scripts/sweep_report.py SWEEP_FOLDER -o sweep.html

Every point's headline measures per channel, and charts of the service level (and ASA, and
each group's occupancy) against each swept value. Everything is inside the one file, as in
fccsim.report; exit 2 on bad input (nothing written), 1 on a failure while writing.
"""

import html
import math
import sys

from fccsim.report import _CSP, _CSS, _percent, _plural, _png_data_url, _table, page_main
from fccsim.sweep import load_sweep

_VERDICTS = {"TARGET_MET": ("met", "met"), "TARGET_MISSED": ("not met", "missed"),
             "TARGET_NOT_SETTLED": ("not settled", "unsettled")}


def _points_table(sweep):
    rows = []
    for r in sweep.channels.itertuples(index=False):
        asa = "–" if math.isnan(r.average_answer_s) else f"{r.average_answer_s:,.1f} s"
        rows.append([str(r.point), r.label, r.channel,
                     _percent(r.service_level, r.service_level_ci95), asa,
                     _percent(r.abandoned_fraction, r.abandoned_fraction_ci95),
                     _VERDICTS.get(r.target_verdict, "–"),
                     _percent(r.probability_target_met, digits=0)])
    return _table(["point", "label", "channel", "service level", "ASA", "abandoned",
                   "target", "P(target met)"], rows, text_columns=3)


def render_html(sweep):
    """The page for `sweep`, as one string."""
    from fccsim import sweep_plots  # matplotlib only when a page is made

    done = int(sweep.points["done"].sum())
    title = f"fccsim sweep: {sweep.name or sweep.raw.sweep_path}"
    meta = (f"{done} of {_plural(len(sweep.points), 'point')} done"
            f"{' (interrupted: --resume finishes it)' if sweep.interrupted else ''}; "
            f"{_plural(sweep.replications, 'replication')} each on common random numbers, "
            f"seed {sweep.seed}; base {sweep.raw.base_path}; fccsim {sweep.version}")
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>", f'<p class="meta">{html.escape(meta)}</p>',
        "<p>Every point ran the same replications on common random numbers, so differences "
        "between points are the changes&#x27;. ± is the half width of the 95% confidence "
        "interval. Definitions: docs/model.md, &quot;Sweeps&quot;.</p>",
    ]
    charts = [(axis, "service_level") for axis in sweep.axes]
    if sweep.axes:
        charts += [(sweep.axes[0], "average_answer_s"), (sweep.axes[0], "occupancy")]
    for axis, measure in charts:
        figure = sweep_plots.against(sweep, axis, measure)
        alt = f"{measure} against {axis}"
        parts += [f"<h2>{html.escape(measure.replace('_', ' '))} against "
                  f"{html.escape(axis)}</h2>",
                  f'<img src="{_png_data_url(figure)}" alt="{html.escape(alt)}">']
    parts += ["<h2>Points</h2>", _points_table(sweep), "</body></html>", ""]
    return "\n".join(parts)


def main(argv=None):
    return page_main(argv, "sweep_report",
                     "Writes a self-contained HTML page of a sweep made by `fccsim sweep`.",
                     "the folder `fccsim sweep -o` wrote (or its sweep.pb)", load_sweep,
                     render_html)


if __name__ == "__main__":
    sys.exit(main())
