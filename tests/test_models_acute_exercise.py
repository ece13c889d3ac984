"""The illustrative acute-exercise model against its published anchors, limits and bad input."""

import numpy as np
import pytest

from course_lib import data
from course_lib.models import acute_exercise

# Published anchors (abstracts), typed here from the papers, not from the model.
CAPPON_RISE_PCT = 100 * (253 / 217 - 1)  # Cappon 1994: 217 -> 253 ng/mL at the 10th minute
SCHWARZ_LOW, SCHWARZ_HIGH = 7.7, 13.3  # Schwarz 1996, 10-min bouts; SE 2.7 and 3.2
TOL_PP = 2.5  # percentage points: covers both high-intensity anchors (16.6 and 13.3) and is below 1 SE of Schwarz


def test_high_intensity_cycling_reproduces_both_published_rises_within_tolerance():
    x10 = acute_exercise.serum_igf1_change_pct(10.0, modality="cycling", intensity="high")
    assert abs(x10 - CAPPON_RISE_PCT) < TOL_PP
    assert abs(x10 - SCHWARZ_HIGH) < TOL_PP


def test_low_intensity_cycling_reproduces_schwarz_low():
    assert acute_exercise.serum_igf1_change_pct(10.0, modality="cycling", intensity="low") == pytest.approx(
        SCHWARZ_LOW, abs=0.3
    )


def test_intensity_contrast_has_the_published_sign_and_ratio():
    low = acute_exercise.peak_rise_pct("cycling", "low")
    high = acute_exercise.peak_rise_pct("cycling", "high")
    assert high > low > 0
    # Schwarz's ratio was 13.3 / 7.7 = 1.73; with Cappon's 16.6 it would be 2.15. The model sits between.
    assert SCHWARZ_HIGH / SCHWARZ_LOW <= high / low <= CAPPON_RISE_PCT / SCHWARZ_LOW


def test_peak_by_the_tenth_minute_and_back_to_baseline_within_about_20_min():
    t = np.linspace(0, 10, 101)
    x = acute_exercise.serum_igf1_change_pct(t, modality="cycling", intensity="high", duration_min=10)
    assert np.all(np.diff(x) > 0)  # rises throughout the bout
    assert x[-1] > 0.95 * x.max()
    s = acute_exercise.response_summary(modality="cycling", intensity="high")
    assert s["peak_min"] == pytest.approx(10.0)
    assert 10 <= s["back_to_baseline_min"] <= 25  # Cappon: significantly raised for only 20 min of recovery
    # still clearly raised 5 min into recovery
    assert acute_exercise.serum_igf1_change_pct(15.0, modality="cycling", intensity="high") > 5.0


def test_monotone_fall_after_the_bout_and_nothing_left_at_24_h():
    t = np.linspace(12, 1440, 500)
    x = acute_exercise.serum_igf1_change_pct(t, modality="cycling", intensity="high", duration_min=12)
    assert np.all(np.diff(x) <= 0)
    assert x[-1] == pytest.approx(0.0, abs=1e-9)


def test_resistance_exercise_gives_no_serum_change_over_24_h():
    t = np.linspace(0, 1440, 2881)
    for intensity in acute_exercise.INTENSITIES:
        x = acute_exercise.serum_igf1_change_pct(t, modality="resistance", intensity=intensity, duration_min=20)
        assert np.all(np.abs(x) < 1.0)  # Kraemer 1995, Nindl 2009: no significant change
        assert acute_exercise.response_summary(modality="resistance", intensity=intensity)[
            "mean_24h_pct"
        ] == pytest.approx(0)


def test_24_hour_integrated_effect_of_a_brief_bout_is_negligible():
    for intensity in acute_exercise.INTENSITIES:
        mean = acute_exercise.response_summary(modality="cycling", intensity=intensity, duration_min=20)["mean_24h_pct"]
        assert 0 < mean < 0.5


def test_longer_bouts_give_at_least_as_large_a_peak():
    peaks = [
        acute_exercise.response_summary(modality="cycling", intensity="high", duration_min=d)["peak_pct"]
        for d in (5, 10, 15, 20)
    ]
    assert all(b >= a for a, b in zip(peaks, peaks[1:]))


