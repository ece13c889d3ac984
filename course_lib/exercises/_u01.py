"""Unit 01 exercises: a chain's mass from its sequence, and a percent identity whose denominator you choose.

* ``01-chain-mass`` (function): the average mass of a chain from the free amino-acid masses, one water off per
  peptide bond and two hydrogen atoms off per disulfide bond (objective 1: mass, and the disulfide assumption).
* ``01-b-identity-all-columns`` (numeric): the B-domain identity over every column of the printed alignment.
* ``01-identity-pct`` (function): percent identity from two aligned rows, for each of the three denominators
  (objective 3).

Expected values come from the library (:mod:`course_lib.models.sequence`, Biopython underneath) or, for the
identity function, from :func:`identity_pct` below, which the tests check against the library's
:class:`~course_lib.models.sequence.PairAlignment` on real alignments and against counts by hand.
"""

from __future__ import annotations

from ..models import sequence
from . import Case, FunctionExercise, Mistake, NumericExercise, register

# --------------------------------------------------------------------------------------------------------------
# 01-chain-mass: mass from the sequence
# --------------------------------------------------------------------------------------------------------------
register(
    FunctionExercise(
        id="01-chain-mass",
        name="chain_mass_da",
        reference=sequence.average_mass_da,
        cases=(
            Case("IGF-1 with all six cysteines free", (sequence.get("igf1"),), {"disulfide_bonds": 0}),
            Case("IGF-1 with its three disulfide bonds", (sequence.get("igf1"),), {"disulfide_bonds": 3}),
            Case("a single amino acid (no peptide bond at all)", ("W",), {"disulfide_bonds": 0}),
            Case("a dipeptide (exactly one peptide bond)", ("GA",), {"disulfide_bonds": 0}),
            Case(
                "insulin's A chain with one internal disulfide",
                (sequence.get("insulin_a_chain"),),
                {"disulfide_bonds": 1},
            ),
            Case("the 83-residue analogue IGF-1 LR3, folded", (sequence.get("igf1_lr3"),), {"disulfide_bonds": 3}),
            Case("a chain with no cysteines, the bond count left at its default", (sequence.get("c_peptide"),)),
        ),
        # Biopython's water is 18.0153 Da; 2 H + O from its atom table is 18.01528 Da. 1e-5 of 7,650 Da is 0.08 Da:
        # loose enough for either water, tight enough to catch one disulfide (2 Da) or one water (18 Da) too many.
        rel_tol=1e-5,
        abs_tol=1e-3,
        hints=(
            "count the bonds of each kind and what each one releases: joining two amino acids by a peptide bond "
            "releases one water; closing a disulfide releases two hydrogen atoms.",
            "a chain of n residues has n - 1 peptide bonds (a single amino acid has none), so subtract (n - 1) x "
            "WATER_DA from the sum of the free amino-acid masses, then 2 x HYDROGEN_DA for every disulfide bond.",
        ),
        objectives=(1,),
    )
)


# --------------------------------------------------------------------------------------------------------------
# 01-b-identity-all-columns: one identity by hand
# --------------------------------------------------------------------------------------------------------------
def _b_alignment() -> sequence.PairAlignment:
    return sequence.align(sequence.domain_sequence("B"), "insulin_b_chain")


def _b(denominator: str) -> float:
    return sequence.percent_identity(sequence.domain_sequence("B"), "insulin_b_chain", denominator=denominator)


def _b_similar_counted() -> float:
    """The identity if the similar columns (":" in the printed alignment) are counted as identical too."""
    aln = _b_alignment()
    similar = aln.text(width=200).splitlines()[1].count(":")
    return 100.0 * (aln.identities + similar) / aln.length


