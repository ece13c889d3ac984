"""Answers to every "Things to try" prompt of the learner notebooks, computed with course_lib's own models.

    from tools import things_to_try
    things_to_try.answers("02_receptor_signalling")   # [(prompt as in the notebook, answer), ...]

Every number in an answer is computed here from the same model functions and widget defaults the learner's
explorer uses (no number is typed in), so the answers cannot drift from the course. ``make instructor`` lists
them in each unit's page under "Answer key: things to try"; ``tests/test_things_to_try.py`` checks that every
prompt in a notebook has an answer here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy.optimize import brentq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from course_lib import data  # noqa: E402
from course_lib.figures import lifestyle as fig_lifestyle  # noqa: E402
from course_lib.models import assays, lifestyle, receptors, signalling  # noqa: E402
from course_lib.widgets import receptors as w_receptors  # noqa: E402


def _pct(x: float, digits: int = 1) -> str:
    return f"{100 * x:.{digits}f}%"


# -- unit 02: the occupancy explorer ------------------------------------------------------------------------
def _preset(fragment: str) -> tuple[float, float]:
    """(free IGF-1 nM, insulin nM) of the occupancy explorer's preset whose label contains ``fragment``."""
    return next(v for k, v in w_receptors._presets().items() if v is not None and fragment in k)


def _occ(igf1: float, insulin: float):
    return receptors.occupancy(igf1_nM=float(igf1), insulin_nM=float(insulin))


def _occupancy_answers() -> list[tuple[str, str]]:
    fast_igf1, fast_ins = _preset("fasting adult")
    _, load_ins = _preset("glucose load")
    inf_igf1, inf_ins = _preset("infusion")
    unphys_igf1, unphys_ins = w_receptors._presets()[w_receptors.UNPHYSIOLOGICAL_PRESET]
    half = brentq(lambda a: _occ(a, fast_ins).loc["IR-A", "igf1"] - 0.5, 1e-3, 1e4, xtol=1e-6)
    kd = receptors.dissociation_constants()
    fast, load, inf, unphys = (
        _occ(fast_igf1, fast_ins),
        _occ(fast_igf1, load_ins),
        _occ(inf_igf1, inf_ins),
        _occ(unphys_igf1, unphys_ins),
    )
    return [
        (
            "Start with the **fasting adult** preset. Raise free IGF-1 until IGF-1 holds half of IR-A "
            "(predict the value first, below).",
            f"About {half:.0f} nM free IGF-1 ({half / fast_igf1:,.0f} times the preset's {fast_igf1:g} nM; at the "
            f"preset IGF-1 holds {_pct(fast.loc['IR-A', 'igf1'], 2)} of IR-A, and even the unphysiological "
            f"{unphys_igf1:g} nM preset holds only {_pct(unphys.loc['IR-A', 'igf1'], 0)}), because IGF-1's Kd at IR-A "
            f"is {kd.loc['IR-A', 'IGF-1']:.0f} nM and insulin competes, so half-occupancy needs "
            f"Kd × (1 + insulin/Kd_insulin), far above any measured free IGF-1.",
        ),
        (
            "Pick **30 min after a glucose load**. Insulin rises about 18-fold: what happens on the hybrids?",
            f"Insulin rises {load_ins / fast_ins:.1f}-fold ({fast_ins:g} to {load_ins:g} nM) and its share of hybrids "
            f"goes from {_pct(fast.loc['hybrid', 'insulin'])} to only {_pct(load.loc['hybrid', 'insulin'])}, while "
            f"IGF-1 still holds {_pct(load.loc['hybrid', 'igf1'], 0)} of them, because hybrids bind insulin with a Kd "
            f"of {kd.loc['hybrid', 'insulin']:.0f} nM, {kd.loc['hybrid', 'insulin'] / kd.loc['hybrid', 'IGF-1']:.0f} "
            "times weaker than IGF-1.",
        ),
        (
            "With the **infusion peak** preset, compare IGF-1's share of IGF-1R with its share of IR-A.",
            f"IGF-1 holds {_pct(inf.loc['IGF-1R', 'igf1'], 0)} of IGF-1R but {_pct(inf.loc['IR-A', 'igf1'], 2)} of "
            f"IR-A (about {inf.loc['IGF-1R', 'igf1'] / inf.loc['IR-A', 'igf1']:.0f}-fold less) at {inf_igf1:g} nM, "
            f"because {inf_igf1:g} nM is about its IGF-1R Kd ({kd.loc['IGF-1R', 'IGF-1']:g} nM) but "
            f"{kd.loc['IR-A', 'IGF-1'] / inf_igf1:.0f} times below its IR-A Kd ({kd.loc['IR-A', 'IGF-1']:.0f} nM).",
        ),
    ]


