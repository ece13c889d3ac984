"""Unit 03 exercises: the binding quadratic by hand."""

from __future__ import annotations

from ..models import binding
from . import Mistake, NumericExercise, register

register(
    NumericExercise(
        id="03-free-igf1",
        name="free IGF-1",
        unit="nM",
        expected=lambda: binding.free_concentration(26.0, igfbp_nM=150.0, kd_nM=0.1),
        hints=(
            "write F**2 + b*F - Kd*L = 0 with b = P + Kd - L, and take the positive root.",
            "with sites in excess the root is tiny compared with b; the form 2*Kd*L / (b + sqrt(b**2 + 4*Kd*L)) "
            "gives it without subtracting two nearly equal numbers.",
        ),
        mistakes=(
            Mistake(
                value=lambda: 0.1 * 26.0 / 150.0,
                hint="you used free = Kd * L / P, which ignores the sites IGF-1 itself fills; use the exact quadratic.",
            ),
            Mistake(
                value=lambda: 26.0 - binding.free_concentration(26.0, igfbp_nM=150.0, kd_nM=0.1),
                hint="that is the bound IGF-1, not the free.",
            ),
        ),
        objectives=(3,),
    )
)