register(
    NumericExercise(
        id="01-b-identity-all-columns",
        name="the B-domain identity over every column",
        unit="%",
        expected=lambda: _b("columns"),
        hints=(
            "count the identical columns (the | marks), then divide by the number of columns of the printed "
            "alignment, the gap column included.",
            "the gap (-) at the start of the IGF-1 row is a column too: it has no residue on one side, so it "
            "cannot be identical, but it still counts in this denominator.",
        ),
        mistakes=(
            Mistake(
                value=lambda: _b("aligned"),
                hint="you divided by the columns where both sequences have a residue (gaps left out); this "
                "exercise asks for every column of the alignment, gaps included.",
            ),
            Mistake(
                value=lambda: _b("columns") / 100,
                hint="give the answer in percent, not as a fraction.",
            ),
            Mistake(
                value=_b_similar_counted,
                hint="you counted the similar columns (:) as well. Only | marks an identical residue; a : is a "
                "different residue with a positive BLOSUM62 score.",
            ),
        ),
        objectives=(3,),
    )
)


# --------------------------------------------------------------------------------------------------------------
# 01-identity-pct: percent identity from two aligned rows, any denominator
# --------------------------------------------------------------------------------------------------------------
def identity_pct(row_a: str, row_b: str, denominator: str = "shorter") -> float:
    """Percent identity of two aligned rows of equal length ("-" marks a gap); see ``sequence.DENOMINATORS``.

    >>> identity_pct("AC-DE", "ACKDQ", "columns")
    60.0
    """
    identical = sum(x == y and x != "-" for x, y in zip(row_a, row_b))
    counts = {
        "shorter": min(len(row_a.replace("-", "")), len(row_b.replace("-", ""))),
        "aligned": sum(x != "-" and y != "-" for x, y in zip(row_a, row_b)),
        "columns": len(row_a),
    }
    return 100.0 * identical / counts[denominator]


def _rows(a: str, b: str) -> tuple[str, str]:
    aln = sequence.align(a, b)
    return aln.gapped_a, aln.gapped_b


_A_ROWS = _rows(sequence.domain_sequence("A"), "insulin_a_chain")
_B_ROWS = _rows(sequence.domain_sequence("B"), "insulin_b_chain")
_IGF2_ROWS = _rows("igf1", "igf2")
_INSB_ROWS = _rows("igf1", "insulin_b_chain")
_DES13_ROWS = _rows("igf1", "des13_igf1")
#: Two rows cut out of a multiple alignment: the fourth column is a gap in both (a third sequence had a residue).
MSA_ROWS = ("GIV-EQCC", "GIV-DECC")

register(
    FunctionExercise(
        id="01-identity-pct",
        name="identity_pct",
        reference=identity_pct,
        cases=(
            Case("two chains of equal length with no gaps", _A_ROWS, {"denominator": "columns"}),
            Case("a gap at one end, over the aligned columns", _B_ROWS, {"denominator": "aligned"}),
            Case("gaps in both rows, over the shorter chain", _IGF2_ROWS, {"denominator": "shorter"}),
            Case("a short chain facing a long one, over the shorter chain", _INSB_ROWS, {"denominator": "shorter"}),
            Case("a short chain facing a long one, over every column", _INSB_ROWS, {"denominator": "columns"}),
            Case("the default denominator (none given)", _IGF2_ROWS),
            Case(
                "a chain against a fragment of itself, over the shorter chain", _DES13_ROWS, {"denominator": "shorter"}
            ),
            Case(
                "rows cut from a multiple alignment (a column that is a gap in both)",
                MSA_ROWS,
                {"denominator": "columns"},
            ),
        ),
        rel_tol=1e-9,
        abs_tol=1e-9,
        hints=(
            "both counts: a column is identical only when both rows have the same residue (two gaps are "
            "not a match), and 'shorter' counts the residues of a chain, not the columns of its row.",
            "the shorter chain's length is min(len(row_a.replace('-', '')), len(row_b.replace('-', ''))); 'aligned' "
            "counts the columns where neither row has '-'; 'columns' is len(row_a). Count identities with "
            "x == y and x != '-'.",
        ),
        objectives=(3,),
    )
)
