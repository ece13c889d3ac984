"""Unit 03 widgets, driven like a learner: set each control's value, check the figure and the summary changed."""

import numpy as np
import pytest

from course_lib import data, widgets
from course_lib.figures import binding as fb
from course_lib.models import binding

FREE = {n: i for i, n in enumerate(fb.FREE_TRACES)}
POOLS = {n: i for i, n in enumerate(fb.POOL_TRACES)}


@pytest.fixture(scope="module")
def free_w():
    return widgets.free_fraction_explorer()


@pytest.fixture(scope="module")
def pools_w():
    return widgets.pools_explorer(hours=12)


def test_free_fraction_explorer_starts_at_the_model(free_w):
    s = free_w.state
    expected = binding.free_fraction(s["total_igf1_nM"], igfbp_nM=s["igfbp_nM"], kd_nM=s["kd_nM"]) * 100
    assert free_w.figure.data[FREE["chosen"]].y[0] == pytest.approx(expected)
    assert s["kd_nM"] == pytest.approx(data.parameter("binding_parameters", "kd_igf1_igfbp3_nM"), rel=1e-9)
    assert list(free_w.figure.data[FREE["frystyk"]].y) == [0.38, 0.38]
    assert "0.38% measured by ultrafiltration" in free_w.summary.value
    assert repr(free_w).startswith("FreeFractionExplorer(total_igf1_nM=26")


@pytest.mark.parametrize("control,new", [("total_igf1_nM", 60.0), ("kd_nM", 1.0)])
def test_curve_controls_redraw_the_curve_and_summary(free_w, control, new):
    before_curve = np.array(free_w.figure.data[FREE["curve"]].y)
    before_text = free_w.summary.value
    free_w.controls[control].value = new
    after_curve = np.array(free_w.figure.data[FREE["curve"]].y)
    assert not np.allclose(before_curve, after_curve) and free_w.summary.value != before_text
    s = free_w.state
    np.testing.assert_allclose(
        after_curve, binding.free_fraction(s["total_igf1_nM"], igfbp_nM=fb.igfbp_grid(), kd_nM=s["kd_nM"]) * 100
    )
    assert np.all(np.diff(after_curve) < 0)  # more IGFBP-3, less free IGF-1


def test_igfbp_control_moves_the_point_only(free_w):
    curve = np.array(free_w.figure.data[FREE["curve"]].y)
    before = free_w.summary.value
    free_w.controls["igfbp_nM"].value = 40.0
    assert free_w.figure.data[FREE["chosen"]].x[0] == 40.0
    np.testing.assert_array_equal(np.array(free_w.figure.data[FREE["curve"]].y), curve)
    assert "IGFBP-3 sites 40 nM" in free_w.summary.value and free_w.summary.value != before


def test_free_fraction_controls_cover_only_the_valid_domain(free_w):
    c = free_w.controls
    assert c["total_igf1_nM"].min > 0 and c["igfbp_nM"].min == 0
    assert 10 ** c["kd_nM"].min == pytest.approx(data.parameter("binding_parameters", "widget_kd_min_nM"))
    assert 10 ** c["kd_nM"].max == pytest.approx(data.parameter("binding_parameters", "widget_kd_max_nM"))
    with pytest.raises(ValueError, match="kd_nM must be a number in nmol/L between 0.01 and 100"):
        widgets.free_fraction_explorer(kd_nM=0)
    with pytest.raises(ValueError, match="igfbp_nM must be"):
        widgets.free_fraction_explorer(igfbp_nM=1000)


def test_pools_explorer_starts_at_the_model(pools_w):
    s = pools_w.state
    series = fb.pool_series(**s)  # the model on the figure's time grid; drawn floored at 0.001% (the log axis)
    np.testing.assert_allclose(pools_w.figure.data[POOLS["total"]].y, np.round(np.maximum(series["total"], 1e-3), 4))
    assert "Tracer" in pools_w.summary.value
    assert repr(pools_w).startswith("PoolsExplorer(scenario='tracer'")


