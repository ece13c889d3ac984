"""Unit 01's exercises: the B-domain identity by hand (01-b-identity-all-columns) and two function exercises,
01-chain-mass (``chain_mass_da``) and 01-identity-pct (``identity_pct``).

Each function check fails on the stub and on typical wrong implementations (free amino-acid masses summed with
no water taken off, or one water per residue; the shorter chain measured on the gapped rows, a gap counted as
matching a gap), naming the kind of case that failed and not the expected number, and passes on the notebook's
own solution (exec'd from its cell, so the two cannot drift). The right answers are known independently of the
registry: the residue counts by hand from the printed alignments, and masses summed from Biopython's table of
free amino acids.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import numpy as np
import pytest
from Bio.Data.IUPACData import atom_weights, protein_weights

from course_lib import exercises
from course_lib.exercises import _u01
from course_lib.models import sequence

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "01_structure.ipynb"
WATER = 2 * atom_weights["H"] + atom_weights["O"]
H = atom_weights["H"]


def _cell(text: str, tag: str | None = None) -> str:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    (source,) = [
        c.source
        for c in nb.cells
        if c.cell_type == "code" and text in c.source and (tag is None or tag in c.metadata.get("tags", []))
    ]
    return source


def _solution(exercise_id: str, name: str):
    """Run the notebook's solution cell (its must_pass check included) and return what it defines as ``name``."""
    namespace = {
        "exercises": exercises,
        "sequence": sequence,
        "atom_weights": atom_weights,
        "protein_weights": protein_weights,
        "igf1": sequence.get("igf1"),
        "b": _u01._b_alignment(),
    }
    exec(_cell("WATER_DA = "), namespace)  # the ingredients cell the mass exercise uses
    exec(_cell(f'"{exercise_id}"', "solution"), namespace)
    return namespace.get(name)


def _stub(*args, **kwargs):
    raise NotImplementedError


def _renderings(x: float) -> set[str]:
    """How a value might be printed (3-4 significant figures, 1-2 decimals, with or without a thousands comma)."""
    out = {f"{x:.3g}", f"{x:.4g}", f"{x:.1f}", f"{x:.2f}", f"{x:,.1f}"} - {"0.0", "0.00", "0", "100", "100.0"}
    return {r for r in out if len(r) > 2}


def _hides_every_case_value(exercise_id: str, feedback) -> None:
    ex = exercises.get(exercise_id)
    for case in ex.cases:
        value = float(ex.reference(*case.args, **case.kwargs))
        assert not any(r in feedback for r in _renderings(value)), (case.kind, value, str(feedback))


def _failed_kinds(feedback) -> str:
    """The part of the feedback that lists the failing kinds of case."""
    return str(feedback).split("wrong for", 1)[1].split("Re-check", 1)[0]


# ---------------------------------------------------------------- the by-hand number: 01-b-identity-all-columns

# The printed alignment (notebook section 2):
#   IGF-1 B domain  -GPETLCGAELVDALQFVCGDRGFYFNKPT
#                    ..:.|||:.||:||..|||:|||::...|
#   insulin B chain FVNQHLCGSHLVEALYLVCGERGFFYTPKT
# 14 "|" marks, 6 ":" marks, 30 columns, 29 of them with a residue on both sides.
HAND_B = 100 * 14 / 30


def test_the_alignment_in_the_notebook_is_the_one_counted_by_hand():
    aln = _u01._b_alignment()
    assert aln.gapped_a == "-GPETLCGAELVDALQFVCGDRGFYFNKPT"
    assert aln.gapped_b == "FVNQHLCGSHLVEALYLVCGERGFFYTPKT"
    assert (aln.identities, aln.aligned, aln.length) == (14, 29, 30)


def test_the_by_hand_answer_is_known_independently():
    assert HAND_B == pytest.approx(46.67, abs=0.01)
    assert exercises.check("01-b-identity-all-columns", HAND_B).ok
    assert exercises.check("01-b-identity-all-columns", 46.7).ok  # rounded as a learner would


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (100 * 14 / 29, "gaps left out"),  # divided by the aligned columns
        (14 / 30, "in percent, not as a fraction"),
        (100 * (14 + 6) / 30, "similar columns (:)"),  # ':' counted as identical
    ],
)
def test_each_mistake_gets_its_own_hint(value, words):
    feedback = exercises.check("01-b-identity-all-columns", value)
    assert not feedback.ok and words in feedback
    assert not any(r in feedback for r in _renderings(HAND_B)), str(feedback)


