"""Unit 03 exercises: the binding quadratic by hand, the root that does not cancel, and the molar ratio."""

from __future__ import annotations

import numpy as np

from ..models import binding
from . import Case, FunctionExercise, Mistake, NumericExercise, register

#: The by-hand exercise: a sample with less IGF-1 and less IGFBP-3 than the notebook's serum-like example
#: (whose free IGF-1 is printed in section 4), so the answer is not on the page.
_L_nM, _P_nM, _KD_nM = 13.0, 60.0, 0.1


def _by_hand() -> float:
    return binding.free_concentration(_L_nM, igfbp_nM=_P_nM, kd_nM=_KD_nM)


register(
    NumericExercise(
        id="03-free-igf1",
        name="free IGF-1 for 13 nM IGF-1, 60 nM sites and Kd 0.1 nM",
        unit="nM",
        expected=_by_hand,
        hints=(
            "write F**2 + b*F - Kd*L = 0 with b = P + Kd - L, and take the positive root.",
            "compute b first (sites plus Kd minus total IGF-1), then sqrt(b**2 + 4*Kd*L); with sites in excess the "
            "root is tiny compared with b, and 2*Kd*L / (b + sqrt(b**2 + 4*Kd*L)) gives it without subtracting two "
            "nearly equal numbers.",
        ),
        mistakes=(
            Mistake(
                value=lambda: _KD_nM * _L_nM / _P_nM,
                hint="you used free = Kd * L / P, the large-excess shortcut, which ignores the sites IGF-1 itself "
                "fills (here a fifth of them); use the exact quadratic.",
            ),
            Mistake(
                value=lambda: _L_nM - _by_hand(),
                hint="that is the bound IGF-1 (the complex), not the free; free is total minus bound.",
            ),
            Mistake(
                value=lambda: -(_P_nM + _KD_nM - _L_nM) - _by_hand(),
                hint="a concentration cannot be negative: you took the other root of the quadratic, "
                "(-b - sqrt(...)) / 2. Take the positive one.",
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
            Case("IGF-1 far in excess of the sites, with very tight binding", (1000.0, 1.0, 1e-6)),
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


def _ratio_reference(igf1_ng_per_mL, igfbp3_ng_per_mL):
    """IGF-1/IGFBP-3 molar ratio: both converted to nmol/L with the library's masses (IGFBP-3 core, 28.7 kDa)."""
    igf1 = np.asarray(binding.to_nM(igf1_ng_per_mL, molecule="igf1"), dtype=float)
    bp3 = np.asarray(binding.to_nM(igfbp3_ng_per_mL, molecule="igfbp3"), dtype=float)
    ratio = igf1 / bp3
    return float(ratio) if ratio.ndim == 0 else ratio


register(
    FunctionExercise(
        id="03-molar-ratio",
        name="molar_ratio",
        reference=_ratio_reference,
        cases=(
            Case("a typical adult", (200.0, 4000.0)),
            Case("a teenager in puberty (high IGF-1)", (450.0, 5200.0)),
            Case("an older adult", (110.0, 3300.0)),
            Case(
                "several people at once (numpy arrays)",
                (np.array([90.0, 200.0, 450.0]), np.array([2500.0, 4000.0, 5200.0])),
            ),
            Case("no IGF-1 detected", (0.0, 3000.0)),
        ),
        rel_tol=2e-3,  # 7,649 or 7,648.6 g/mol, 28.7 or 28.72 kDa all pass; 44 kDa does not
        abs_tol=1e-12,
        hints=(
            "binding counts molecules: convert each concentration to nmol/L with its own molar mass before you "
            "divide, and use the mass the IGFBP-3 assay is calibrated in (section 3).",
            "ng/mL is µg/L; dividing µg/L by g/mol and multiplying by 1000 gives nmol/L. IGF-1 is 7,649 g/mol and "
            "IGFBP-3 is counted with its 28.7 kDa core mass, not the glycosylated mass seen on gels; the ratio is "
            "IGF-1 over IGFBP-3.",
        ),
        objectives=(2, 5),
    )
)
