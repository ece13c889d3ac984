"""Confounding and reverse causation: the simulations recover the truth that was put into them."""

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from course_lib import citations, data
from course_lib.figures import confounding as fig_confounding
from course_lib.models import confounding


def rng(seed=0):
    return np.random.default_rng(seed)


def test_simulation_is_reproducible_for_a_seed():
    a = confounding.simulate(400, rng=rng(1))
    b = confounding.simulate(400, rng=rng(1))
    c = confounding.simulate(400, rng=rng(2))
    pd.testing.assert_frame_equal(a, b)
    assert not np.allclose(a["muscle_score"], c["muscle_score"])
    r1 = confounding.reverse_causation_study(rng=rng(3))
    r2 = confounding.reverse_causation_study(rng=rng(3))
    pd.testing.assert_frame_equal(r1.by_fifth, r2.by_fifth)


def test_null_direct_effect_is_recovered_after_age_adjustment():
    people = confounding.simulate(3000, rng=rng(4), age_strength=0.4, direct_effect=0.0)
    fit = confounding.fit(people)
    assert fit.crude.estimate > 0 and fit.crude.ci_low > 0 and fit.crude.p_value < 1e-6  # spurious association
    assert fit.adjusted.covers_zero
    assert abs(fit.adjusted.estimate) < 0.1


def test_adjusted_interval_covers_the_null_about_95_percent_of_the_time():
    covered = [
        confounding.fit(confounding.simulate(200, rng=rng(s), age_strength=0.4, direct_effect=0.0)).adjusted.covers_zero
        for s in range(200)
    ]
    share = np.mean(covered)
    assert abs(share - 0.95) < 4 * np.sqrt(0.95 * 0.05 / 200)


def test_a_real_direct_effect_is_recovered_and_the_crude_estimate_is_biased():
    people = confounding.simulate(3000, rng=rng(5), age_strength=0.4, direct_effect=0.3)
    fit = confounding.fit(people)
    assert fit.adjusted.ci_low <= 0.3 <= fit.adjusted.ci_high
    assert fit.crude.estimate > fit.adjusted.ci_high  # confounding adds to the true effect


def test_without_confounding_crude_and_adjusted_agree():
    people = confounding.simulate(3000, rng=rng(6), age_strength=0.0, direct_effect=0.0)
    fit = confounding.fit(people)
    assert fit.crude.covers_zero and fit.adjusted.covers_zero
    assert fit.crude.estimate == pytest.approx(fit.adjusted.estimate, abs=0.1)


def test_stronger_confounding_gives_a_larger_crude_slope():
    slopes = [
        confounding.fit(confounding.simulate(2000, rng=rng(7), age_strength=s, direct_effect=0.0)).crude.estimate
        for s in (0.0, 0.2, 0.4, 0.6)
    ]
    assert slopes == sorted(slopes)


def test_fit_matches_statsmodels_formula_interface():
    people = confounding.simulate(500, rng=rng(8))
    people = people.assign(igf1_per_100=people["igf1_ng_per_mL"] / 100)
    adj = smf.ols("muscle_score ~ igf1_per_100 + age_y", data=people).fit()
    crude = smf.ols("muscle_score ~ igf1_per_100", data=people).fit()
    fit = confounding.fit(people)
    assert fit.adjusted.estimate == pytest.approx(adj.params["igf1_per_100"])
    assert fit.crude.estimate == pytest.approx(crude.params["igf1_per_100"])
    assert (fit.adjusted.ci_low, fit.adjusted.ci_high) == pytest.approx(tuple(adj.conf_int().loc["igf1_per_100"]))


def test_defaults_come_from_the_parameter_table():
    people = confounding.simulate(rng=rng())
    assert len(people) == data.parameter("confounding_parameters", "conf_n")
    assert len(confounding.reverse_causation_study(rng=rng()).people) == data.parameter(
        "confounding_parameters", "reverse_n"
    )


# -- reverse causation -----------------------------------------------------------------------
def test_illness_anchor_is_the_fontana_protein_result():
    assert confounding.illness_igf1_change_pct() == pytest.approx(100 * (152 / 194 - 1))


def test_low_igf1_predicts_death_only_through_illness():
    r = confounding.reverse_causation_study(5000, rng=rng(9), illness_prevalence_pct=15)
    t = r.by_fifth
    assert t["n"].sum() == 5000 and t["deaths"].sum() == r.people["died"].sum()
    assert t["ill_pct"].iloc[0] > t["ill_pct"].iloc[-1]  # the ill gather in the lowest fifth
    assert r.risk_ratio_all > 1.3
    # Among the well, risk does not depend on IGF-1: every fifth is within sampling error of the set risk.
    well = data.parameter("confounding_parameters", "reverse_death_risk_well_pct")
    n_well = r.people[~r.people["ill"]].groupby("fifth").size()
    se = 100 * np.sqrt(well / 100 * (1 - well / 100) / n_well)
    assert (np.abs(t["risk_well_pct"] - well) < 4 * se).all()


