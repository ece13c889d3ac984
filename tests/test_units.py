import numpy as np
import pytest

from course_lib import data, units


def test_molar_mass_comes_from_the_table():
    assert data.parameter("constants", "igf1_molar_mass_g_per_mol") == 7649.0


def test_known_conversions():
    # 1 nmol/L = 7.649 ng/mL; 100 ng/mL = 13.07 nmol/L (fact sheet section 3).
    assert units.nmol_per_L_to_ng_per_mL(1.0) == pytest.approx(7.649)
    assert units.ng_per_mL_to_nmol_per_L(100.0) == pytest.approx(13.07, abs=0.005)


def test_round_trip_arrays():
    x = np.array([0.0, 50.0, 318.8])
    back = units.nmol_per_L_to_ng_per_mL(units.ng_per_mL_to_nmol_per_L(x))
    np.testing.assert_allclose(back, x, rtol=1e-12)


@pytest.mark.parametrize(
    "func,param",
    [(units.ng_per_mL_to_nmol_per_L, "conc_ng_per_mL"), (units.nmol_per_L_to_ng_per_mL, "conc_nmol_per_L")],
)
@pytest.mark.parametrize(
    "bad,exc", [(-1, ValueError), (float("nan"), ValueError), ("200", TypeError), (None, TypeError), (True, TypeError)]
)
def test_bad_input(func, param, bad, exc):
    with pytest.raises(exc, match=param):
        func(bad)
