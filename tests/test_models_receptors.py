"""Receptor occupancy: analytic limits, published ratios, monotonicity, conservation and bad input."""

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from course_lib import citations, data, units
from course_lib.figures import receptors as fig_receptors
from course_lib.models import receptors

KD = receptors.dissociation_constants()


# Published anchors, typed here from the sources (not read from the table):
# Janssen et al. 2016 (KIRA EC50, nmol/L, with 95% CI): IGF-1 at IGF-1R 0.86 (0.69-1.07); insulin at IR-A
# 1.13 (0.69-1.84); insulin at IR-B 1.28 (0.64-2.57).
JANSSEN = {("IGF-1R", "IGF-1"): (0.86, 0.69, 1.07), ("IR-A", "insulin"): (1.13, 0.69, 1.84)}
JANSSEN[("IR-B", "insulin")] = (1.28, 0.64, 2.57)
# JBC 2018;293(43):16818, Table 2: IR-A Kd insulin:IGF-1 = 1:88; IGF-1R Kd insulin:IGF-1 = 1217:1; relative SD
# 10-50%, so the model's ratios must sit within the tightest of those, 10%.
JBC_IRA, JBC_IGF1R, JBC_REL_SD = 88.0, 1217.0, 0.10


def test_affinity_ratios_reproduce_jbc2018_within_its_relative_sd():
    assert KD.loc["IR-A", "IGF-1"] / KD.loc["IR-A", "insulin"] == pytest.approx(JBC_IRA, rel=JBC_REL_SD)
    assert KD.loc["IGF-1R", "insulin"] / KD.loc["IGF-1R", "IGF-1"] == pytest.approx(JBC_IGF1R, rel=JBC_REL_SD)


@pytest.mark.parametrize("receptor,ligand", list(JANSSEN))
def test_absolute_anchors_are_the_janssen_kira_ec50s(receptor, ligand):
    """By construction: the model uses each KIRA EC50 as its Kd, so this checks the transcription and the range."""
    ec50, lo, hi = JANSSEN[(receptor, ligand)]
    assert KD.loc[receptor, ligand] == pytest.approx(ec50, abs=0.005)
    name = {"IGF-1R": "kd_igf1r_igf1_nM", "IR-A": "kd_ira_insulin_nM", "IR-B": "kd_irb_insulin_nM"}[receptor]
    p = data.parameters("receptor_parameters")
    assert p.loc[name, "citation_key"] == "janssen2016" and p.loc[name, "evidence_level"] == "cell_culture"
    assert "functional" in p.loc[name, "note"]  # an EC50 is not a binding constant, and the table says so
    assert p.loc[name, "high"] == pytest.approx(hi)
    if receptor != "IGF-1R":  # IGF-1R's range is widened to 0.1 nM on purpose (see the sensitivity test)
        assert p.loc[name, "low"] == pytest.approx(lo)


def test_occupancy_at_the_kd_is_one_half():
    # Analytic: theta = D / (D + Kd) = 1/2 at D = Kd, for every receptor and ligand.
    for receptor in receptors.RECEPTORS:
        occ = receptors.occupancy(igf1_nM=KD.loc[receptor, "IGF-1"], insulin_nM=0.0)
        assert occ.loc[receptor, "igf1"] == pytest.approx(0.5, rel=1e-12)


def test_hybrids_bind_igf1_like_igf1r_and_insulin_in_between():
    # Benyoucef et al. 2007: hybrids bind IGF-I "comparable with homodimeric IGFR" and insulin with an affinity
    # "intermediate between that of homodimeric IR and homodimeric IGFR" (strictly between, so the hybrid row
    # differs from IGF-1R). Federici 1997: not insulin with high affinity.
    assert KD.loc["hybrid", "IGF-1"] == pytest.approx(KD.loc["IGF-1R", "IGF-1"])
    assert KD.loc["IR-A", "insulin"] < KD.loc["hybrid", "insulin"] < KD.loc["IGF-1R", "insulin"]
    assert KD.loc["hybrid", "insulin"] > 10 * KD.loc["IR-A", "insulin"]
    # Slaaby 2015: IGF-1 more than 20-fold more potent than insulin on hybrids.
    assert KD.loc["hybrid", "insulin"] / KD.loc["hybrid", "IGF-1"] > 20


