"""The metrics parts and the old ``utils.metrics`` / ``utils.charts`` paths that re-export them."""

from __future__ import annotations

from utils import charts, conditions, metrics
from utils.conditions.headache import metrics as headache_metrics
from utils.conditions.jaw import metrics as jaw_metrics
from utils.conditions.sweating import metrics as sweating_metrics
from utils.core import dates, diary


def test_every_condition_has_a_metrics_part() -> None:
    assert [spec.key for spec, _ in conditions.parts("metrics")] == list(conditions.keys())


def test_old_paths_re_export_the_moved_objects() -> None:
    assert metrics.classify_headache_days is headache_metrics.classify_headache_days
    assert metrics.sweat_summary is sweating_metrics.sweat_summary
    assert metrics.jaw_summary is jaw_metrics.jaw_summary
    assert metrics.completeness is diary.completeness
    assert metrics.month_bounds is dates.month_bounds
    for module in (metrics, charts):
        missing = [name for name in module.__all__ if not hasattr(module, name)]
        assert not missing, (module.__name__, missing)