@pytest.mark.parametrize(
    "control,new",
    [
        ("t_half_free_min", 16.0),
        ("t_half_binary_min", 80.0),
        ("t_half_ternary_h", 14.5),
        ("hours", 48),
    ],
)
def test_each_pool_control_changes_figure_and_summary(pools_w, control, new):
    before_y = np.array(pools_w.figure.data[POOLS["total"]].y)
    before_x = np.array(pools_w.figure.data[POOLS["total"]].x)
    before_text = pools_w.summary.value
    pools_w.controls[control].value = new
    after_y = np.array(pools_w.figure.data[POOLS["total"]].y)
    after_x = np.array(pools_w.figure.data[POOLS["total"]].x)
    changed = (
        after_x.shape != before_x.shape or not np.allclose(after_y, before_y) or not np.allclose(after_x, before_x)
    )
    assert changed and pools_w.summary.value != before_text
    series = fb.pool_series(**pools_w.state)
    np.testing.assert_allclose(after_y, np.round(np.maximum(series["total"], 1e-3), 4))


def test_scenario_switch_changes_title_axis_and_data(pools_w):
    before = np.array(pools_w.figure.data[POOLS["ternary"]].y)
    pools_w.controls["scenario"].value = "production_stops"
    assert "stops" in pools_w.figure.layout.title.text
    assert "starting total" in pools_w.figure.layout.yaxis.title.text
    assert pools_w.figure.data[POOLS["ternary"]].y[0] == pytest.approx(87.12, abs=0.01)  # 100 - 0.38 - 12.5
    assert not np.allclose(before, np.array(pools_w.figure.data[POOLS["ternary"]].y))
    assert pools_w.summary.value.startswith("Production stops")
    pools_w.controls["scenario"].value = "tracer"
    assert pools_w.figure.data[POOLS["free"]].y[0] == pytest.approx(100.0)


def test_pool_sliders_use_the_cited_ranges(pools_w):
    table = data.parameters("binding_parameters")
    for name in ("t_half_free_min", "t_half_binary_min", "t_half_ternary_h"):
        c = pools_w.controls[name]
        assert (c.min, c.max) == (pytest.approx(table.loc[name, "low"]), pytest.approx(table.loc[name, "high"]))
    with pytest.raises(ValueError, match="t_half_ternary_h must be a number in h between 12.0 and 15.0"):
        widgets.pools_explorer(t_half_ternary_h=48)
    # The sliders say what they set: the free half-life is intrinsic, the two complexes' are apparent targets.
    assert "intrinsic" in pools_w.controls["t_half_free_min"].description
    for name in ("t_half_binary_min", "t_half_ternary_h"):
        assert "apparent" in pools_w.controls[name].description
    assert "refits" in pools_w.note.value
    with pytest.raises(ValueError, match="scenario must be one of"):
        widgets.pools_explorer(scenario="dose")


def test_pools_time_window_is_whole_hours_and_never_silently_rounded():
    """The time slider counts whole hours: 2.5 h would show as 2 h, so it is refused, with the range."""
    hours = widgets.pools_explorer(hours=48).controls["hours"]
    assert (hours.min, hours.max, hours.value) == (2, 72, 48)
    with pytest.raises(ValueError, match=r"hours must be a whole number of hours between 2 and 72; got 2\.5\."):
        widgets.pools_explorer(hours=2.5)
    with pytest.raises(ValueError, match="hours must be a whole number of hours between 2 and 72; got 100"):
        widgets.pools_explorer(hours=100)
    assert widgets.pools_explorer(hours=6.0).controls["hours"].value == 6  # a whole number given as a float is fine


def test_ternary_slider_sets_the_apparent_half_life_the_tracer_shows():
    """Moving the ternary slider refits the model so the simulated tracer's late phase has that half-life."""
    w = widgets.pools_explorer(hours=72)
    w.controls["t_half_ternary_h"].value = 14.5
    x = np.array(w.figure.data[POOLS["ternary"]].x)  # hours
    y = np.array(w.figure.data[POOLS["ternary"]].y)
    late = x >= 36
    slope = np.polyfit(x[late], np.log(y[late]), 1)[0]
    assert np.log(2) / -slope == pytest.approx(14.5, rel=0.01)  # a log-linear fit on the drawn curve
    assert "tracer phases" in w.summary.value and "14.5 h" in w.summary.value
