"""tools/things_to_try.py: every "Things to try" prompt in a notebook has a computed answer, and the answers agree
with hand calculations from the data tables."""

import csv
import math
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest
from scipy import stats

from tools import make_instructor as mi
from tools import things_to_try as ttt

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "course_lib" / "data"
ITEM = re.compile(r"^\s*(?:\d+\.|[*-])\s+(.+?)\s*$")


GLOSSARY_LINK = re.compile(r"\[([^\]]+)\]\(glossary\.ipynb#[^)]*\)")


def notebook_prompts() -> dict[str, list[str]]:
    """unit -> the list items after "Things to try" in each of its markdown cells."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "notebooks").glob("0*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "markdown" or "Things to try" not in cell.source:
                continue
            items, started = [], False
            for line in cell.source.split("Things to try", 1)[1].splitlines()[1:]:
                m = ITEM.match(line)
                if m:  # a glossary link added at a term's first use does not change the prompt
                    items.append(GLOSSARY_LINK.sub(r"\1", m.group(1)))
                    started = True
                elif started and line.strip():
                    break
            found.setdefault(path.stem, []).extend(items)
    return found


PROMPTS = notebook_prompts()


def _answer(unit: str, starts: str) -> str:
    return next(a for p, a in ttt.answers(unit) if p.startswith(starts))


def _numbers(text: str) -> list[float]:
    return [float(x.replace(",", "")) for x in re.findall(r"[-+]?\d[\d,]*(?:\.\d+)?", text)]


def _close(text: str, value: float, tol: float) -> bool:
    return any(abs(x - value) <= tol for x in _numbers(text))


def _param(table: str, name: str) -> float:
    with open(DATA / f"{table}.csv", newline="", encoding="utf-8") as f:
        return float(next(r["value"] for r in csv.DictReader(f) if r["name"] == name))


def _lms_sds(value: float, table: str, sex: str, age: float) -> float:
    with open(DATA / f"{table}.csv", newline="", encoding="utf-8") as f:
        rows = sorted((float(r["age_y"]), r) for r in csv.DictReader(f) if r["sex"] == sex)
    (a0, r0), (a1, r1) = next((lo, hi) for lo, hi in zip(rows, rows[1:]) if lo[0] <= age <= hi[0])
    w = 0.0 if a1 == a0 else (age - a0) / (a1 - a0)
    L, M, S = ((1 - w) * float(r0[k]) + w * float(r1[k]) for k in ("L_nu", "M_mu", "S_sigma"))
    return ((value / M) ** L - 1) / (L * S)


def test_the_notebooks_have_things_to_try_lists():
    assert set(PROMPTS) >= {"02_receptor_signalling", "05_lifespan_trajectory", "06_methodology"}
    assert len(PROMPTS["02_receptor_signalling"]) == 7


@pytest.mark.parametrize("unit", sorted(PROMPTS))
def test_every_prompt_has_an_answer(unit):
    answered = {p for p, _ in ttt.answers(unit)}
    missing = [p for p in PROMPTS[unit] if p not in answered]
    assert not missing, f"{unit}: 'Things to try' items without an answer in tools/things_to_try.py: {missing}"


@pytest.mark.parametrize("unit", ttt.units())
def test_answers_are_sentences_with_numbers_and_a_reason(unit):
    for prompt, answer in ttt.answers(unit):
        assert answer.endswith(".") and "because" in answer, (prompt, answer)
        assert "nan" not in answer.lower().split(), (prompt, answer)


def test_unit_without_prompts_has_no_answers():
    assert ttt.answers("00_start_here") == []


# -- hand calculations from the data tables --------------------------------------------------------------
def test_02_half_ira_and_infusion_occupancy_by_hand():
    kd_ira_ins = _param("receptor_parameters", "kd_ira_insulin_nM")
    kd_ira_igf1 = kd_ira_ins * _param("receptor_parameters", "ratio_ira_igf1_to_insulin")
    kd_igf1r = _param("receptor_parameters", "kd_igf1r_igf1_nM")
    kd_igf1r_ins = kd_igf1r * _param("receptor_parameters", "ratio_igf1r_insulin_to_igf1")
    ins = _param("receptor_parameters", "insulin_fasting_upper_nM")
    half = kd_ira_igf1 * (1 + ins / kd_ira_ins)
    assert _close(_answer("02_receptor_signalling", "Start with the **fasting adult**"), round(half), 0.5)
    a = _param("receptor_parameters", "free_igf1_infusion_nM")
    igf1r = a / (a + kd_igf1r * (1 + ins / kd_igf1r_ins))
    ira = a / (a + kd_ira_igf1 * (1 + ins / kd_ira_ins))
    text = _answer("02_receptor_signalling", "With the **infusion peak**")
    assert _close(text, round(100 * igf1r), 0.5) and _close(text, round(100 * ira, 2), 0.005)


def test_02_ec50s_below_kd():
    text = _answer("02_receptor_signalling", "Switch the dose-response")
    assert _close(text, _param("receptor_parameters", "kd_igf1r_igf1_nM"), 1e-9)
    ec50s = [float(x) for x in re.findall(r"(\d\.\d\d) nM", text.split(", all below")[0])]
    assert len(ec50s) == 4 and all(e < 0.86 for e in ec50s)


def test_05_sds_of_180_on_both_references_by_hand():
    text = _answer("05_lifespan_trajectory", "Switch the reference population")
    isys = _lms_sds(180, "igf1_lms_isys2014", "female", 40)
    japan = _lms_sds(180, "igf1_lms_japan2012", "female", 40)
    assert _close(text, round(isys, 2), 0.005) and _close(text, round(japan, 2), 0.005)


def test_05_protein_band_top_by_hand_and_agrees_with_the_notes():
    with open(DATA / "igf1_lms_isys2014.csv", newline="", encoding="utf-8") as f:
        rows = {float(r["age_y"]): float(r["M_mu"]) for r in csv.DictReader(f) if r["sex"] == "female"}
    median = rows[38.0] + (40 - 38) / (43 - 38) * (rows[43.0] - rows[38.0])
    rct = _param("lifestyle_parameters", "whey_rct_igf1_change_pct") / (
        _param("lifestyle_parameters", "whey_rct_protein_g_per_day") / _param("lifestyle_parameters", "body_mass_kg")
    )
    high = median * (1 + rct * (1.7 - 1.2) / 100)
    text = _answer("05_lifespan_trajectory", "Set protein to 1.7")
    assert _close(text, round(high), 0.5)

    # The hand-written answers in the unit's notes state the same numbers.
    notes = (ROOT / "instructor" / "units" / "05_lifespan_trajectory.md").read_text(encoding="utf-8")
    computed = " ".join(a for _, a in ttt.answers("05_lifespan_trajectory"))
    for phrase in (
        "135 to 142 ng/mL",
        "SDS +0.14 to +0.31",
        "66-218 ng/mL",
        "+1.18 on iSYS 2014",
        "+0.55 on Japan 2012",
    ):
        assert phrase in notes and phrase in computed, phrase


def test_06_bias_ci_and_discordant_count_by_hand():
    cfg = ttt.assays.settings()
    text = _answer("06_methodology", "Move the **sample size**")
    for n in (int(cfg["n"][1]), int(cfg["n"][2])):
        people = ttt._study(n=n).people
        d = people["assay_b_ng_per_mL"].to_numpy() - people["assay_a_ng_per_mL"].to_numpy()
        width = 2 * stats.t.ppf(0.975, n - 1) * np.std(d, ddof=1) / math.sqrt(n)
        assert _close(text, round(width, 1), 0.05)
    people = ttt._study(bias_b_pct=0).people
    discordant = int((people["class_a"] != people["class_b"]).sum())
    assert _answer("06_methodology", "Set the **bias to 0**").startswith(f"{discordant} of {len(people)}")


def test_kit_page_has_the_things_to_try_section(tmp_path):
    mi.build(tmp_path / "kit")
    page = (tmp_path / "kit" / "02_receptor_signalling.md").read_text(encoding="utf-8")
    assert "## Answer key: things to try" in page
    assert page.index("## Answer key: predictions") < page.index("## Answer key: things to try")
    for prompt, answer in ttt.answers("02_receptor_signalling"):
        assert prompt in page and answer in page
    none = (tmp_path / "kit" / "00_start_here.md").read_text(encoding="utf-8")
    assert "_This unit has no 'things to try' prompts._" in none