# -- unit 02: the pathway explorer --------------------------------------------------------------------------
_DOSE = 1.0  # the dose the notebook's pathway explorer starts from: widgets.pathway_explorer(1.0)


def _at60(df, species: str) -> float:
    return float(df.loc[(df["time_min"] - 60).abs().idxmin(), species])


def _pathway_answers() -> list[tuple[str, str]]:
    names = signalling.READOUTS
    kd = signalling.default_parameters()["kd_nM"]
    e50 = {r: signalling.ec50(readout=r) for r in names}
    at = {r: float(signalling.dose_response([0.02], readout=r)["fraction_of_max"].iloc[0]) for r in names}
    first = max(e50, key=e50.get)
    fed = signalling.simulate(_DOSE, nutrients=1.0)
    starved = signalling.simulate(_DOSE, nutrients=0.0)
    b1 = signalling.simulate(_DOSE, balance=1.0)
    b0 = signalling.simulate(_DOSE, balance=0.0)
    mid = signalling.simulate(_DOSE, balance=0.5)
    peak = lambda df, s: signalling.peak(df, s)[1]  # noqa: E731
    ec_text = ", ".join(f"{names[r].split(' (')[0].replace(' / ', '/')} {e50[r]:.2f} nM" for r in names)
    return [
        (
            "Lower the **dose** from 100 to 0.02 nM. Which readout disappears first?",
            f"{names[first].split(' (')[0]}: it has the highest EC50 ({e50[first]:.2f} nM) and keeps only "
            f"{_pct(at[first], 0)} of its maximal response at 0.02 nM (ERK {_pct(at['erk'], 0)}, mTORC1/S6K "
            f"{_pct(at['mtorc1_s6k'], 0)}, autophagy {_pct(at['autophagy'], 0)}), because in the illustrative rates "
            "the ERK branch and the steps after Akt saturate on a partial input and so respond at lower doses.",
        ),
        (
            "Set **amino acids** to 0 (starved). Akt still rises. What do mTORC1 and autophagy do?",
            f"At {_DOSE:g} nM the Akt peak is even higher ({peak(starved, 'akt'):.2f} against "
            f"{peak(fed, 'akt'):.2f} fed), but mTORC1/S6K stays at {_at60(starved, 'mtorc1_s6k'):.2f} (fed "
            f"{_at60(fed, 'mtorc1_s6k'):.2f} at 60 min) and autophagy falls only from {starved['autophagy'].iloc[0]:.2f} "
            f"to {_at60(starved, 'autophagy'):.2f} (fed: from {fed['autophagy'].iloc[0]:.2f} to "
            f"{_at60(fed, 'autophagy'):.2f}), because mTORC1's drive is multiplied by the amino-acid input and, with "
            "S6K off, its feedback on IRS-1 is silent; the small fall in starved cells is the FOXO route (Akt keeps "
            "FOXO out of the nucleus), the only autophagy brake left when mTORC1 is off.",
        ),
        (
            "Move **balance** towards 1 (all PI3K/Akt) and then towards 0 (all Ras/ERK). This stands in for tissue "
            "context; the values are not measured.",
            f"At {_DOSE:g} nM, balance 1 raises the Akt peak to {peak(b1, 'akt'):.2f} (from {peak(mid, 'akt'):.2f} at "
            f"0.5) and ERK stays at {peak(b1, 'erk'):.2f}; balance 0 raises the ERK peak to {peak(b0, 'erk'):.2f} (from "
            f"{peak(mid, 'erk'):.2f}) and leaves Akt at {peak(b0, 'akt'):.2f} and autophagy unsuppressed, because the "
            "balance only splits the same receptor output between the two branches.",
        ),
        (
            "Switch the dose-response between readouts and compare their EC50s with the receptor Kd (dotted line).",
            f"At the defaults (fed, balance 0.5) the EC50s are {ec_text}, all below the receptor Kd of {kd:g} nM "
            f"({min(e50.values()) / kd:.2f} to {max(e50.values()) / kd:.2f} × Kd), because the assumed rate constants "
            "let each step saturate before the receptor does; the left-shift is a property of the illustrative "
            "rates, not a measurement.",
        ),
    ]


# -- unit 05: the lifespan explorer -------------------------------------------------------------------------
#: The explorer's starting state in the notebook: widgets.lifespan_explorer(age_y=40, sex="female", ...).
_START = dict(sex="female", reference="isys2014", age_y=40.0, protein_g_per_kg_day=1.2, training="untrained")
#: The example value the prompt names.
_EXAMPLE_NG_PER_ML = 180.0