def test_hybrid_insulin_kd_is_the_geometric_mean_by_hand():
    # sqrt(1.13 nM x 1217 x 0.86 nM) = sqrt(1182.7) = 34.39 nM, the course's teaching assumption.
    assert KD.loc["hybrid", "insulin"] == pytest.approx(math.sqrt(1.13 * 1217 * 0.86), rel=1e-3)
    assert KD.loc["hybrid", "insulin"] == pytest.approx(34.39, abs=0.01)


def test_hybrid_position_lower_bound_is_where_slaaby_20_fold_is_reached():
    # Kd_ins = 1.13 * (1217 * 0.86 / 1.13) ** p reaches 20 * 0.86 nM at p = ln(17.2 / 1.13) / ln(1046.6 / 1.13).
    p_min = math.log(20 * 0.86 / 1.13) / math.log(1217 * 0.86 / 1.13)
    assert p_min == pytest.approx(0.3986, abs=1e-3)
    low = data.parameter_range("receptor_parameters", "hybrid_insulin_log_position")[1]
    assert low == pytest.approx(p_min, abs=0.01)


def test_ir_b_binds_insulin_like_ir_a_and_igf1_weakly():
    # Janssen 2016: insulin EC50 1.28 nM at IR-B vs 1.13 nM at IR-A; the IGF-1 ratio at IR-B is the IR-A one
    # (a labelled teaching assumption), so IGF-1's Kd at IR-B is 88 x 1.28 = 112.6 nM.
    assert KD.loc["IR-B", "IGF-1"] == pytest.approx(88 * 1.28, rel=1e-3)
    assert data.parameters("receptor_parameters").loc["ratio_irb_igf1_to_insulin", "evidence_level"] == "illustrative"


def test_kd_sensitivity_spans_the_plausible_range_by_hand():
    # At the top of the adult free IGF-1 range, 0.124 nM: 0.124/(0.124+0.1) = 55.4%, 0.124/0.984 = 12.6%,
    # 0.124/(0.124+1.07) = 10.4%: the headline occupancy depends on the Kd five-fold.
    t = receptors.kd_sensitivity(0.124).set_index("kd_label")
    assert t.loc["low", "kd_nM"] == pytest.approx(0.1) and t.loc["high", "kd_nM"] == pytest.approx(1.07)
    np.testing.assert_allclose(t["igf1r_occupancy"], [0.5536, 0.1260, 0.1039], atol=1e-4)
    assert t["igf1r_occupancy"].is_monotonic_decreasing  # a weaker anchor, less occupancy


def test_anchor_table_prints_the_model_beside_each_published_value():
    t = receptors.anchor_table().set_index("anchor")
    assert {"published", "source", "model", "how"} <= set(t.columns)
    expected = [0.5, 0.86, 1.13, 1.28, 88.0, 1217.0, 1.0, math.sqrt(1.13 * 1217 * 0.86)]
    np.testing.assert_allclose(t["model"].to_numpy()[:8].astype(float), expected, rtol=0.01)
    assert t["model"].iloc[-1] > 20  # Slaaby 2015
    assert t["how"].str.contains("by construction").sum() == 3  # the KIRA anchors are not predictions


@pytest.mark.parametrize("receptor,ligand", [(r, lig) for r in receptors.RECEPTORS for lig in receptors.LIGANDS])
def test_single_ligand_is_the_langmuir_curve(receptor, ligand):
    kd = KD.loc[receptor, ligand]
    conc = np.array([0.0, kd / 10, kd, 3 * kd, 100 * kd])
    expected = conc / (conc + kd)
    for c, e in zip(conc, expected):
        occ = receptors.occupancy(igf1_nM=c if ligand == "IGF-1" else 0.0, insulin_nM=c if ligand == "insulin" else 0.0)
        col = "igf1" if ligand == "IGF-1" else "insulin"
        assert occ.loc[receptor, col] == pytest.approx(e, rel=1e-12, abs=1e-15)
    # half-maximal exactly at Kd
    assert receptors.bound_fraction(kd, kd_nM=kd) == pytest.approx(0.5)


