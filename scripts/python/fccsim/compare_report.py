"""A self-contained HTML page of a comparison made by `fccsim compare`:

    python3 scripts/compare_report.py compare.pb -o compare.html

Per variant: every measure of every channel and group over the horizon, base against
variant, with the difference, its paired 95% interval (and the unpaired one independent runs
would give) and whether it is significant; and the differences per interval as a chart.
Everything is inside the one file, as in fccsim.report; exit 2 on bad input (nothing
written), 1 on a failure while writing.
"""

import html
import math
import os
import sys

from fccsim.comparison import load_comparison
from fccsim.report import _CSP, _CSS, _plural, _png_data_url, _table, page_main

_SHARES = {"service_level", "abandoned_fraction", "occupancy"}
_METHOD = (
    "Every scenario ran the same replications on common random numbers: replication r of "
    "each saw the same callers, so the difference is the change's, not chance's. ± is the "
    "half width of the paired 95% confidence interval of the difference (the unpaired one "
    "is what independent runs would have given); a difference is significant when its "
    "paired interval excludes zero. Shares are in %, their differences in percentage points "
    "(pp). Definitions: docs/model.md, \"Comparisons\".")


def _value(x, measure, signed=False):
    if math.isnan(x):
        return "–"
    share = measure in _SHARES
    shown = 100 * x if share else x
    digits = 1 if shown == 0 or abs(shown) >= 0.1 else 1 - math.floor(math.log10(abs(shown)))
    text = f"{shown:+,.{digits}f}" if signed and shown != 0 else f"{shown:,.{digits}f}"
    return text + ("%" if share and not signed else " pp" if share else
                   " s" if measure.endswith("_s") else "")


def _half_width(h, measure):
    if math.isnan(h):
        return "–"
    return "± " + _value(h, measure).rstrip("%").replace(" s", "")


def _shown(row):
    """Measures worth a row: defined, and not zero in both (no deployments on a channel)."""
    both_nan = math.isnan(row.base_value) and math.isnan(row.variant_value)
    return not both_nan and not (row.base_value == 0 and row.variant_value == 0)


def _variant_table(comparison, label):
    rows = []
    for row in comparison.overall[comparison.overall["variant"] == label].itertuples():
        if not _shown(row):
            continue
        measure = row.measure.replace("average_answer_s", "average_answer")
        verdict = ("–" if math.isnan(row.ci95_half_width) else
                   ("yes", "met") if row.significant else "no")
        rows.append([row.name, measure.replace("_", " "), _value(row.base_value, row.measure),
                     _value(row.variant_value, row.measure),
                     _value(row.difference, row.measure, signed=True),
                     _half_width(row.ci95_half_width, row.measure),
                     _half_width(row.unpaired_ci95_half_width, row.measure), verdict])
    return _table(["channel / group", "measure", "base", "variant", "difference", "95% CI",
                   "unpaired", "significant"], rows, text_columns=2)


def _significant_intervals(comparison, label):
    """How many intervals' service levels differ significantly, per channel."""
    rows = comparison.intervals[(comparison.intervals["variant"] == label)
                                & (comparison.intervals["measure"] == "service_level")]
    parts = []
    for name, frame in rows.groupby("name", sort=False):
        judged = frame["ci95_half_width"].notna().sum()
        better = (frame["significant"] & (frame["difference"] > 0)).sum()
        worse = (frame["significant"] & (frame["difference"] < 0)).sum()
        parts.append(f"{name} higher in {better} and lower in {worse} of {judged}")
    if not parts:
        return ""
    return ("Intervals whose service level is significantly higher or lower with the variant: "
            + "; ".join(parts) + " (each interval judged alone, so about one in twenty may "
            "seem to differ by chance where nothing changed).")


def _describe(scenario):
    return (f"{scenario['path']}"
            f"{''.join(' --set ' + o for o in scenario['overrides'])}")


def render_html(comparison):
    """The page for `comparison`, as one string."""
    from fccsim import comparison_plots  # matplotlib only when a page is made

    title = f"fccsim comparison against {comparison.base['label']}"
    meta = (f"{_plural(comparison.days, 'day')} from {comparison.start_weekday.title()}, "
            f"{comparison.interval_minutes}-minute intervals; "
            f"{_plural(comparison.replications, 'replication')} of each, seed "
            f"{comparison.seed}; base {_describe(comparison.base)}; fccsim {comparison.version}; "
            f"file {os.path.basename(comparison.path)}")
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>", f'<p class="meta">{html.escape(meta)}</p>',
        f"<p>{html.escape(_METHOD)}</p>",
    ]
    for variant in comparison.variants:
        label = variant["label"]
        chart = _png_data_url(comparison_plots.differences(comparison, label))
        alt = f"{label}: difference from the base per interval"
        parts += [f"<h2>{html.escape(label)}</h2>",
                  f"<p>{html.escape(_describe(variant))}</p>",
                  _variant_table(comparison, label),
                  f"<p>{html.escape(_significant_intervals(comparison, label))}</p>",
                  f'<img src="{chart}" alt="{html.escape(alt)}">']
    parts += ["</body></html>", ""]
    return "\n".join(parts)


def main(argv=None):
    return page_main(argv, "compare_report",
                     "Writes a self-contained HTML page of a comparison made by "
                     "`fccsim compare`.",
                     "comparison file written by `fccsim compare -o`", load_comparison,
                     render_html)


if __name__ == "__main__":
    sys.exit(main())
