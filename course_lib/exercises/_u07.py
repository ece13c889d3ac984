"""Unit 07 exercises: questions that need two units at once.

* ``07-occupancy-from-total`` (function): IGF-1 receptor occupancy from *total* IGF-1, through the free IGF-1 of
  a one-binding-protein equilibrium (unit 03) and the Langmuir occupancy of the receptor (unit 02).
* ``07-sds-from-nmol`` (function): the SDS of a result reported in nmol/L against the iSYS reference, which is in
  ng/mL (the molar conversion of unit 00 and the LMS formula of unit 05).
* ``07-teen-own-age`` (numeric): a 14-year-old's value that an adult reference would flag, read against girls of
  her own age (unit 05's LMS formula and the normal CDF).

Expected values come from the library, so they are not in the learner's cells.
"""

from __future__ import annotations

from scipy.special import ndtr

from .. import data, units
from ..models import binding, receptors, reference_ranges
from . import Case, FunctionExercise, Mistake, NumericExercise, register

# --------------------------------------------------------------------------------------------------------------
# 07-occupancy-from-total: free IGF-1 from the binding equilibrium, then receptor occupancy
# --------------------------------------------------------------------------------------------------------------
#: IGF-1 at the IGF-1 receptor (the unit 02 anchor, Janssen et al. 2016), nM.
KD_IGF1R_nM = data.parameter("receptor_parameters", "kd_igf1r_igf1_nM")
#: IGF-1 at the insulin receptor IR-A, nM (88-fold weaker than insulin there; unit 02).
KD_IRA_IGF1_nM = float(receptors.dissociation_constants().loc["IR-A", "IGF-1"])


def occupancy_from_total(total_igf1_nM, *, igfbp_nM, kd_bp_nM, kd_receptor_nM):
    """Receptor occupancy (0 to 1) by IGF-1, from total IGF-1 and one binding protein.

    Free IGF-1 is the exact root of the binding equilibrium (:func:`course_lib.models.binding.free_concentration`);
    the receptor sees only free IGF-1 and does not deplete it, so occupancy is ``F / (F + Kd_receptor)``
    (:func:`course_lib.models.receptors.bound_fraction`).
    """
    free = binding.free_concentration(total_igf1_nM, igfbp_nM=igfbp_nM, kd_nM=kd_bp_nM)
    return receptors.bound_fraction(free, kd_nM=kd_receptor_nM)


register(
    FunctionExercise(
        id="07-occupancy-from-total",
        name="igf1r_occupancy",
        reference=occupancy_from_total,
        cases=(
            Case(
                "typical serum: more binding sites than IGF-1",
                (26.0,),
                {"igfbp_nM": 100.0, "kd_bp_nM": 0.1, "kd_receptor_nM": KD_IGF1R_nM},
            ),
            Case(
                "no binding protein at all (culture medium without serum)",
                (26.0,),
                {"igfbp_nM": 0.0, "kd_bp_nM": 0.1, "kd_receptor_nM": KD_IGF1R_nM},
            ),
            Case(
                "more IGF-1 than binding sites",
                (50.0,),
                {"igfbp_nM": 20.0, "kd_bp_nM": 0.1, "kd_receptor_nM": KD_IGF1R_nM},
            ),
            Case(
                "as many binding sites as IGF-1 molecules",
                (30.0,),
                {"igfbp_nM": 30.0, "kd_bp_nM": 0.1, "kd_receptor_nM": KD_IGF1R_nM},
            ),
            Case(
                "a low-affinity receptor (IGF-1 at the insulin receptor IR-A)",
                (26.0,),
                {"igfbp_nM": 100.0, "kd_bp_nM": 0.1, "kd_receptor_nM": KD_IRA_IGF1_nM},
            ),
            Case(
                "a binding protein that binds a thousand times more tightly",
                (26.0,),
                {"igfbp_nM": 100.0, "kd_bp_nM": 1e-4, "kd_receptor_nM": KD_IGF1R_nM},
            ),
        ),
        hints=(
            "the receptor sees only FREE IGF-1. First solve the binding equilibrium for the free concentration "
            "(unit 03's quadratic), then put that free concentration, not the total, into the occupancy formula.",
            "F = (L - P - Kd_bp + sqrt((P + Kd_bp - L)**2 + 4 * Kd_bp * L)) / 2, with L the total IGF-1 and P the "
            "binding sites (the stable form 2*Kd_bp*L / (b + sqrt(b**2 + 4*Kd_bp*L)), b = P + Kd_bp - L, avoids "
            "cancellation when b is positive). Then occupancy = F / (F + Kd_receptor). Check the case with no "
            "binding protein: F must equal L.",
        ),
        objectives=(1,),
    )
)