def test_bound_fraction_is_vectorised_and_scalar_in_scalar_out():
    assert isinstance(receptors.bound_fraction(1.0, kd_nM=2.0), float)
    out = receptors.bound_fraction([0.0, 1.0, 3.0], kd_nM=1.0)
    np.testing.assert_allclose(out, [0.0, 0.5, 0.75])


@pytest.mark.parametrize("conc_a,conc_b", [(1.0, 1.0), (0.3, 2.0), (5.0, 0.01)])
def test_equal_kd_gives_symmetric_competition(conc_a, conc_b):
    k = 0.7
    a = receptors.bound_fraction(conc_a, kd_nM=k, competitor_nM=conc_b, competitor_kd_nM=k)
    b = receptors.bound_fraction(conc_b, kd_nM=k, competitor_nM=conc_a, competitor_kd_nM=k)
    # analytic: theta_A = A / (K + A + B), and swapping the ligands swaps the shares
    assert a == pytest.approx(conc_a / (k + conc_a + conc_b))
    assert b == pytest.approx(conc_b / (k + conc_a + conc_b))
    if conc_a == conc_b:
        assert a == pytest.approx(b) == pytest.approx(conc_a / (k + 2 * conc_a))


def test_competitor_shifts_the_curve_like_a_higher_apparent_kd():
    # With competitor C (Kc), theta_A = A / (A + K (1 + C/Kc)): the Cheng-Prusoff shift.
    k, kc, c = 0.86, 1.0, 3.0
    apparent = k * (1 + c / kc)
    assert receptors.bound_fraction(apparent, kd_nM=k, competitor_nM=c, competitor_kd_nM=kc) == pytest.approx(0.5)


GRID = np.logspace(-3, 3, 13)


@pytest.mark.parametrize("insulin", [0.0, 0.174, 100.0])
def test_occupancy_rises_with_own_ligand_and_falls_with_competitor(insulin):
    igf1_occ = np.array([receptors.occupancy(igf1_nM=c, insulin_nM=insulin)["igf1"].to_numpy() for c in GRID])
    ins_occ = np.array([receptors.occupancy(igf1_nM=c, insulin_nM=insulin)["insulin"].to_numpy() for c in GRID])
    assert (np.diff(igf1_occ, axis=0) > 0).all()  # every receptor, more IGF-1 -> more bound IGF-1
    if insulin > 0:
        assert (np.diff(ins_occ, axis=0) < 0).all()  # ... and less bound insulin


def test_insulin_displaces_igf1():
    values = [receptors.occupancy(igf1_nM=1.0, insulin_nM=c)["igf1"].to_numpy() for c in GRID]
    assert (np.diff(np.array(values), axis=0) < 0).all()


def test_conservation_no_occupancy_above_one_or_below_zero():
    for igf1 in (0.0, 1e-3, 1.0, 1e3, 1e6):
        for ins in (0.0, 1e-3, 1.0, 1e3, 1e6):
            occ = receptors.occupancy(igf1_nM=igf1, insulin_nM=ins)
            assert (occ[["igf1", "insulin"]] >= 0).all().all()
            assert (occ["total"] <= 1).all()
            np.testing.assert_allclose(occ["total"], occ["igf1"] + occ["insulin"])
    empty = receptors.occupancy(igf1_nM=0.0, insulin_nM=0.0)
    assert (empty["total"] == 0).all()


