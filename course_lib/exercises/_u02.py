"""Unit 02 exercises: competitive occupancy by hand."""

from __future__ import annotations

from .. import data
from ..models import receptors
from . import Mistake, NumericExercise, register


def _kd(name: str) -> float:
    return data.parameter("receptor_parameters", name)


register(
    NumericExercise(
        id="02-occupancy-with-insulin",
        name="IGF-1R occupancy by IGF-1",
        expected=lambda: receptors.occupancy(igf1_nM=0.1, insulin_nM=100.0).loc["IGF-1R", "igf1"],
        hints=(
            "use theta = (A/K_A) / (1 + A/K_A + B/K_B), with A the IGF-1 and B the insulin concentration, each "
            "divided by its own Kd at IGF-1R.",
            "insulin's Kd at IGF-1R is 1,217 times IGF-1's; both ratios A/K_A and B/K_B are plain numbers, and "
            "both go in the denominator together with the 1.",
        ),
        mistakes=(
            Mistake(
                value=lambda: 0.1 / (0.1 + 0.86),
                hint="you left insulin out. It competes for the same site, so B/K_B belongs in the denominator.",
            ),
            Mistake(
                value=lambda: 100.0 / (1217 * 0.86) / (1 + 0.1 / 0.86 + 100.0 / (1217 * 0.86)),
                hint="that is the share occupied by insulin; the question asks for the share occupied by IGF-1.",
            ),
            Mistake(
                value=lambda: (0.1 / 0.86) / (1 + 0.1 / 0.86 + 100.0 / 0.86),
                hint="you used IGF-1's Kd for insulin too. Insulin binds IGF-1R about 1,200-fold more weakly.",
            ),
        ),
        objectives=(2,),
    )
)