def test_no_illness_no_association():
    r = confounding.reverse_causation_study(5000, rng=rng(10), illness_prevalence_pct=0)
    assert (r.by_fifth["ill_pct"] == 0).all()
    assert (r.by_fifth["risk_pct"] == r.by_fifth["risk_well_pct"]).all()


def test_meta_analyses_show_a_u_shape():
    df = confounding.mortality_meta_analyses()
    assert len(df) == 4 and (df["hr"] > 1).all() and (df["ci_low"] > 1).all()
    assert ((df["ci_low"] <= df["hr"]) & (df["hr"] <= df["ci_high"])).all()
    assert set(df["evidence_level"]) == {"meta_analysis_observational"}  # cohorts pooled, not trials


# -- bad input --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "kwargs,exc,match",
    [
        (
            dict(age_strength=0.9),
            ValueError,
            r"age_strength must be a number in SD per decade between 0.0 and 0.6; got 0.9",
        ),
        (
            dict(direct_effect=-1),
            ValueError,
            r"direct_effect must be a number in SD per 100 ng/mL between -0.5 and 0.5",
        ),
        (dict(direct_effect="none"), TypeError, r"direct_effect must be a number"),
        (dict(n=50), ValueError, r"n must be a whole number of people between 100 and 3000; got 50"),
    ],
)
def test_simulate_rejects_bad_settings(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        confounding.simulate(rng=rng(), **kwargs)


def test_other_bad_input():
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        confounding.simulate(200, rng=1)
    with pytest.raises(ValueError, match="illness_prevalence_pct must be a number in percent between 0.0 and 50.0"):
        confounding.reverse_causation_study(rng=rng(), illness_prevalence_pct=80)
    with pytest.raises(ValueError, match="must have a column 'muscle_score'"):
        confounding.fit(pd.DataFrame({"age_y": [1.0], "igf1_ng_per_mL": [100.0]}))
    with pytest.raises(ValueError, match="at least 10 rows"):
        confounding.fit(confounding.simulate(100, rng=rng()).head(5))


@pytest.mark.parametrize("seed", [8, 12])
def test_fit_p_values_match_statsmodels_formula_interface_and_the_intervals(seed):
    people = confounding.simulate(500, rng=rng(seed), age_strength=0.4, direct_effect=0.0)
    people = people.assign(igf1_per_100=people["igf1_ng_per_mL"] / 100)
    adj = smf.ols("muscle_score ~ igf1_per_100 + age_y", data=people).fit()
    crude = smf.ols("muscle_score ~ igf1_per_100", data=people).fit()
    fit = confounding.fit(people)
    assert fit.adjusted.p_value == pytest.approx(adj.pvalues["igf1_per_100"], rel=1e-9)
    assert fit.crude.p_value == pytest.approx(crude.pvalues["igf1_per_100"], rel=1e-9)
    assert (fit.crude.ci_low, fit.crude.ci_high) == pytest.approx(tuple(crude.conf_int().loc["igf1_per_100"]))
    # A 95% interval covers 0 exactly when the two-sided p-value is above 0.05.
    for est in (fit.crude, fit.adjusted):
        assert est.covers_zero == (est.p_value > 0.05)


def test_covers_zero_agrees_with_the_p_value_over_many_cohorts():
    for s in range(30):
        fit = confounding.fit(confounding.simulate(150, rng=rng(100 + s), age_strength=0.3, direct_effect=0.1))
        for est in (fit.crude, fit.adjusted):
            assert est.covers_zero == (est.p_value > 0.05), (s, est)


def test_risk_ratio_well_is_lowest_over_middle_fifth_among_the_well_and_near_one():
    r = confounding.reverse_causation_study(5000, rng=rng(13), illness_prevalence_pct=20)
    people = r.people
    # The fifths are quintiles of the SDS (recomputed here from the people table).
    edges = np.quantile(people["sds"], [0.2, 0.4, 0.6, 0.8])
    np.testing.assert_array_equal(people["fifth"], 1 + np.searchsorted(edges, people["sds"], side="left"))
    well = people[~people["ill"]]
    risk = {f: well.loc[well["fifth"] == f, "died"].mean() for f in (1, 3)}
    assert r.risk_ratio_well == pytest.approx(risk[1] / risk[3], rel=1e-12)
    assert r.risk_ratio_well == pytest.approx(r.by_fifth.loc[1, "risk_well_pct"] / r.by_fifth.loc[3, "risk_well_pct"])
    everyone = {f: people.loc[people["fifth"] == f, "died"].mean() for f in (1, 3)}
    assert r.risk_ratio_all == pytest.approx(everyone[1] / everyone[3], rel=1e-12)
    # IGF-1 does nothing among the well: the ratio is 1 within sampling error (delta method on log RR).
    n = {f: (well["fifth"] == f).sum() for f in (1, 3)}
    se_log = np.sqrt(sum((1 - risk[f]) / (risk[f] * n[f]) for f in (1, 3)))
    assert abs(np.log(r.risk_ratio_well)) < 4 * se_log
    assert r.risk_ratio_all > 1.2 > r.risk_ratio_well  # ... while the ill pull everyone's ratio up


# -- model card: analytic anchors ------------------------------------------------------------------
@pytest.mark.parametrize("seed", [21, 22, 23])
def test_crude_slope_is_the_omitted_variable_bias(seed):
    # Leaving age out of muscle = -s (age - mid)/10 + d x + e gives the crude slope d + (-s/10) * delta, where
    # delta is the slope of age on x = IGF-1/100 (computed here with numpy.polyfit); the noise adds an error of
    # about one standard error of the crude slope, so 3 SE is the tolerance.
    s, d = 0.4, 0.1
    people = confounding.simulate(3000, rng=rng(seed), age_strength=s, direct_effect=d)
    delta = np.polyfit(people["igf1_ng_per_mL"] / 100, people["age_y"], 1)[0]
    predicted = d + (-s / 10) * delta
    crude = confounding.fit(people).crude
    se = (crude.ci_high - crude.ci_low) / (2 * 1.96)
    assert abs(crude.estimate - predicted) < 3 * se
    assert predicted > d  # older people: less IGF-1 and less muscle, so the bias is upward
    assert confounding._omitted_variable_slope(people, age_strength=s, direct_effect=d) == pytest.approx(predicted)


def test_expected_risk_ratio_by_hand_and_pooled_simulation():
    # Risks 5% (well) and 30% (ill): a fifth that is 20% ill has risk 0.05 + 0.25 * 0.2 = 10%, one 5% ill 6.25%.
    assert confounding.expected_risk_ratio(0.2, 0.05) == pytest.approx(0.10 / 0.0625)
    assert confounding.expected_risk_ratio(0.1, 0.1) == pytest.approx(1.0)
    card = confounding.anchors().set_index("anchor")
    assert all(v.startswith("reproduced") or v == "parameter" for v in card["verdict"]), card["verdict"].to_dict()
    assert card.filter(like="illness lowers", axis=0)["model"].iloc[0].startswith("-21.6%")  # 152/194 - 1


def test_high_end_evidence_reads_its_rows_with_design_labels():
    df = confounding.high_igf1_evidence()
    assert list(df["id"]) == list(confounding.HIGH_END_ROWS)
    by_id = df.set_index("id")
    # the numbers the unit's text uses, as the abstracts give them
    assert by_id.loc["acro_smr_all", ["value", "low", "high"]].tolist() == [1.72, 1.62, 1.83]
    assert by_id.loc["renehan_prostate", "value"] == 1.49 and by_id.loc["renehan_premeno_breast", "value"] == 1.65
    assert by_id.loc["larsson_colorectal_ukb", ["value", "low", "high"]].tolist() == [1.11, 1.01, 1.22]
    # observational results and genetic ones are labelled by design, and the labels are the vocabulary's
    assert by_id.loc["larsson_colorectal_ukb", "evidence_level"] == "mendelian_randomisation"
    assert by_id.loc["knuppel_breast", "evidence_level"] == "human_observational"
    assert by_id.loc["renehan_prostate", "evidence_level"] == "meta_analysis_observational"
    assert all(df["evidence"] == [data.evidence_label(k) for k in df["evidence_level"]])
    with pytest.raises(ValueError, match="ids must be one of"):
        confounding.high_igf1_evidence(["acro_nonsense"])
    with pytest.raises(TypeError, match="non-empty list"):
        confounding.high_igf1_evidence("acro_smr_all")


def test_every_excess_finding_cites_a_known_key_with_a_vocabulary_label():
    df = data.load("igf1_excess_findings")
    keys = set(citations.keys())
    assert set(df["citation_key"]) <= keys
    assert set(df["evidence_level"]) <= set(data.EVIDENCE_LEVELS)
    # an interval, where given, holds its value
    both = df.dropna(subset=["low", "high"])
    assert ((both["low"] <= both["value"]) & (both["value"] <= both["high"])).all()
    # Mendelian randomisation rows are the genetic papers, and only those
    mr = set(df.loc[df["evidence_level"] == "mendelian_randomisation", "citation_key"])
    assert mr == {"larsson2020", "murphy2020"}


def test_high_end_description_prints_each_row_with_source_and_design():
    text = fig_confounding.describe_high_end()
    lines = text.splitlines()
    assert len(lines) == len(confounding.HIGH_END_ROWS)
    assert "1.72 (95% CI 1.62-1.83)" in lines[0] and "[meta-analysis of observational studies]" in lines[0]
    assert "Larsson et al. 2020 [Mendelian randomisation]" in lines[-1]
    assert "27.5%" in fig_confounding.describe_high_end(["acro_diabetes_pct"])