def test_cross_activation_small_at_physiological_levels_large_at_unphysiological_levels():
    p = data.parameters("receptor_parameters")
    free = p.loc["free_igf1_nM", "value"]
    post_meal_insulin = p.loc["insulin_post_glucose_nM", "high"]
    physiological = receptors.occupancy(igf1_nM=free, insulin_nM=post_meal_insulin)
    assert physiological.loc["IR-A", "igf1"] < 0.01 and physiological.loc["IR-B", "igf1"] < 0.01
    assert physiological.loc["IGF-1R", "insulin"] < 0.01
    # Even the supraphysiological free IGF-1 of an infusion (Frystyk 1999: 6.46 ug/L = 0.845 nM) holds < 1% of IR.
    fasting_insulin = p.loc["insulin_fasting_upper_nM", "value"]  # 12.49 uU/mL x 6.0 = 74.9 pmol/L, Tohidi 2014
    infusion = receptors.occupancy(igf1_nM=p.loc["free_igf1_infusion_nM", "value"], insulin_nM=fasting_insulin)
    assert infusion.loc["IR-A", "igf1"] < 0.01
    # 72.4 nM "free" (never seen) with fasting insulin, by hand with the published anchors:
    a, b = 72.4 / (88 * 1.13), 0.07494 / 1.13
    high = receptors.occupancy(igf1_nM=p.loc["total_igf1_nM", "high"], insulin_nM=fasting_insulin)
    assert high.loc["IR-A", "igf1"] == pytest.approx(a / (1 + a + b), rel=0.01)  # about 41%
    assert high.loc["IR-A", "igf1"] > 0.3


def test_concentration_ranges_match_their_sources():
    r = receptors.concentration_ranges().set_index("label")
    # Frystyk 1994: free IGF-1 950 ng/L (20-30 y) and 410 ng/L (>60 y); 1 ng/L = 0.001 ng/mL.
    assert r.loc["free IGF-1 (adults)", "high_nM"] == pytest.approx(units.ng_per_mL_to_nmol_per_L(0.950), abs=5e-4)
    assert r.loc["free IGF-1 (adults)", "low_nM"] == pytest.approx(units.ng_per_mL_to_nmol_per_L(0.410), abs=5e-4)
    # iSYS range 44-554 ng/mL
    assert r.loc["total IGF-1 (serum)", "low_nM"] == pytest.approx(units.ng_per_mL_to_nmol_per_L(44), abs=0.05)
    assert r.loc["total IGF-1 (serum)", "high_nM"] == pytest.approx(units.ng_per_mL_to_nmol_per_L(554), abs=0.05)
    # Insulin in uU/mL (= mIU/L) converted at 6.0 pmol/L per uU/mL (Knopp 2019), 1 nM = 1000 pmol/L:
    # fasting 2.11-12.49 uU/mL (Tohidi 2014, 95% reference interval); 30-230 mIU/L 30 min after glucose (Medscape).
    assert r.loc["fasting insulin", ["low_nM", "high_nM"]].tolist() == pytest.approx([2.11 * 6.0e-3, 12.49 * 6.0e-3])
    assert (r.loc["insulin 30 min after glucose", ["low_nM", "high_nM"]].tolist()) == pytest.approx([0.18, 1.38])
    # Frystyk 1999: free IGF-1 rose from 0.56 to 6.46 ug/L during the high-dose infusion (ug/L = ng/mL).
    p = data.parameters("receptor_parameters")
    assert p.loc["free_igf1_infusion_nM", "value"] == pytest.approx(units.ng_per_mL_to_nmol_per_L(6.46), abs=5e-4)
    assert p.loc["free_igf1_infusion_nM", "low"] == pytest.approx(units.ng_per_mL_to_nmol_per_L(0.56), abs=5e-4)
    # free IGF-1 is about 0.38% of a typical total (Frystyk 1994: 0.38 +/- 0.02 %) - same order as the table's values
    assert (
        0.1
        < 100 * r.loc["free IGF-1 (adults)", "high_nM"] / data.parameter("receptor_parameters", "total_igf1_nM")
        < 1.0
    )