def _lifespan_answers() -> list[tuple[str, str]]:
    p_hi = lifestyle.protein_range()[1]
    prot = fig_lifestyle.at_age(**{**_START, "protein_g_per_kg_day": p_hi})
    trained = fig_lifestyle.at_age(**{**_START, "training": "trained"})
    adult = lifestyle.adult_age_range(_START["reference"])[0]
    nishida = data.parameter("lifestyle_parameters", "nishida_igf1_change_pct")
    amiri = data.parameter("lifestyle_parameters", "amiri_md_ng_per_mL")
    base = {k: _START[k] for k in ("sex", "age_y")}
    isys = fig_lifestyle.at_age(**base, reference="isys2014", measured_ng_per_mL=_EXAMPLE_NG_PER_ML)
    japan = fig_lifestyle.at_age(**base, reference="japan2012", measured_ng_per_mL=_EXAMPLE_NG_PER_ML)
    who = f"a {'woman' if _START['sex'] == 'female' else 'man'} of {_START['age_y']:g} y"
    return [
        (
            "Set protein to 1.7 g/kg/day at 40 y. How far does the band reach, in SDS units? Compare it with the "
            "width of the 95% reference interval.",
            f"For {who} on iSYS 2014 the band runs from {prot['band_low']:.0f} to {prot['band_high']:.0f} ng/mL, SDS "
            f"{prot['band_low_sds']:+.2f} to {prot['band_high_sds']:+.2f}, against a 95% interval of "
            f"{prot['low']:.0f}-{prot['high']:.0f} ng/mL (SDS ±1.96), because the studies allow only "
            f"{100 * (prot['band_low'] / prot['median'] - 1):+.0f}% to {100 * (prot['band_high'] / prot['median'] - 1):+.0f}% "
            f"at the top of the protein range, a small part of the healthy spread.",
        ),
        (
            "Select *trained*: you predicted what the band does. Why does the course draw the two training studies "
            "this way rather than averaging them?",
            f"The band widens both ways, from {trained['band_low']:.0f} to {trained['band_high']:.0f} ng/mL around the "
            f"median {trained['median']:.0f} (lower edge {nishida:+g}%, upper edge +{amiri:.1f} ng/mL), because the "
            "two studies disagree in direction and averaging them would hide that uncertainty, so neither is applied "
            "as *the* effect of training.",
        ),
        (
            "Move the age below 20 years. What happens to the protein and training controls, and why?",
            f"Below {adult:g} years both controls are disabled, no band is drawn and the widget says why, because "
            "every study behind the band was in adults and none covers children or adolescents.",
        ),
        (
            "Switch the reference population to Japan 2012 without changing anything else. How much does the SDS of "
            "an example value of 180 ng/mL change, and why must a value be read against a reference made with its "
            "own assay?",
            f"For {who}, {_EXAMPLE_NG_PER_ML:g} ng/mL is SDS {isys['measured_sds']:+.2f} on iSYS 2014 (median "
            f"{isys['median']:.0f} ng/mL) but {japan['measured_sds']:+.2f} on Japan 2012 (median {japan['median']:.0f}), "
            f"a change of {isys['measured_sds'] - japan['measured_sds']:.2f} SDS, because the references differ in "
            "assay and population, so a number only means something against the reference built with the same assay.",
        ),
    ]


# -- unit 06: the assay explorer ----------------------------------------------------------------------------
def _study(**changes) -> assays.InterAssayStudy:
    """The study the explorer shows from its defaults (``widgets.assay_explorer()``), with ``changes`` applied."""
    cfg = assays.settings()
    s = dict(
        n=int(cfg["n"][0]),
        seed=int(assays.cohort_defaults()["seed"]),
        bias_b_pct=cfg["bias_b_pct"][0],
        cv_b_pct=cfg["cv_b_pct"][0],
        read_b_against="A",
        scale="absolute",
    )
    s.update(changes)
    return assays.inter_assay_study(s.pop("n"), rng=np.random.default_rng(s.pop("seed")), **s)


def _fan(study: assays.InterAssayStudy) -> float:
    """The fan: SD of the differences in the top third of pair means over the SD in the bottom third."""
    ba = study.bland_altman
    order = np.argsort(ba.means)
    k = len(order) // 3
    return float(np.std(ba.diffs[order[-k:]], ddof=1) / np.std(ba.diffs[order[:k]], ddof=1))


