"""Unit 03 exercises: the binding quadratic by hand."""

from __future__ import annotations

from ..models import binding
from . import Case, FunctionExercise, Mistake, NumericExercise, register

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


def _free_reference(total_nM: float, sites_nM: float, kd_nM: float) -> float:
    """The library's exact root, in the learner's argument order."""
    return binding.free_concentration(total_nM, igfbp_nM=sites_nM, kd_nM=kd_nM)


register(
    FunctionExercise(
        id="03-stable-quadratic",
        name="free_igf1",
        reference=_free_reference,
        cases=(
            Case("adult serum-like concentrations", (26.0, 150.0, 0.1)),
            Case("a very small Kd (very tight binding)", (26.0, 150.0, 1e-9)),
            Case("a huge excess of binding sites", (26.0, 1e6, 1e-3)),
            Case("no binding protein at all", (26.0, 0.0, 0.1)),
            Case("more IGF-1 than binding sites", (200.0, 50.0, 0.1)),
            Case("equal IGF-1 and binding sites", (26.0, 26.0, 0.1)),
        ),
        rel_tol=1e-9,
        abs_tol=0.0,
        hints=(
            "the textbook root (-b + sqrt(b**2 + 4*Kd*L)) / 2 subtracts two nearly equal numbers when sites are in "
            "excess, and loses digits; rewrite it so nothing cancels.",
            "multiply top and bottom of the textbook root by (b + sqrt(...)): the root becomes 2*Kd*L / (b + "
            "sqrt(b**2 + 4*Kd*L)). That form is safe when b > 0; when b < 0 (more IGF-1 than sites) the textbook "
            "form is the safe one.",
        ),
        objectives=(3,),
    )
)