# --------------------------------------------------------------------------------------------------------------
# 07-sds-from-nmol: a result in nmol/L against a reference in ng/mL
# --------------------------------------------------------------------------------------------------------------
ISYS = reference_ranges.REFERENCES["isys2014"]


def sds_from_nmol(value_nmol_per_L, *, age_y, sex):
    """SDS against the iSYS 2014 reference of an IGF-1 result reported in nmol/L (converted with 7,649 g/mol)."""
    return reference_ranges.sds(units.nmol_per_L_to_ng_per_mL(value_nmol_per_L), age_y=age_y, sex=sex)


register(
    FunctionExercise(
        id="07-sds-from-nmol",
        name="sds_from_nmol",
        reference=sds_from_nmol,
        cases=(
            Case("a woman's result at a tabulated age", (25.0,), {"age_y": 43.0, "sex": "female"}),
            Case("a man's result at an age between two tabulated rows", (20.0,), {"age_y": 65.5, "sex": "male"}),
            Case("a result below the median (a negative SDS)", (8.0,), {"age_y": 33.0, "sex": "female"}),
            Case("a teenager's result near the pubertal peak", (45.0,), {"age_y": 15.0, "sex": "male"}),
            Case("a very low result, about 1 nmol/L", (1.2,), {"age_y": 68.0, "sex": "female"}),
        ),
        hints=(
            "the reference is in ng/mL, the result in nmol/L: convert first (1 nmol/L of IGF-1 is 7.649 ng/mL, "
            "so the number in ng/mL is larger), then use the LMS formula with L, M and S at that age and sex.",
            "value_ng_per_mL = value_nmol_per_L * 7649 / 1000; L, M, S = reference_ranges.lms(age_y, "
            'dataset="igf1_lms_isys2014", sex=sex); SDS = ((value_ng_per_mL / M) ** L - 1) / (L * S). Do not '
            "drop L: the iSYS table's L is about 0.46, not 1.",
        ),
        rel_tol=1e-6,
        abs_tol=1e-9,
        objectives=(2, 3),
    )
)


# --------------------------------------------------------------------------------------------------------------
# 07-teen-own-age: a teenager against girls of her own age
# --------------------------------------------------------------------------------------------------------------
TEEN_AGE_Y = 14.0
TEEN_VALUE_NG_PER_ML = 250.0


def _teen_row():
    t = data.load(ISYS)
    return t[(t.sex == "female") & (t.age_y == TEEN_AGE_Y)].iloc[0]


def _teen_sds() -> float:
    row = _teen_row()
    return ((TEEN_VALUE_NG_PER_ML / row["M_mu"]) ** row["L_nu"] - 1) / (row["L_nu"] * row["S_sigma"])


def _teen_percent() -> float:
    return float(reference_ranges.percentile_rank(TEEN_VALUE_NG_PER_ML, age_y=TEEN_AGE_Y, sex="female"))


register(
    NumericExercise(
        id="07-teen-own-age",
        name="the percentage of 14-year-old girls with an IGF-1 below 250 ng/mL",
        unit="%",
        expected=_teen_percent,
        hints=(
            "take L, M and S from the female row at 14 years, compute the SDS of 250 ng/mL with the LMS formula, "
            "then turn the SDS into the share below with the standard normal CDF, in percent.",
            "z = ((250 / M) ** L - 1) / (L * S) with that row's L_nu, M_mu and S_sigma; 250 ng/mL is below her "
            "age's median, so z is negative and the share below is under 50%. norm.cdf(z) is a fraction: "
            "multiply by 100.",
        ),
        mistakes=(
            Mistake(
                value=_teen_sds,
                hint="that looks like the SDS itself. Turn it into the share of girls below her with norm.cdf, "
                "then into a percentage.",
            ),
            Mistake(
                value=lambda: _teen_percent() / 100.0,
                hint="that is a fraction between 0 and 1. The question asks for a percentage.",
            ),
            Mistake(
                value=lambda: 100.0 * float(ndtr(-_teen_sds())),
                hint="that is the share of girls ABOVE her. norm.cdf(z) gives the share below z.",
            ),
        ),
        objectives=(3,),
    )
)
