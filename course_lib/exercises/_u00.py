"""Unit 00 exercises: how an exercise works (one conversion by hand)."""

from __future__ import annotations

from .. import units
from . import Mistake, NumericExercise, register

register(
    NumericExercise(
        id="00-ng-to-nmol",
        name="250 ng/mL in nmol/L",
        unit="nmol/L",
        objectives=(2,),
        expected=lambda: units.ng_per_mL_to_nmol_per_L(250),
        hints=(
            "divide the mass concentration by the molar mass, with both in the same units (g/L and g/mol).",
            "250 ng/mL is 250 µg/L, which is 250e-6 g/L. Dividing g/L by g/mol gives mol/L; then multiply by 1e9 for nmol/L.",
        ),
        mistakes=(
            Mistake(
                value=lambda: 250 * 7649,
                hint="you multiplied by the molar mass. Moles are grams divided by grams per mole.",
            ),
            Mistake(
                value=lambda: units.ng_per_mL_to_nmol_per_L(250) / 1000,
                hint="your number is 1000 times too small: 1 ng/mL is 1 µg/L, not 1 ng/L.",
            ),
            Mistake(
                value=lambda: units.ng_per_mL_to_nmol_per_L(250) * 1000,
                hint="your number is 1000 times too large: check the step from mol/L to nmol/L, or from ng/mL to g/L.",
            ),
        ),
    )
)
