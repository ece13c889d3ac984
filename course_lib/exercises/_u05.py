"""Unit 05 exercises: an SDS by hand, with linear interpolation between tabulated ages."""

from __future__ import annotations

from .. import data
from ..models import reference_ranges
from . import Mistake, NumericExercise, register


def _sds_at_row(age_y: int) -> float:
    t = data.load("igf1_lms_isys2014")
    row = t[(t.sex == "male") & (t.age_y == age_y)].iloc[0]
    return ((150 / row["M_mu"]) ** row["L_nu"] - 1) / (row["L_nu"] * row["S_sigma"])


register(
    NumericExercise(
        id="05-sds-67y",
        name="the SDS of 150 ng/mL at 67 y",
        expected=lambda: reference_ranges.sds(150, age_y=67, sex="male"),
        rel_tol=0.005,  # the 68-year row alone lands within 1% of the answer, so 1% could not tell them apart
        hints=(
            "find the two male rows that bracket 67 years, interpolate L, M and S linearly between them, then "
            "apply z = ((y/M)**L - 1) / (L*S).",
            "67 years is 4/5 of the way from the lower tabulated age to the upper one; interpolate each of L, M "
            "and S with that weight before computing z.",
        ),
        mistakes=(
            Mistake(
                value=lambda: _sds_at_row(63),
                hint="you used the row below 67 years without interpolating to 67.",
            ),
        ),
        objectives=(2,),
    )
)