def test_ng_per_mL_scales_the_baseline_and_starts_there():
    assert acute_exercise.serum_igf1_ng_per_mL(0.0) == pytest.approx(217.0)
    assert acute_exercise.serum_igf1_ng_per_mL(10.0, baseline_ng_per_mL=100.0, intensity="low") == pytest.approx(
        107.7, abs=0.3
    )
    arr = acute_exercise.serum_igf1_ng_per_mL([0.0, 10.0])
    assert isinstance(arr, np.ndarray) and arr.shape == (2,)


def test_scalar_in_scalar_out_and_inputs_untouched():
    assert isinstance(acute_exercise.serum_igf1_change_pct(5), float)
    t = np.array([0.0, 5.0, 30.0])
    out = acute_exercise.serum_igf1_change_pct(t)
    assert out.shape == t.shape and t.tolist() == [0.0, 5.0, 30.0]


def test_published_anchor_table_matches_the_papers():
    a = acute_exercise.published_anchors().set_index(["study", "intensity"])
    assert a.loc[("Cappon 1994", "high"), "rise_pct"] == pytest.approx(CAPPON_RISE_PCT)
    assert a.loc[("Schwarz 1996", "low"), "rise_pct"] == SCHWARZ_LOW


@pytest.mark.parametrize(
    "kwargs,exc,msg",
    [
        (dict(modality="swimming"), ValueError, "modality must be one of"),
        (dict(intensity="medium"), ValueError, "intensity must be one of"),
        (dict(duration_min=60), ValueError, "duration_min must be a number in min between 5.0 and 20.0; got 60"),
        (dict(duration_min="long"), TypeError, "duration_min must be a number in min"),
        (dict(duration_min=[10, 12]), TypeError, "duration_min must be a number in min"),
    ],
)
def test_bad_options_are_clear_errors(kwargs, exc, msg):
    with pytest.raises(exc, match=msg):
        acute_exercise.serum_igf1_change_pct(10.0, **kwargs)


@pytest.mark.parametrize(
    "t,exc", [(-1, ValueError), (2000, ValueError), (float("nan"), ValueError), ("ten", TypeError)]
)
def test_bad_times_are_clear_errors(t, exc):
    with pytest.raises(exc, match="t_min must be a number in min between 0"):
        acute_exercise.serum_igf1_change_pct(t)


def test_bad_baseline_is_a_clear_error():
    with pytest.raises(ValueError, match="baseline_ng_per_mL must be a number in ng/mL"):
        acute_exercise.serum_igf1_ng_per_mL(5.0, baseline_ng_per_mL=0)


@pytest.mark.parametrize("intensity", acute_exercise.INTENSITIES)
@pytest.mark.parametrize("duration", [5.0, 10.0, 20.0])
def test_24_hour_mean_is_the_closed_form_integral_over_1440_min(intensity, duration):
    # The model's two exponentials, integrated by hand from the parameter table (not from the function):
    #   during [0, D]: P (1 - exp(-t/tr))          -> P (D - tr (1 - exp(-D/tr)))
    #   after (D, W]:  x(D) exp(-(t - D)/td)       -> x(D) td (1 - exp(-(W - D)/td))
    # and the time average divides by the 24-h window W = 1,440 min (not by the number of samples).
    p = data.parameters("exercise_parameters")["value"]
    tr, td, ref, window = (
        p["rise_time_constant_min"],
        p["recovery_time_constant_min"],
        p["bout_reference_min"],
        p["window_max_min"],
    )
    assert window == 24 * 60
    rise = SCHWARZ_LOW if intensity == "low" else (CAPPON_RISE_PCT + SCHWARZ_HIGH) / 2
    plateau = rise / (1 - np.exp(-ref / tr))
    x_end = plateau * (1 - np.exp(-duration / tr))
    area = plateau * (duration - tr * (1 - np.exp(-duration / tr))) + x_end * td * (
        1 - np.exp(-(window - duration) / td)
    )
    got = acute_exercise.response_summary(modality="cycling", intensity=intensity, duration_min=duration)[
        "mean_24h_pct"
    ]
    assert got == pytest.approx(area / window, rel=1e-3)
