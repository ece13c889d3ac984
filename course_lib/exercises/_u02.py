"""Unit 02 exercises: competitive occupancy by hand."""

from __future__ import annotations

import numpy as np

from .. import data
from ..models import receptors
from . import Case, FunctionExercise, Mistake, NumericExercise, register


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


def _share_reference(ligand_nM, kd_nM, competitor_nM, competitor_kd_nM):
    """The library's competitive occupancy, in the learner's argument order."""
    return receptors.bound_fraction(
        ligand_nM, kd_nM=kd_nM, competitor_nM=competitor_nM, competitor_kd_nM=competitor_kd_nM
    )


def _kd_table(receptor: str, ligand: str) -> float:
    return float(receptors.dissociation_constants().loc[receptor, ligand])


_K_IGF1R = _kd_table("IGF-1R", "IGF-1")
_K_INS_IGF1R = _kd_table("IGF-1R", "insulin")
_K_IGF1_IRA = _kd_table("IR-A", "IGF-1")
_K_INS_IRA = _kd_table("IR-A", "insulin")
_FREE_IGF1 = _kd("free_igf1_nM")
_FASTING_INSULIN = _kd("insulin_fasting_upper_nM")
_POST_GLUCOSE_INSULIN = _kd("insulin_post_glucose_nM")

register(
    FunctionExercise(
        id="02-competitive-occupancy",
        name="occupancy_share",
        reference=_share_reference,
        cases=(
            Case(
                "adult free IGF-1 at IGF-1R with fasting insulin",
                (_FREE_IGF1, _K_IGF1R, _FASTING_INSULIN, _K_INS_IGF1R),
            ),
            Case("no competitor at all", (0.5, 0.86, 0.0, 1.0)),
            Case("both ligands exactly at their own Kd", (1.0, 1.0, 1.0, 1.0)),
            Case(
                "a competitor that binds far more tightly (IGF-1 at IR-A after a glucose load)",
                (_FREE_IGF1, _K_IGF1_IRA, _POST_GLUCOSE_INSULIN, _K_INS_IRA),
            ),
            Case("no ligand at all", (0.0, 0.86, 100.0, _K_INS_IGF1R)),
            Case("a ligand 1,000 times above its Kd", (860.0, 0.86, 100.0, _K_INS_IGF1R)),
            Case("a dose series given as a numpy array", (np.array([0.01, 0.1, 1.0, 10.0, 100.0]), 0.86, 1.0, 1.13)),
        ),
        rel_tol=1e-6,
        abs_tol=1e-12,
        hints=(
            "each ligand contributes its concentration divided by its own Kd; the ligand's term goes on top, and "
            "the denominator holds 1 plus BOTH terms, because the two compete for one site.",
            "compute a = ligand_nM / kd_nM and b = competitor_nM / competitor_kd_nM, then return a / (1 + a + b). "
            "Multiplying two separate Langmuir occupancies would treat the ligands as binding different sites.",
        ),
        objectives=(2,),
    )
)


def _needed_reference(target_share, kd_nM, competitor_nM, competitor_kd_nM):
    """Free ligand (nM) that occupies ``target_share`` of receptors against a competitor: the competition
    formula solved for A, A = Kd * theta * (1 + B/K_B) / (1 - theta)."""
    return kd_nM * target_share * (1.0 + competitor_nM / competitor_kd_nM) / (1.0 - target_share)


register(
    FunctionExercise(
        id="02-igf1-needed",
        name="ligand_needed",
        reference=_needed_reference,
        cases=(
            Case("10% of IR-A with fasting insulin", (0.10, _K_IGF1_IRA, _FASTING_INSULIN, _K_INS_IRA)),
            Case("half of the receptors with no competitor", (0.5, _K_IGF1R, 0.0, _K_INS_IGF1R)),
            Case("a target share of zero", (0.0, _K_IGF1_IRA, _FASTING_INSULIN, _K_INS_IRA)),
            Case(
                "a small target (1% of IR-A) after a glucose load",
                (0.01, _K_IGF1_IRA, _POST_GLUCOSE_INSULIN, _K_INS_IRA),
            ),
            Case("a target close to full occupancy (99%)", (0.99, _K_IGF1R, _FASTING_INSULIN, _K_INS_IGF1R)),
            Case("a very small Kd", (0.5, 1e-4, 2.0, 1.0)),
        ),
        rel_tol=1e-6,
        abs_tol=1e-12,
        hints=(
            "start from share = a / (1 + a + b) with a = A/K_A and b = B/K_B, and solve it for A; occupancy is "
            "not proportional to concentration, so the answer grows faster than the target share.",
            "multiply out: share * (1 + a + b) = a, so a = share * (1 + b) / (1 - share); then A = a * K_A. "
            "Check that half of the receptors with no competitor needs A equal to the Kd.",
        ),
        objectives=(3,),
    )
)