def _assay_answers() -> list[tuple[str, str]]:
    cfg = assays.settings()
    n_lo, n_hi = int(cfg["n"][1]), int(cfg["n"][2])
    cv_a = cfg["cv_a_pct"][0]
    default = _study()
    no_bias = _study(bias_b_pct=0)
    same_ref = _study(cv_b_pct=0, bias_b_pct=30)
    own_ref = _study(cv_b_pct=0, bias_b_pct=30, read_b_against="own")
    percent = _study(scale="percent")
    small, large = _study(n=n_lo), _study(n=n_hi)
    seed0 = int(assays.cohort_defaults()["seed"])
    seeds = [_study(seed=seed0 + i) for i in range(5)]

    def width(s):
        return s.bland_altman.bias_ci[1] - s.bland_altman.bias_ci[0]

    def rng_of(values, fmt):
        return f"{format(min(values), fmt)} to {format(max(values), fmt)}"

    return [
        (
            "Set the **bias to 0** and leave the CV at 8%. How many people still change class, from imprecision alone?",
            f"{no_bias.agreement.n_discordant} of {no_bias.agreement.n} (kappa {no_bias.agreement.kappa:.2f}; with the "
            f"default +{cfg['bias_b_pct'][0]:g}% bias, {default.agreement.n_discordant}), because people near a limit "
            "cross it when either assay's random error pushes them over.",
        ),
        (
            "Set the **CV to 0** and the bias to +30%, then switch to **assay B's own reference**: how far does kappa "
            "rise, and why not all the way to 1? (Hint: assay A has imprecision of its own.)",
            f"Kappa rises from {same_ref.agreement.kappa:.2f} to {own_ref.agreement.kappa:.2f} "
            f"({same_ref.agreement.n_discordant} to {own_ref.agreement.n_discordant} people classed differently), "
            f"not to 1 because assay A still has a CV of {cv_a:g}%, so people near a limit land on different sides "
            "for the two assays.",
        ),
        (
            "Switch the differences to **% of mean**: does the fan disappear?",
            f"Yes: the spread of the differences in the top third of levels is {_fan(default):.1f} times that in the "
            f"bottom third in ng/mL but {_fan(percent):.1f} times in % of mean (bias {percent.bland_altman.bias:+.1f}%, "
            f"limits {percent.bland_altman.lower:+.1f} to {percent.bland_altman.upper:+.1f}%), because a calibration "
            "bias and a CV both grow in proportion to the level.",
        ),
        (
            "Move the **sample size** from 50 to 2000: what happens to the width of the bias's confidence interval, "
            "and to the limits of agreement?",
            f"The bias's 95% CI narrows from {width(small):.1f} to {width(large):.1f} ng/mL wide (about "
            f"1/√{n_hi // n_lo} = {1 / np.sqrt(n_hi / n_lo):.2f} times), while the limits of agreement hardly move "
            f"({small.bland_altman.lower:+.0f} to {small.bland_altman.upper:+.0f} against {large.bland_altman.lower:+.0f} "
            f"to {large.bland_altman.upper:+.0f} ng/mL), because the CI measures how well the mean difference is known "
            "but the limits describe the spread of single differences, which more people do not shrink.",
        ),
        (
            "Change the **seed** to draw a new cohort: which numbers are stable, and which jump around?",
            f"Over seeds {seed0} to {seed0 + 4} the bias stays within "
            f"{rng_of([s.bland_altman.bias for s in seeds], '+.1f')} ng/mL and the upper limit within "
            f"{rng_of([s.bland_altman.upper for s in seeds], '+.0f')} ng/mL, while the number flagged high by assay B "
            f"jumps between {rng_of([s.flagged_high('class_b') for s in seeds], 'd')} and kappa between "
            f"{rng_of([s.agreement.kappa for s in seeds], '.2f')}, because averages over {default.bland_altman.n} "
            "people are stable but the counts near a limit rest on a few people.",
        ),
    ]


_ANSWERS: dict[str, Callable[[], list[tuple[str, str]]]] = {
    "02_receptor_signalling": lambda: _occupancy_answers() + _pathway_answers(),
    "05_lifespan_trajectory": _lifespan_answers,
    "06_methodology": _assay_answers,
}


def units() -> list[str]:
    """The units whose notebooks have "Things to try" prompts answered here, in order."""
    return sorted(_ANSWERS)


def answers(unit: str) -> list[tuple[str, str]]:
    """``(prompt as in the notebook, answer with the computed numbers)`` for each "Things to try" item of ``unit``.

    An empty list for a unit with no such prompts.
    """
    return _ANSWERS[unit]() if unit in _ANSWERS else []


if __name__ == "__main__":
    for u in units():
        print(f"== {u}")
        for prompt, answer in answers(u):
            print(f"- {prompt}\n  -> {answer}")
