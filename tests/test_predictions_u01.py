"""Unit 01's predictions: each result computed here independently of the prediction file.

A choice prediction's ``answer`` must be the choice that the computed result bears out; the results are
worked out by hand from the cited data (the disulfide table, the L6 measurements, the sequences) or with
Biopython directly, not read back from the YAML. A number prediction's truth is the model call the
notebook passes as ``truth=``; it is checked against a hand value, and the notebook is checked to pass
exactly that call.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from Bio.Data.IUPACData import atom_weights
from Bio.SeqUtils.IsoelectricPoint import IsoelectricPoint

from course_lib import data, predictions
from course_lib.models import sequence

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "01_structure.ipynb"
UNIT = "01_structure"


def _p(pid: str) -> predictions.Prediction:
    return predictions.get(UNIT, pid)


def _ask_cell(pid: str) -> str:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    (source,) = [c.source for c in nb.cells if c.cell_type == "code" and f'"{pid}"' in c.source]
    return source


def _answer_is(pid: str, starts: str) -> None:
    """The choice the result bears out (the one whose text starts with ``starts``) is the YAML answer."""
    p = _p(pid)
    (index,) = [i for i, c in enumerate(p.choices) if c.startswith(starts)]
    assert p.answer == index, (pid, p.choices[p.answer], starts)


# --- number predictions: the truth the notebook passes, against a hand value -------------------------


def test_disulfide_mass_truth_is_two_hydrogens_per_bond():
    source = _ask_cell("pred-01-disulfide-mass")
    assert "truth=reduced - native" in source
    assert 'reduced = sequence.average_mass_da("igf1")' in source
    assert 'native = sequence.average_mass_da("igf1", disulfide_bonds=3)' in source
    truth = sequence.average_mass_da("igf1") - sequence.average_mass_da("igf1", disulfide_bonds=3)
    hand = 3 * 2 * atom_weights["H"]  # three bonds, two hydrogen atoms each
    assert truth == pytest.approx(hand, abs=1e-6)
    p = _p("pred-01-disulfide-mass")
    # a learner who takes off a water per bond is told "high"; one who takes off one H per bond "low"
    assert predictions.respond(p, 3 * 18.015, truth)[1] == p.number_responses["high"]
    assert predictions.respond(p, 3 * atom_weights["H"], truth)[1] == p.number_responses["low"]
    assert predictions.respond(p, 6, truth)[1] == p.number_responses["close"]


def test_liver_knockout_truth_is_the_cited_75_percent():
    source = _ask_cell("pred-01-liver-knockout")
    assert 'drop = data.parameter("structure_parameters", "liver_igf1_knockout_serum_reduction_pct")' in source
    assert "truth=drop" in source
    drop = data.parameter("structure_parameters", "liver_igf1_knockout_serum_reduction_pct")
    assert drop == pytest.approx(75)  # Sjögren 1999 / Yakar 1999: serum IGF-1 down about 75%
    p = _p("pred-01-liver-knockout")
    assert predictions.respond(p, 75, drop)[1] == p.number_responses["close"]
    assert predictions.respond(p, 25, drop)[1] == p.number_responses["low"]


def test_lr3_position_truth_is_igf1_position_3_plus_the_13_residue_extension():
    source = _ask_cell("pred-01-lr3-position")
    assert "truth=changed" in source
    lr3_map = sequence.residue_table("igf1_lr3")
    changed = int(lr3_map.loc[lr3_map["changed"], "position"].iloc[0])
    # by hand: the extension is everything before IGF-1's Gly1-Pro2; LR3's chain minus it is IGF-1 with one change
    igf1, lr3 = sequence.get("igf1"), sequence.get("igf1_lr3")
    extension = len(lr3) - len(igf1)
    assert extension == 13
    differ = [i + 1 for i, (x, y) in enumerate(zip(igf1, lr3[extension:], strict=True)) if x != y]
    assert differ == [3] and igf1[2] == "E" and lr3[extension + 2] == "R"
    assert changed == extension + 3 == 16
    p = _p("pred-01-lr3-position")
    assert predictions.respond(p, 3, changed)[1] == p.number_responses["low"]
    assert predictions.respond(p, 16, changed)[1] == p.number_responses["close"]


# --- choice predictions: the result computed independently, then matched to the answer --------------


def _pi_by_hand(seq: str, *, bonded: bool) -> float:
    # Biopython's Bjellqvist pI directly; a bonded cysteine cannot ionise, so it is replaced by a
    # residue with no ionisable side chain (no cysteine is at either terminus, so the end pKs do not move)
    assert seq[0] != "C" and seq[-1] != "C"
    return IsoelectricPoint(seq.replace("C", "S") if bonded else seq).pi()


def test_pi_igf1_basic_igf2_acidic_either_way():
    results = {}
    for name in ("igf1", "igf2"):
        for bonded in (False, True):
            hand = _pi_by_hand(sequence.get(name), bonded=bonded)
            model = sequence.isoelectric_point(name, disulfide_bonds=3 if bonded else 0)
            assert model == pytest.approx(hand, abs=0.01)
            results[(name, bonded)] = hand
    assert all(results[("igf1", b)] > 7 for b in (False, True))
    assert all(results[("igf2", b)] < 7 for b in (False, True))
    # and the explanation's "raises both computed pIs, IGF-1's more"
    rise = {n: results[(n, True)] - results[(n, False)] for n in ("igf1", "igf2")}
    assert rise["igf1"] > rise["igf2"] > 0
    _answer_is("pred-01-pi", "IGF-1 basic, IGF-2 acidic")


def test_two_of_the_three_bonds_tie_b_to_a():
    igf1 = sequence.get("igf1")
    cys = [i + 1 for i, aa in enumerate(igf1) if aa == "C"]
    assert cys == [6, 18, 47, 48, 52, 61]
    # domain boundaries as cited (Vajdos 2001; Brzozowski 2002): B 1-29, C 30-41, A 42-62, D 63-70
    bounds = {"B": (1, 29), "C": (30, 41), "A": (42, 62), "D": (63, 70)}

    def domain(pos):
        return next(d for d, (lo, hi) in bounds.items() if lo <= pos <= hi)

    bonds = data.load("igf1_disulfides")  # Niwa 1989
    pairs = sorted({domain(x), domain(y)} == {"B", "A"} for x, y in zip(bonds["cys_a"], bonds["cys_b"]))
    assert len(pairs) == 3 and sum(pairs) == 2
    within_a = [(x, y) for x, y in zip(bonds["cys_a"], bonds["cys_b"]) if domain(x) == domain(y) == "A"]
    assert within_a == [(47, 52)]
    _answer_is("pred-01-bonds", "Two")


def _map(aln, pos: int) -> int | None:
    """Position in the second chain facing residue ``pos`` of the first, walked along the gapped rows."""
    i = j = 0
    for x, y in zip(aln.gapped_a, aln.gapped_b, strict=True):
        i += x != "-"
        j += y != "-"
        if x != "-" and i == pos:
            return j if y != "-" else None
    return None


def test_all_three_igf1_bonds_land_on_insulin_bonds():
    b = sequence.align(sequence.domain_sequence("B"), "insulin_b_chain")
    a = sequence.align(sequence.domain_sequence("A"), "insulin_a_chain")
    # insulin's disulfides, from the textbook structure: A6-A11, A7-B7, A20-B19
    insulin = {frozenset({"A6", "A11"}), frozenset({"A7", "B7"}), frozenset({"A20", "B19"})}

    def to_insulin(pos):
        return f"B{_map(b, pos)}" if pos <= 29 else f"A{_map(a, pos - 41)}"

    bonds = data.load("igf1_disulfides")
    mapped = {frozenset({to_insulin(x), to_insulin(y)}) for x, y in zip(bonds["cys_a"], bonds["cys_b"])}
    assert mapped == insulin
    ins_b, ins_a = sequence.get("insulin_b_chain"), sequence.get("insulin_a_chain")
    for bond in mapped:
        for residue in bond:
            chain = ins_b if residue[0] == "B" else ins_a
            assert chain[int(residue[1:]) - 1] == "C"
    _answer_is("pred-01-insulin-bonds", "All three")


def test_des13_more_potent_with_similar_receptor_binding():
    p = data.parameters("structure_parameters")["value"]
    # the 1989 L6 study: half-maximal protein synthesis 13 vs 1.5 ng/mL; receptor half-competition 20 vs 14 ng/mL
    assert p["l6_protein_synthesis_half_max_igf1_ng_per_mL"] == pytest.approx(13)
    assert p["l6_protein_synthesis_half_max_des13_ng_per_mL"] == pytest.approx(1.5)
    assert p["l6_receptor_half_competition_igf1_ng_per_mL"] == pytest.approx(20)
    assert p["l6_receptor_half_competition_des13_ng_per_mL"] == pytest.approx(14)
    potency = 13 / 1.5
    receptor = 20 / 14
    assert potency > 5 and receptor < 1.5
    _answer_is("pred-01-des13", "More potent, though")


def _aligned_identity_by_hand(aln) -> float:
    both = [(x, y) for x, y in zip(aln.gapped_a, aln.gapped_b, strict=True) if x != "-" and y != "-"]
    return 100 * sum(x == y for x, y in both) / len(both)


def test_c_peptide_identity_clearly_lower_than_b_chain():
    source = _ask_cell("pred-01-c-peptide")
    assert 'widgets.sequence_comparison("igf1", "c_peptide")' in source
    c_pep = _aligned_identity_by_hand(sequence.align("igf1", "c_peptide"))
    b_chain = _aligned_identity_by_hand(sequence.align("igf1", "insulin_b_chain"))
    assert c_pep == pytest.approx(sequence.align("igf1", "c_peptide").percent_identity("aligned"))
    assert b_chain - c_pep > 10
    _answer_is("pred-01-c-peptide", "Clearly lower")


def test_liver_knockout_growth_was_normal_and_the_reveal_shows_the_complications():
    source = _ask_cell("pred-01-liver-growth")
    assert 'igf1_gene.findings_html("liver_knockout")' in source
    # the knockout mice grew normally (Sjögren 1999; Yakar 1999): the parameter row says so
    note = data.info("structure_parameters")  # sidecar exists; the row's note carries the growth result
    assert note["title"]
    row = data.load("structure_parameters").set_index("name").loc["liver_igf1_knockout_serum_reduction_pct"]
    assert "growth was unchanged" in row["note"]
    # the reveal lists the three complications: GH up, growth down with lower serum IGF-1, the human growth response
    knockout = data.load("igf1_gene_findings").set_index("id")
    assert knockout.loc["lid-gh", "value"] == pytest.approx(4)
    assert "linear growth was significantly reduced" in knockout.loc["lidals-growth", "claim"]
    assert knockout.loc["human-hv-treated", "value"] > knockout.loc["human-hv-baseline", "value"]
    _answer_is("pred-01-liver-growth", "It was normal")