def test_the_by_hand_solution_in_the_notebook_passes():
    _solution("01-b-identity-all-columns", "solution")  # the cell's own must_pass=True check raises if it is wrong


# ---------------------------------------------------------------- 01-chain-mass


def test_the_mass_reference_agrees_with_hand_sums():
    ref = exercises.get("01-chain-mass").reference
    assert ref("W", disulfide_bonds=0) == pytest.approx(protein_weights["W"])  # no peptide bond
    assert ref("GA", disulfide_bonds=0) == pytest.approx(protein_weights["G"] + protein_weights["A"] - WATER)
    igf1 = sequence.get("igf1")
    free = sum(protein_weights[aa] for aa in igf1)
    assert ref(igf1, disulfide_bonds=3) == pytest.approx(free - 69 * WATER - 6 * H, rel=1e-6)
    assert ref(igf1, disulfide_bonds=3) == pytest.approx(7649, abs=1)  # the published molar mass


def test_the_mass_prediction_is_above_by_about_1200_da():
    """The notebook asks whether the plain sum of IGF-1's free amino acids is above or below 7,649 Da: above."""
    free = sum(protein_weights[aa] for aa in sequence.get("igf1"))
    assert 1200 < free - 7649 < 1300


def test_mass_stub_is_not_attempted():
    feedback = exercises.check_function("01-chain-mass", _stub)
    assert not feedback.ok and "Not attempted yet" in feedback
    with pytest.raises(AssertionError):
        exercises.check_function("01-chain-mass", _stub, must_pass=True)


def no_water_lost(chain, *, disulfide_bonds=0):
    """Typical wrong implementation: the free amino-acid masses added up, the disulfides taken off, no water."""
    return sum(protein_weights[aa] for aa in chain) - 2 * H * disulfide_bonds


def one_water_per_residue(chain, *, disulfide_bonds=0):
    """Typical wrong implementation: n waters off instead of n - 1 (the residue-mass idea, without the end water)."""
    return sum(protein_weights[aa] for aa in chain) - len(chain) * WATER - 2 * H * disulfide_bonds


def disulfides_ignored(chain, *, disulfide_bonds=0):
    """Typical wrong implementation: the peptide bonds right, the disulfide bonds forgotten."""
    return sum(protein_weights[aa] for aa in chain) - (len(chain) - 1) * WATER


def test_no_water_lost_passes_only_the_single_amino_acid():
    feedback = exercises.check_function("01-chain-mass", no_water_lost)
    assert not feedback.ok and "1 of 7 cases" in feedback
    failed = _failed_kinds(feedback)
    assert "a dipeptide (exactly one peptide bond)" in failed and "IGF-1 with its three disulfide bonds" in failed
    assert "a single amino acid" not in failed
    assert "peptide bond" in feedback.split("Re-check", 1)[1]  # the first hint points at the step
    _hides_every_case_value("01-chain-mass", feedback)


def test_one_water_per_residue_fails_everywhere_and_names_the_single_amino_acid():
    feedback = exercises.check_function("01-chain-mass", one_water_per_residue)
    assert not feedback.ok and "It is right for" not in feedback
    assert "a single amino acid (no peptide bond at all)" in _failed_kinds(feedback)
    _hides_every_case_value("01-chain-mass", feedback)


def test_forgotten_disulfides_fail_only_the_bonded_chains():
    feedback = exercises.check_function("01-chain-mass", disulfides_ignored)
    assert not feedback.ok and "4 of 7 cases" in feedback
    failed = _failed_kinds(feedback)
    for kind in ("IGF-1 with its three disulfide bonds", "one internal disulfide", "IGF-1 LR3, folded"):
        assert kind in failed
    assert "all six cysteines free" not in failed
    _hides_every_case_value("01-chain-mass", feedback)


def test_the_mass_solution_in_the_notebook_passes():
    solution = _solution("01-chain-mass", "chain_mass_da")
    assert exercises.check_function("01-chain-mass", solution).ok
    assert solution(sequence.get("igf1"), disulfide_bonds=3) == pytest.approx(7648.6, abs=0.05)


# ---------------------------------------------------------------- 01-identity-pct