@pytest.mark.parametrize(
    "kw,exc,match",
    [
        (
            dict(igf1_nM=-1.0, insulin_nM=0.0),
            ValueError,
            r"igf1_nM must be a number in nM between 0 and 1000000.0; got -1",
        ),
        (dict(igf1_nM=math.nan, insulin_nM=0.0), ValueError, "igf1_nM.*NaN"),
        (dict(igf1_nM=1.0, insulin_nM=math.inf), ValueError, "insulin_nM.*infinity"),
        (dict(igf1_nM=1e308, insulin_nM=0.0), ValueError, "igf1_nM must be a number in nM between 0 and 1000000.0"),
        (dict(igf1_nM="0.1", insulin_nM=0.0), TypeError, "igf1_nM must be a number"),
        (dict(igf1_nM=0.1, insulin_nM=None), TypeError, "insulin_nM must be a number"),
        (dict(igf1_nM=[0.1, 0.2], insulin_nM=0.0), TypeError, "igf1_nM must be a number"),
    ],
)
def test_bad_input_to_occupancy(kw, exc, match):
    with pytest.raises(exc, match=match):
        receptors.occupancy(**kw)


def test_bad_input_to_bound_fraction():
    with pytest.raises(ValueError, match="kd_nM must be a number in nM between 1e-06 and 1000000.0"):
        receptors.bound_fraction(1.0, kd_nM=0.0)
    with pytest.raises(ValueError, match="ligand_nM"):
        receptors.bound_fraction([1.0, -2.0], kd_nM=1.0)
    with pytest.raises(ValueError, match="competitor_nM"):
        receptors.bound_fraction(1.0, kd_nM=1.0, competitor_nM=-0.5)
    with pytest.raises(TypeError):
        receptors.occupancy(0.1, 0.1)  # keyword-only


def test_bound_fraction_stays_finite_at_the_corners_of_its_domain():
    """The largest concentrations with the smallest Kd used to overflow L/Kd to inf and give inf/inf = NaN."""
    top, tight = receptors.MAX_CONC_nM, receptors.MIN_KD_nM
    theta = receptors.bound_fraction(top, kd_nM=tight, competitor_nM=top, competitor_kd_nM=tight)
    assert theta == pytest.approx(0.5)
    assert receptors.bound_fraction(top, kd_nM=tight) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="kd_nM must be a number in nM between 1e-06"):
        receptors.bound_fraction(1.0, kd_nM=1e-320)


# --- Unit 02's statement tables and the numbers its text quotes from them (issue 18, findings 28, 30, 31) ---------


_NB02 = Path(__file__).resolve().parents[1] / "notebooks" / "02_receptor_signalling.ipynb"


def _markdown_02() -> str:
    cells = json.loads(_NB02.read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)  # glossary links read as their words


@pytest.mark.parametrize("name", ["receptor_family", "signalling_findings"])
def test_every_statement_row_cites_a_resolving_key_and_a_valid_label(name):
    table = data.load(name)
    assert table["id"].is_unique
    for _, row in table.iterrows():
        assert row["evidence_level"] in data.EVIDENCE_LEVELS, row["id"]
        keys = [k for k in str(row["citation_key"]).split(";") if k and k != "nan"]
        if row["evidence_level"] == "textbook":
            assert not keys, f"{row['id']}: a textbook row names no source"
        else:
            assert keys, f"{row['id']}: only a textbook statement may go uncited"
        for key in keys:
            assert key in citations.keys(), f"{row['id']}: {key} is not in references.bib"
        assert str(row["locator"]).strip(), row["id"]


def test_statements_resting_only_on_reviews_are_labelled_narrative_review():
    reviews = {"belfiore2017", "blyth2020", "huang2008", "maehama1999", "schiaffino2011"}
    for name in ("receptor_family", "signalling_findings"):
        for _, row in data.load(name).iterrows():
            keys = {k for k in str(row["citation_key"]).split(";") if k and k != "nan"}
            if keys and keys <= reviews:
                assert row["evidence_level"] == "narrative_review", row["id"]


def test_igf2r_affinity_ratio_is_the_ratio_of_the_two_kds():
    # Tong et al. 1988: IGF-2 Kd 0.2 nM, IGF-1 Kd 0.4 uM; the claim's "about 2,000 times" is 400 nM / 0.2 nM.
    row = data.load("receptor_family").set_index("id").loc["rf10"]
    assert float(row["value"]) == 0.2 and row["unit"] == "nM"
    assert "0.4 µM" in row["claim"] and "2,000" in row["claim"]
    assert 400 / float(row["value"]) == 2000


