"""Illustrative lifestyle bands: the published anchors, adults only, bands not lines, and bad input.

Expected values are typed from the sources' abstracts (Beasley 2014's cited whey trial: +8% for 30 g/day over
2 years; EPIC, Crowe 2009: +2.5% per SD of protein intake; Nishida 2010: -9%; Amiri 2021: +17.34 ng/mL) or
computed by hand from the LMS table, never copied from the model's output. Two inputs are course assumptions
(stated in lifestyle_parameters.yaml): a 70 kg body mass and an EPIC SD of 0.3 g/kg/day.
"""

import numpy as np
import pytest

from course_lib import data
from course_lib.models import lifestyle, reference_ranges

BODY_MASS_KG = 70.0  # assumed (lifestyle_parameters.yaml)
EPIC_SD = 0.3  # g/kg/day, assumed: Crowe 2009's SD was not seen
X_REF = 1.2  # g/kg/day, the intake at which the band has zero width


def test_whey_trial_anchor_plus_8_percent_for_30_g_per_day_at_70_kg():
    # Beasley 2014 abstract: "supplementation of 30 g of whey protein daily ... increase serum IGF-I levels by 8 %
    # after 2 years". 30 g/day at 70 kg is 0.4286 g/kg/day above the reference intake: the upper edge is +8%.
    low, high = lifestyle.protein_band(X_REF + 30 / BODY_MASS_KG)
    assert high == pytest.approx(1.08, abs=1e-9)
    assert low < high  # a band, not a line


def test_epic_anchor_plus_2_5_percent_per_sd():
    # Crowe 2009 abstract: "Each 1 SD increment increase in total ... protein ... increase in IGF-I ... of 2.5%".
    low, high = lifestyle.protein_band(X_REF + EPIC_SD)
    assert low == pytest.approx(1.025, abs=1e-9)
    assert high > low


def test_slopes_by_hand():
    slopes = lifestyle.protein_slopes()
    assert slopes["rct"] == pytest.approx(8 / (30 / 70), rel=1e-12)  # 18.67 % per g/kg/day
    assert slopes["epic"] == pytest.approx(2.5 / 0.3, rel=1e-12)  # 8.33 % per g/kg/day


def test_protein_range_stays_within_the_intakes_studied():
    # Fontana 2008's group means ran from 0.76 (vegans) to 1.73 g/kg/day (CR Society members).
    lo, hi = lifestyle.protein_range()
    assert (lo, hi) == (0.8, 1.7)
    assert 0.76 <= lo and hi <= 1.73


def test_band_is_linear_with_zero_width_at_the_reference_and_no_asymptote():
    x = np.linspace(0.8, 1.7, 91)
    low, high = lifestyle.protein_band(x)
    assert lifestyle.protein_band(X_REF) == (1.0, 1.0)
    assert np.all(high >= low) and np.all((high - low)[np.abs(x - X_REF) > 1e-9] > 0)
    for side in (x < X_REF - 1e-9, x > X_REF + 1e-9):  # straight edges on each side: no saturating curve
        for edge in (low, high):
            np.testing.assert_allclose(np.diff(edge[side], 2), 0, atol=1e-12)
    # Ends of the slider, by hand: 1 + slope * dx / 100.
    assert lifestyle.protein_band(1.7) == (
        pytest.approx(1 + 2.5 / 0.3 * 0.5 / 100),
        pytest.approx(1 + 8 / (30 / 70) * 0.5 / 100),
    )
    assert lifestyle.protein_band(0.8) == (
        pytest.approx(1 - 8 / (30 / 70) * 0.4 / 100),
        pytest.approx(1 - 2.5 / 0.3 * 0.4 / 100),
    )


@pytest.mark.parametrize(
    "bad,exc",
    [
        (0.79, ValueError),
        (1.71, ValueError),
        (3.0, ValueError),
        (-1, ValueError),
        (float("nan"), ValueError),
        ("lots", TypeError),
        (None, TypeError),
        (True, TypeError),
    ],
)
def test_protein_bad_input_names_parameter_unit_and_range(bad, exc):
    with pytest.raises(exc, match=r"protein_g_per_kg_day must be a number in g/kg/day between 0.8 and 1.7"):
        lifestyle.protein_band(bad)