def test_the_identity_reference_agrees_with_hand_counts_and_the_library():
    ref = _u01.identity_pct
    # the B domain by hand: 14 identical, 29 residues in the shorter chain, 29 aligned columns, 30 columns
    a, b = _u01._B_ROWS
    assert [ref(a, b, d) for d in ("shorter", "aligned", "columns")] == pytest.approx(
        [100 * 14 / 29, 100 * 14 / 29, 100 * 14 / 30]
    )
    # the multiple-alignment rows: G, I, V, C, C identical; 7 residues each; 7 aligned columns; 8 columns
    a, b = _u01.MSA_ROWS
    assert [ref(a, b, d) for d in ("shorter", "aligned", "columns")] == pytest.approx([500 / 7, 500 / 7, 62.5])
    # whole IGF-1 against the insulin B chain: 15 identical; 30, 29 and 71 (the widget's summary)
    a, b = _u01._INSB_ROWS
    assert [ref(a, b, d) for d in ("shorter", "aligned", "columns")] == pytest.approx([50.0, 1500 / 29, 1500 / 71])
    for x, y in [("igf1", "igf2"), ("igf1", "c_peptide"), ("igf1", "igf1_lr3"), ("preproinsulin", "igf1")]:
        aln = sequence.align(x, y)
        for d in sequence.DENOMINATORS:
            assert ref(aln.gapped_a, aln.gapped_b, d) == pytest.approx(aln.percent_identity(d))


def test_the_identity_prediction_is_every_column_below_25_percent():
    a, b = _u01._INSB_ROWS
    values = {d: _u01.identity_pct(a, b, d) for d in sequence.DENOMINATORS}
    assert min(values, key=values.get) == "columns" and values["columns"] < 25


def test_identity_stub_is_not_attempted():
    feedback = exercises.check_function("01-identity-pct", _stub)
    assert not feedback.ok and "Not attempted yet" in feedback
    with pytest.raises(AssertionError):
        exercises.check_function("01-identity-pct", _stub, must_pass=True)


def shorter_from_gapped_rows(row_a, row_b, denominator="shorter"):
    """Typical wrong implementation: the shorter chain's length taken from the gapped rows (which are equal)."""
    identical = sum(x == y and x != "-" for x, y in zip(row_a, row_b))
    count = {
        "shorter": min(len(row_a), len(row_b)),
        "aligned": sum(x != "-" and y != "-" for x, y in zip(row_a, row_b)),
        "columns": len(row_a),
    }[denominator]
    return 100 * identical / count


def gap_matches_gap(row_a, row_b, denominator="shorter"):
    """Typical wrong implementation: identities counted as x == y, so a column of two gaps counts as identical."""
    identical = sum(x == y for x, y in zip(row_a, row_b))
    count = {
        "shorter": min(len(row_a.replace("-", "")), len(row_b.replace("-", ""))),
        "aligned": sum(x != "-" and y != "-" for x, y in zip(row_a, row_b)),
        "columns": len(row_a),
    }[denominator]
    return 100 * identical / count


def test_the_shorter_chain_from_gapped_rows_fails_the_gapped_shorter_cases():
    feedback = exercises.check_function("01-identity-pct", shorter_from_gapped_rows)
    assert not feedback.ok and "4 of 8 cases" in feedback
    failed = _failed_kinds(feedback)
    for kind in (
        "gaps in both rows, over the shorter chain",
        "a short chain facing a long one, over the shorter chain",
        "the default denominator",
        "a fragment of itself",
    ):
        assert kind in failed
    assert "over every column" not in failed and "no gaps" not in failed
    assert "'shorter' counts the residues" in feedback  # the first hint names the step
    _hides_every_case_value("01-identity-pct", feedback)


def test_a_gap_matching_a_gap_is_caught_only_by_the_hidden_multiple_alignment_case():
    feedback = exercises.check_function("01-identity-pct", gap_matches_gap)
    assert not feedback.ok and "7 of 8 cases" in feedback
    assert _failed_kinds(feedback).strip().startswith("rows cut from a multiple alignment")
    _hides_every_case_value("01-identity-pct", feedback)


def test_the_identity_solution_in_the_notebook_passes():
    solution = _solution("01-identity-pct", "identity_pct")
    assert exercises.check_function("01-identity-pct", solution).ok
    a, b = _u01._IGF2_ROWS
    assert [solution(a, b, d) for d in ("shorter", "aligned", "columns")] == pytest.approx(
        [100 * 46 / 67, 100 * 46 / 64, 100 * 46 / 73]
    )


def test_every_case_value_is_a_plain_number():
    for exercise_id in ("01-chain-mass", "01-identity-pct"):
        ex = exercises.get(exercise_id)
        assert all(np.ndim(ex.reference(*c.args, **c.kwargs)) == 0 for c in ex.cases)