def test_foxo_rows_match_the_model_parameters_that_cite_them():
    params = data.parameters("signalling_parameters")
    findings = data.load("signalling_findings").set_index("id")
    assert "mammucari2007" in params.loc["foxo_autophagy_weight", "citation_key"]
    assert findings.loc["sf03", "citation_key"] == "mammucari2007"
    assert (
        params.loc[["k_foxo_import_per_min", "k_foxo_export_per_min", "foxo_autophagy_weight"], "evidence_level"]
        .eq("illustrative")
        .all()
    )


def _n(value) -> str:
    """A table value as the text writes it: 67.0 -> '67', '25-30' stays '25-30'."""
    try:
        return f"{float(value):g}"
    except ValueError:
        return str(value)


def test_numbers_in_unit_02_text_come_from_the_tables():
    text = _markdown_02()
    fam = data.load("receptor_family").set_index("id")
    sig = data.load("signalling_findings").set_index("id")
    life = data.load("lifespan_findings").set_index("id")
    quoted = {
        f"about {_n(fam.loc['rf02', 'value'])} Å apart": fam.loc["rf02", "unit"] == "Å",
        f"within about {_n(fam.loc['rf09', 'value'])}-fold": True,
        f"Kd of {_n(fam.loc['rf10', 'value'])} nM": True,
        f"{_n(fam.loc['rf11', 'value'])}% larger": True,
        f"males +{_n(sig.loc['sf07', 'value'])}% (not significant)": True,
        f"females +{_n(life.loc['holz_female', 'value'])}%": True,
        f"both sexes together +{_n(life.loc['holz_all', 'value'])}%": True,
        f"only {_n(life.loc['holz_wt_female_days', 'value'])} days": True,
        f"against {_n(life.loc['bokov_wt_female_days', 'value'])} days": True,
        f"less than {_n(life.loc['bokov_female', 'value'])}%": True,
    }
    for phrase, ok in quoted.items():
        assert ok and phrase in text, phrase


def test_findings_html_shows_labels_and_author_year_sources():
    page = fig_receptors.findings_html("receptor_family")
    assert page.count("<tr>") == len(data.load("receptor_family")) + 1
    assert "narrative review" in page and "protein chemistry" in page and "(textbook)" in page
    assert "Tong et al. 1988" in page and "_" not in re.sub(r"<[^>]+>", "", page)
    one = fig_receptors.findings_html("signalling_findings", ids=["sf03"])
    assert one.count("<tr>") == 2 and "Mammucari et al. 2007" in one


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"name": "lifespan_findings"}, "name"),
        ({"name": "receptor_family", "ids": "rf01"}, "ids"),
        ({"name": "receptor_family", "ids": ["rf99"]}, "ids"),
    ],
)
def test_findings_html_refuses_bad_input(kwargs, match):
    with pytest.raises((TypeError, ValueError), match=match):
        fig_receptors.findings_html(**kwargs)


def test_insulin_ratios_in_unit_02_text_follow_the_insulin_rows():
    # 30-min insulin over the fasting upper limit, and the exercise's 100 nM over the 30-min top, as the text words them.
    p = data.parameters("receptor_parameters")
    fasting, load = p.loc["insulin_fasting_upper_nM", "value"], p.loc["insulin_post_glucose_nM", "value"]
    text = _markdown_02()
    assert f"about {round(load / fasting)} times higher" in text and f"about {round(load / fasting)}-fold" in text
    assert f"about {round(100 / load, -1):.0f} times the top of the physiological range" in text
    assert f"upper limit** of a fasting reference interval, {1000 * fasting:.0f} pmol/L" in text
    low, high = p.loc["insulin_post_glucose_nM", ["low", "high"]] * 1000
    assert f"{low:,.0f}–{high:,.0f} pmol/L 30 minutes after a glucose load" in text
