"""Illustrative lifestyle modifiers: calibration anchors, shape, and bad input."""

import numpy as np
import pytest

from course_lib import data
from course_lib.models import lifestyle, reference_ranges


def test_fontana_2008_is_reproduced():
    # 1.67 -> 0.95 g/kg/day for 3 weeks: 194 -> 152 ng/mL.
    ratio = lifestyle.protein_factor(0.95) / lifestyle.protein_factor(1.67)
    assert ratio == pytest.approx(152 / 194, rel=1e-9)
    assert 194 * ratio == pytest.approx(152, abs=1e-6)


def test_protein_factor_is_one_at_reference_intake_monotone_and_saturating():
    x = np.linspace(0.3, 3.0, 271)
    f = lifestyle.protein_factor(x)
    assert lifestyle.protein_factor(
        data.parameter("lifestyle_parameters", "protein_reference_g_per_kg_day")
    ) == pytest.approx(1.0)
    slope = np.diff(f)
    assert np.all(slope > 0) and np.all(np.diff(slope) < 0)  # rising, ever more slowly


@pytest.mark.parametrize(
    "bad,exc",
    [
        (0.29, ValueError),
        (3.01, ValueError),
        (-1, ValueError),
        (float("nan"), ValueError),
        ("lots", TypeError),
        (None, TypeError),
        (True, TypeError),
    ],
)
def test_protein_bad_input_names_parameter_unit_and_range(bad, exc):
    with pytest.raises(exc, match=r"protein_g_per_kg_day must be a number in g/kg/day between 0.3 and 3.0"):
        lifestyle.protein_factor(bad)


def test_training_effect_is_modest_and_ordered():
    f = [lifestyle.training_factor(s) for s in lifestyle.TRAINING_STATUSES]
    assert f[0] == 1.0 and f[0] < f[1] < f[2]
    # Not larger than the meta-analytic +17 ng/mL on the iSYS median at 70 y (~+17%).
    md = data.parameter("lifestyle_parameters", "amiri_md_ng_per_mL")
    median_70 = reference_ranges.percentile(70, sex="female", p=50)
    assert f[2] - 1 <= md / median_70
    with pytest.raises(ValueError, match="status must be one of 'untrained', 'recreational', 'trained'"):
        lifestyle.training_factor("elite")
    with pytest.raises(ValueError, match="training must be one of 'untrained', 'recreational', 'trained'"):
        lifestyle.illustrative_igf1(40, sex="male", protein_g_per_kg_day=1.2, training="elite")


def test_illustrative_igf1_combines_the_three():
    # Expected value built from the tables alone: the median M of the iSYS LMS table at tabulated ages, the
    # protein curve with K solved in closed form from Fontana 2008, and the training multiplier's row.
    # (lo/(K+lo)) / (hi/(K+hi)) = r  gives  K = lo*hi*(r - 1) / (lo - r*hi).
    lo, hi, r = 0.95, 1.67, 152 / 194
    K = lo * hi * (r - 1) / (lo - r * hi)
    x, x_ref = 0.8, data.parameter("lifestyle_parameters", "protein_reference_g_per_kg_day")
    protein = (x / (K + x)) / (x_ref / (K + x_ref))
    ages = np.array([20.0, 48.0])  # tabulated ages, where the interpolated median is the table's M
    for sex in ("male", "female"):
        lms = data.load("igf1_lms_isys2014").query("sex == @sex").set_index("age_y")["M_mu"]
        for training in lifestyle.TRAINING_STATUSES:
            multiplier = data.parameter("lifestyle_parameters", f"training_multiplier_{training}")
            got = lifestyle.illustrative_igf1(ages, sex=sex, protein_g_per_kg_day=x, training=training)
            np.testing.assert_allclose(got, lms.loc[ages].to_numpy() * protein * multiplier, rtol=1e-9)
    assert lifestyle.protein_half_saturation() == pytest.approx(K, rel=1e-9)
    with pytest.raises(ValueError, match="age_y"):
        lifestyle.illustrative_igf1(120, sex="male", protein_g_per_kg_day=1.0, training="trained")
