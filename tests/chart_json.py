"""Every trends-page chart's figure JSON, to compare two versions of the chart code exactly.

``python -m tests.chart_json dump FILE`` writes, for the six samples (and a ten-year diary of
headache, sweating and jaw, an empty and a one-attack diary) over several periods, every chart's
key, title, sentence and figure JSON to FILE; ``python -m tests.chart_json compare FILE`` computes
the same with the current code and fails on the first difference. Run ``dump`` on the unchanged
code before a speed-up and ``compare`` after it: a faster figure must send Streamlit the very same
JSON text.

The JSON compared is what ``st.plotly_chart`` sends (``plotly.tools.return_figure_from_figure_or_data``
then ``plotly.io.to_json``) and ``fig.to_plotly_json()`` encoded with plotly's JSON encoder. This
is a tool, not a test (the figures of a later, intended change would differ).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

NOW = dt.datetime(2026, 3, 16, 10, 0)
SAMPLE_DAYS = 400
LONG_DAYS = 3650


def _figure_texts(fig) -> dict[str, str]:
    import plotly.io
    import plotly.tools
    from plotly.utils import PlotlyJSONEncoder

    if fig is None:
        return {}
    spec = plotly.io.to_json(
        plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True), validate=False
    )
    return {
        "spec": spec,
        "plotly_json": json.dumps(fig.to_plotly_json(), cls=PlotlyJSONEncoder),
    }


def _charts_of(label: str, rows, conditions, start: dt.date, end: dt.date, settings=None):
    from utils import charts
    from utils.evidence import build_evidence

    ev = build_evidence(rows, conditions, start, end, settings, NOW)
    out = {}
    for section, items in charts.charts_for(ev, rows).items():
        for chart in items:
            out[f"{label}/{section}/{chart.key}"] = {
                "title": chart.title,
                "summary": chart.summary,
                "empty": chart.empty,
                **_figure_texts(chart.figure),
            }
    return out


def figures() -> dict[str, dict[str, object]]:
    """``{case/section/chart key: {title, summary, empty, spec, plotly_json}}``."""
    from utils import models
    from utils.models import Attack
    from utils.sample import load_sample, samples
    from utils.store import Store

    models_now = models.now
    models.now = lambda: NOW
    end = NOW.date()
    out: dict[str, dict[str, object]] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for which in samples():
                store = Store(f"sqlite:///{Path(tmp) / (which + '.db')}")
                p = load_sample(store, which, days=SAMPLE_DAYS, end=end)
                rows = store.entries(p.id)
                for label, days in (("90d", 90), ("1y", 365), ("all", SAMPLE_DAYS + 5)):
                    start = end - dt.timedelta(days=days - 1)
                    out.update(_charts_of(f"{which}-{label}", rows, p.conditions, start, end))
            from bench.__main__ import all_conditions_items

            store = Store(f"sqlite:///{Path(tmp) / 'long.db'}")
            p = store.create_profile("Long", ["headache", "sweating", "jaw"])
            store.add_many(p.id, all_conditions_items(LONG_DAYS), source="sample")
            rows = store.entries(p.id)
            first = min(r.day for r in rows)
            for label, start in (
                ("3m", end - dt.timedelta(days=89)),
                ("1y", end - dt.timedelta(days=364)),
                ("all", first),
            ):
                out.update(_charts_of(f"long-{label}", rows, p.conditions, start, end))
            start = end - dt.timedelta(days=89)
            everything = ("headache", "sweating", "jaw", "bladder", "neck", "spasticity")
            out.update(_charts_of("empty", [], everything, start, end))
            one = Attack(start_date=end, start_time=dt.time(9), duration_minutes=120, pain=5)
            out.update(_charts_of("one-attack", [one], ("headache",), start, end))
    finally:
        models.now = models_now
    return out


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    argv = [a for a in argv if a != "-v"]
    if len(argv) != 2 or argv[0] not in ("dump", "compare"):
        print(__doc__)
        return 2
    mode, path = argv
    current = figures()
    if mode == "dump":
        Path(path).write_text(json.dumps(current, indent=0, sort_keys=True))
        print(f"wrote {len(current)} charts to {path}")
        return 0
    before = json.loads(Path(path).read_text())
    bad = reordered = 0
    if set(before) != set(current):
        print("charts differ:", sorted(set(before) ^ set(current)))
        bad += 1
    for key in sorted(set(before) & set(current)):
        for field, old in before[key].items():
            new = current[key].get(field)
            if new != old:
                if field in ("spec", "plotly_json") and new is not None and old is not None:
                    # The same JSON value (1 and 1.0 differ here), members in another order?
                    if _canonical(new) == _canonical(old):
                        reordered += 1
                        if verbose:
                            print(f"{key} {field}: the same JSON value, members in another order")
                            _first_difference(json.loads(old), json.loads(new), key)
                        continue
                    bad += 1
                    print(f"{key} {field}: another JSON value")
                    _first_difference(json.loads(old), json.loads(new), key)
                    continue
                bad += 1
                print(f"{key} {field}: {old!r} -> {new!r}")
    print(
        f"{len(current)} charts compared: {bad} differences; {reordered} JSON texts with the "
        "same value whose object members come in another order (JSON objects are unordered)"
    )
    return 1 if bad else 0


def _canonical(text: str) -> str:
    return json.dumps(json.loads(text), sort_keys=True)


def _first_difference(old, new, where: str) -> None:
    def differ(a, b) -> bool:
        return json.dumps(a) != json.dumps(b)

    if isinstance(old, dict) and isinstance(new, dict):
        for k in old:
            if k in new and differ(old[k], new[k]):
                _first_difference(old[k], new[k], f"{where}.{k}")
                return
        if list(old) != list(new):
            print(f"  {where}: members {list(old)} -> {list(new)}")
        return
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            if differ(a, b):
                _first_difference(a, b, f"{where}[{i}]")
                return
    print(f"  {where}: {str(old)[:300]} -> {str(new)[:300]}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
