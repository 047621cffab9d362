"""A self-contained HTML report of one run: the summary tables and the charts.

    python3 scripts/report.py results.pb -o report.html
    python3 -m fccsim.report results.pb -o report.html     (with scripts/python on sys.path)

Everything is inside the one file (charts as base64 PNG, inline CSS; a Content-Security-Policy
forbids fetching anything), so it can be mailed or archived and opens offline. Like
`fccsim run`, it writes to a temporary file and renames it, and exits 2 on bad input or usage
(message on stderr, nothing written) and 1 on a failure while writing.
"""

import argparse
import base64
import html
import io
import math
import os
import secrets
import sys

import pandas as pd

from fccsim import analysis
from fccsim.results import ResultsError, load_results

_CSS = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1150px; color: #222; }
h1 { margin-bottom: 0.2em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ccc; }
p.meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.92em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
th { background: #eef2f7; } td.text, th.text { text-align: left; } td { white-space: nowrap; }
td.met { background: #d9f2d9; } td.missed { background: #f8d7d7; }
td.unsettled { background: #fcefc7; }
img { max-width: 100%; display: block; margin: 0.5em 0 1em; }
details { margin: 1em 0; } summary { cursor: pointer; font-weight: 600; }
"""

# Nothing may be loaded from anywhere: images are data: URLs, the style is inline.
_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def _percent(value, ci95=math.nan, digits=1):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{100 * value:.{digits}f}%"
    if not math.isnan(ci95):
        text += f" ± {100 * ci95:.{digits}f}"
    return text


def _number(value, digits=1):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:,.{digits}f}"


def _cell(value, css=""):
    """A table cell; every text is escaped, since channel and group names come from the file."""
    if isinstance(value, tuple):  # (text, css class)
        value, css = value
    attribute = f' class="{css}"' if css else ""
    return f"<td{attribute}>{html.escape(str(value))}</td>"


def _table(header, rows, text_columns=1):
    head = "".join(
        f'<th class="text">{html.escape(h)}</th>' if i < text_columns else
        f"<th>{html.escape(h)}</th>" for i, h in enumerate(header))
    body = "".join(
        "<tr>" + "".join(_cell(v, "text" if i < text_columns else "") for i, v in enumerate(row))
        + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


# The verdict on the target (judged on the confidence interval): its text and cell style.
_VERDICTS = {
    "TARGET_MET": ("met", "met"),
    "TARGET_MISSED": ("not met", "missed"),
    "TARGET_NOT_SETTLED": ("not settled", "unsettled"),
}


def _target_text(s):
    """The channel's target: "90% in 10 s", with ", ASA ≤ 60 s" when it sets a ceiling (or
    that alone for a target of ASA only)."""
    parts = []
    if s.target_fraction > 0:
        parts.append(f"{s.target_fraction:.0%} in {s.target_answer_within_s:g} s")
    if s.target_max_average_answer_s > 0:
        parts.append(f"ASA ≤ {s.target_max_average_answer_s:g} s")
    return ", ".join(parts) or "none"


def _verdict_cell(s):
    """E.g. "met · P 85% (62–97%)": the verdict, then the probability that a period like this
    meets the target (the share of replications that did) with its exact 95% interval."""
    text, css = _VERDICTS.get(s.target_verdict, ("–", ""))
    if s.probability_target_met_trials > 0:
        text += (f" · P {s.probability_target_met:.0%} "
                 f"({100 * s.probability_target_met_ci95_lower:.0f}"
                 f"–{s.probability_target_met_ci95_upper:.0%})")
    return text, css


def _service_level_text(s):
    """The service level at the target's threshold, or, for a target of ASA only, at the
    standard 20 s (as the fccsim summary table shows it)."""
    if s.target_fraction > 0:
        return _percent(s.service_level, s.service_level_ci95)
    if "service_level_at_20s" in s:
        return _percent(s.service_level_at_20s, s.service_level_at_20s_ci95) + " in 20 s"
    return "–"


def _summary_table(results):
    rows = []
    for _, s in results.summary.iterrows():
        rows.append([
            s.channel, _number(s.offered), _number(s.answered),
            _percent(s.abandoned_fraction, s.abandoned_fraction_ci95), _service_level_text(s),
            _target_text(s), _verdict_cell(s),
            _number(s.average_answer_s, 1), _number(s.wait_p90_s, 1),
            _percent(s.intervals_meeting_target, s.intervals_meeting_target_ci95),
        ])
    header = ["channel", "offered", "answered", "abandoned", "service level", "target",
              "target met · P", "ASA s", "p90 wait s", "intervals meeting target"]
    return _table(header, rows)


def _groups_table(results):
    rows = [[g.group, _percent(g.occupancy, g.occupancy_ci95),
             _number(g.mean_handlers_online, 1)] for _, g in results.groups.iterrows()]
    return _table(["group", "occupancy", "mean handlers online"], rows)


def _triage_section(results):
    """Mental-health triage and deployments, for the channels that have them; "" when none
    has (a scenario without triage shows no empty section)."""
    summary = results.summary
    if "triage_flagged" not in summary:
        return ""
    rows = []
    for _, s in summary[summary["triage_flagged"].notna()].iterrows():
        transferred = s.triage_transferred
        fallback_share = s.triage_fallback / transferred if transferred > 0 else math.nan
        rows.append([
            s.channel, _number(s.triage_flagged), _number(s.triage_redirected),
            _number(s.triage_transferred), _number(s.triage_triaged),
            _number(s.triage_fallback) + f" ({_percent(fallback_share, digits=0)})",
            _number(s.triage_diverted), _number(s.triage_practitioner_wait_s, 1),
            _number(s.triage_deployments), _number(s.triage_deployments_averted),
        ])
    if not rows:
        return ""
    header = ["channel", "flagged", "redirected", "transferred", "triaged",
              "fallback (of transferred)", "diverted", "practitioner wait s", "deployments",
              "deployments averted"]
    return ("<h2>Mental-health triage and deployments</h2>"
            "<p>Answered contacts flagged as mental-health related and what became of them, "
            "and the police deployments of the period with those triage or redirection "
            "averted (means across replications; rules in docs/model.md).</p>"
            + _table(header, rows))


_CHAT_NOTE = (
    "For chat the wait is the time to the first response, so a chat channel's service level, "
    "ASA and waits (here and in the summary) are of first responses. Capacity used is a "
    "handler's time on calls and transfers plus session time ÷ k (the most chats a handler "
    "holds at once), over time online: one chat of three open uses a third of a handler, "
    "where occupancy counts them busy.")


def _chat_channels_table(results):
    """Per chat channel: how fast chats get a first response, and how long sessions last."""
    summary = results.summary
    rows = [[s.channel, _number(s.offered), _service_level_text(s), _target_text(s),
             _number(s.average_answer_s, 1), _number(s.chat_session_s, 1)]
            for _, s in summary[summary["channel"].isin(results.chat_channels)].iterrows()]
    header = ["chat channel", "offered", "first response service level", "target",
              "ASA (to first response) s", "mean session s"]
    return _table(header, rows)


def _chat_groups_table(results):
    """Per chat group: how many chats its handlers hold at once and the capacity they use."""
    groups = results.groups
    rows = [[g.group, f"{g.chat_max_sessions:g}", _number(g.chat_sessions, 1),
             _number(g.chat_concurrency, 2),
             _percent(g.chat_capacity_used, g.chat_capacity_used_ci95),
             _percent(g.occupancy, g.occupancy_ci95)]
            for _, g in groups[groups["group"].isin(results.chat_groups)].iterrows()]
    header = ["chat group", "k (most at once)", "mean chats open", "chats per chatting handler",
              "capacity used", "occupancy"]
    return _table(header, rows)


def _chat_section(results, image):
    """Live Chat channels and the groups answering them; "" when the run has no chat channel
    (a scenario without chat shows no empty section)."""
    if not results.chat_channels:
        return ""
    parts = ["<h2>Live Chat</h2>", f"<p>{html.escape(_CHAT_NOTE)}</p>",
             _chat_channels_table(results)]
    if results.chat_groups:  # a chat channel no group answers has no concurrency to show
        parts += [_chat_groups_table(results),
                  image("chat_concurrency", "chat sessions open and concurrency per interval")]
    return "\n".join(parts)


def _failing_table(results):
    """Channels x weekdays: how many intervals miss the target, of those with a service level."""
    table = analysis.failing_interval_counts(results)
    weekdays = [d for d in analysis.WEEKDAYS if d in set(table["weekday"].astype(str))]
    rows = []
    for channel in results.channels:
        cells = {str(r.weekday): r for r in table[table["channel"] == channel].itertuples()}
        row = [channel]
        for day in weekdays:
            r = cells.get(day)
            row.append("–" if r is None else
                       f"{r.missing_target}/{r.intervals} ({_percent(r.share_missing, digits=0)})")
        rows.append(row)
    return ("<p>Intervals whose estimated service level misses the target, of those with one:</p>"
            + _table(["channel"] + [d[:3].title() for d in weekdays], rows))


def _busiest_table(results, n=5):
    rows = [[r.channel, r.weekday.title(), r.start, _number(r.offered),
             _percent(r.service_level),
             "–" if pd.isna(r.meets_target) else
             (("yes", "met") if r.meets_target else ("no", "missed")),
             _number(r.average_answer_s), _number(r.mean_queue_length, 2)]
            for r in analysis.busiest_intervals(results, n).itertuples()]
    return _table(["channel", "weekday", "start", "offered", "service level", "meets target",
                   "ASA s", "mean queue"], rows, text_columns=3)


def _all_measures_table(results):
    """Every summary column, one row per measure, so nothing in the file is hidden."""
    summary = results.summary.set_index("channel")
    rows = []
    for column in summary.columns:
        rows.append([column] + [_format_any(v) for v in summary[column]])
    return _table(["measure"] + list(summary.index), rows)


def _format_any(value):
    if isinstance(value, float):
        return "–" if math.isnan(value) else f"{value:.6g}"
    return str(value)


def _plural(count, noun):
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _png_data_url(figure, dpi=90):
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def render_html(results):
    """The report page for `results`, as one string."""
    from fccsim import plots  # matplotlib only when a report is made

    figures = plots.all_figures(results)
    images = {name: _png_data_url(fig) for name, fig in figures.items()}
    title = f"fccsim results: {results.scenario_name or results.scenario_path or 'run'}"
    stopped = (f" (interrupted: of {results.replications_asked} asked for)"
               if results.interrupted else "")
    meta = (f"{_plural(results.days, 'day')} from {results.start_weekday.title()}, "
            f"{results.interval_minutes}-minute intervals; "
            f"{_plural(results.replications, 'replication')}"
            f"{stopped}"
            f", seed {results.seed}; "
            f"scenario {results.scenario_path}"
            f"{''.join(f' --set {o}' for o in results.overrides)}; "
            f"fccsim {results.version}; file {os.path.basename(results.path)}")
    ci_note = ("; ± is the half width of the 95% confidence interval."
               if results.replications > 1 else
               " (one): no confidence intervals.")
    target_note = ("Target met: judged on the 95% confidence interval (met, not met, or not "
                   "settled when it straddles the target or there is one replication); P is "
                   "the share of replications meeting the target, with its exact 95% interval.")

    def image(name, alt):
        return f'<img src="{images[name]}" alt="{html.escape(alt)}">'

    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>", f'<p class="meta">{html.escape(meta)}</p>',
        "<h2>Summary</h2>", _summary_table(results),
        f"<p>Estimates across replications{html.escape(ci_note)} "
        f"{html.escape(target_note)} Definitions: docs/model.md.</p>",
        "<h2>Handler groups</h2>", _groups_table(results),
        _triage_section(results),
        _chat_section(results, image),
        "<h2>Service level against the target</h2>",
        image("service_level", "service level per interval against the target"),
        "<h2>Where and when targets fail</h2>",
        image("target_heatmap", "service level by weekday and time of day"),
        _failing_table(results),
        "<h2>Busiest intervals</h2>", _busiest_table(results),
        "<h2>Queues and abandonment</h2>",
        image("queue_length", "queue length over time"),
        image("abandonment", "abandoned share per interval"),
        "<h2>Occupancy by group</h2>", image("occupancy", "occupancy by handler group"),
        "<details><summary>Every summary measure</summary>", _all_measures_table(results),
        "</details>", "</body></html>", "",
    ]
    return "\n".join(parts)


def write_atomically(path, text):
    """Writes `text` to `path` through a temporary file in the same folder and a rename, so
    `path` is either the old file or the whole new one; the temporary file never remains."""
    folder = os.path.dirname(os.path.abspath(path))
    temporary = os.path.join(
        folder, f".{os.path.basename(path)}.tmp-{os.getpid()}-{secrets.token_hex(4)}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


def page_main(argv, prog, description, input_help, load, render):
    """The command line of a page writer: `prog INPUT -o PAGE.html`. Exit 0 written; 2 bad
    input or usage, nothing written; 1 the page could not be written (the old one kept)."""
    parser = argparse.ArgumentParser(
        prog=prog + ".py", description=description,
        epilog="Exit status: 0 ok; 2 bad input or usage (nothing written); 1 write failed.")
    parser.add_argument("input", help=input_help)
    parser.add_argument("-o", "--output", required=True, help="the HTML file to write")
    args = parser.parse_args(argv)

    folder = os.path.dirname(os.path.abspath(args.output))
    if not os.path.isdir(folder):
        print(f"{prog}: -o {args.output}: folder {folder} does not exist", file=sys.stderr)
        return 2
    try:
        loaded = load(args.input)
    except ResultsError as error:  # a PlanError is one too
        print(f"{prog}: {error}", file=sys.stderr)
        return 2
    try:
        write_atomically(args.output, render(loaded))
    except OSError as error:
        print(f"{prog}: {args.output}: cannot write: {error}", file=sys.stderr)
        return 1
    return 0


def main(argv=None):
    return page_main(argv, "report", "Writes a self-contained HTML report of a fccsim run.",
                     "results file written by `fccsim run -o`", load_results, render_html)


if __name__ == "__main__":
    sys.exit(main())