def test_training_band_includes_a_fall_no_change_and_a_rise():
    # Nishida 2010: 6 weeks of endurance training, -9%. Nindl 2010: no change. Amiri 2021: +17.34 ng/mL.
    assert lifestyle.training_band(100.0, training="trained") == (pytest.approx(91.0), pytest.approx(117.34))
    assert lifestyle.training_band(100.0, training="untrained") == (100.0, 100.0)
    ages = np.arange(20.0, 94.5, 0.5)
    for sex in reference_ranges.SEXES:
        for protein in (0.8, 1.2, 1.7):
            u_low, u_high = lifestyle.illustrative_band(
                ages, sex=sex, protein_g_per_kg_day=protein, training="untrained"
            )
            t_low, t_high = lifestyle.illustrative_band(ages, sex=sex, protein_g_per_kg_day=protein, training="trained")
            # Never a one-way dial: "trained" always lowers the lower edge AND raises the upper edge.
            assert np.all(t_low < u_low) and np.all(t_high > u_high)
            np.testing.assert_allclose(t_low / u_low, 0.91, rtol=1e-12)
            np.testing.assert_allclose(t_high - u_high, 17.34, rtol=1e-12)
            median = reference_ranges.percentile(ages, sex=sex, p=50)
            assert np.all(t_low < median) and np.all(t_high > median)  # no change (Nindl 2010) lies inside


def test_only_two_training_statuses_no_invented_recreational_level():
    assert lifestyle.TRAINING_STATUSES == ("untrained", "trained")
    with pytest.raises(ValueError, match="training must be one of 'untrained', 'trained'"):
        lifestyle.training_band(100.0, training="recreational")
    with pytest.raises(ValueError, match="training must be one of 'untrained', 'trained'"):
        lifestyle.illustrative_band(40, sex="male", protein_g_per_kg_day=1.2, training="elite")


@pytest.mark.parametrize("age", [0, 5, 15, 19.99, [25, 19]])
def test_children_and_adolescents_are_refused_with_a_clear_message(age):
    with pytest.raises(ValueError, match=r"age_y must be a number in years between 20.0 and 94.0; got .*adults only"):
        lifestyle.illustrative_band(age, sex="female", protein_g_per_kg_day=1.2, training="untrained")


def test_adult_ages_are_accepted_and_the_range_follows_the_reference():
    assert lifestyle.adult_age_range("isys2014") == (20.0, 94.0)
    assert lifestyle.adult_age_range("japan2012") == (20.0, 77.0)
    assert lifestyle.adult_ages(20) == 20.0
    with pytest.raises(ValueError, match="between 20.0 and 77.0"):
        lifestyle.illustrative_band(
            80, sex="male", protein_g_per_kg_day=1.2, training="untrained", reference="japan2012"
        )
    with pytest.raises(ValueError, match="between 20.0 and 94.0; got 120"):  # past the end of the table
        lifestyle.adult_ages(120)


def test_illustrative_band_combines_median_protein_and_training():
    # Expected value built from the tables alone: M of the iSYS LMS table at tabulated ages (the 50th
    # percentile is M, since z = 0), times 1 + slope * dx, then -9% / +17.34 ng/mL.
    x = 1.5
    ages = np.array([20.0, 48.0])  # tabulated ages
    for sex in reference_ranges.SEXES:
        m = data.load("igf1_lms_isys2014").query("sex == @sex").set_index("age_y")["M_mu"].loc[ages].to_numpy()
        low, high = lifestyle.illustrative_band(ages, sex=sex, protein_g_per_kg_day=x, training="trained")
        np.testing.assert_allclose(low, m * (1 + 2.5 / 0.3 * 0.3 / 100) * 0.91, rtol=1e-9)
        np.testing.assert_allclose(high, m * (1 + 8 / (30 / 70) * 0.3 / 100) + 17.34, rtol=1e-9)


def test_anchor_table_reproduces_every_published_anchor():
    # Published values typed from the abstracts; tolerance half the last reported digit.
    expected = [(8.0, 0.5, "%"), (2.5, 0.05, "%"), (-9.0, 0.5, "%"), (17.34, 0.005, "ng/mL")]
    table = lifestyle.anchor_table()
    assert len(table) == len(expected)
    for (_, row), (published, tol, unit) in zip(table.iterrows(), expected):
        assert row["published"] == pytest.approx(published) and row["unit"] == unit
        assert row["model"] == pytest.approx(published, abs=tol), row["anchor"]
