"""IGF-1 from its sequence: length, composition, mass, charge and similarity to its relatives.

Every number here is computed from a real sequence in ``course_lib/data/sequences.csv``
(UniProt P05019, P01308, P01344, plus the two research analogues) with
Biopython (Cock et al. 2009, key ``cock2009``); nothing is typed in by hand:

* masses: :func:`Bio.SeqUtils.molecular_weight` (average isotopic masses);
  each disulfide bond removes two hydrogen atoms;
* isoelectric point: :class:`Bio.SeqUtils.IsoelectricPoint.IsoelectricPoint`
  (Bjellqvist pK set);
* alignments: :class:`Bio.Align.PairwiseAligner`, global (Needleman-Wunsch),
  BLOSUM62 (Henikoff & Henikoff 1992, key ``henikoff1992``), gap open -10,
  gap extend -0.5, the scores read from ``course_lib/data/structure_parameters.csv``.

Any function that takes ``name_or_sequence`` accepts a molecule name from
:func:`names` (``"igf1"``, ``"igf2"``, ``"insulin_a_chain"`` ...) or a protein
sequence in one-letter code. Lower case and spaces inside a pasted sequence
are fine; digits, other symbols, ambiguous codes (B, Z, X, J, O, U) and empty
strings are not, and the error says which character is wrong and where.

>>> len(get("igf1")), cysteine_positions("igf1")
(70, [6, 18, 47, 48, 52, 61])
>>> round(average_mass_da("igf1", disulfide_bonds=3), 1)
7648.6
>>> percent_identity("igf1", "des13_igf1")
100.0
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import pandas as pd
from Bio.Align import PairwiseAligner, substitution_matrices
from Bio.Data.IUPACData import atom_weights, protein_letters_1to3
from Bio.SeqUtils import molecular_weight
from Bio.SeqUtils.IsoelectricPoint import IsoelectricPoint
from Bio.SeqUtils.ProtParam import ProteinAnalysis

from .. import data
from .._validate import choice, integer, real, text

__all__ = [
    "ALPHABET",
    "DENOMINATORS",
    "PairAlignment",
    "names",
    "label",
    "get",
    "info",
    "clean",
    "cysteine_positions",
    "dibasic_sites",
    "composition",
    "average_mass_da",
    "isoelectric_point",
    "domains",
    "domain_sequence",
    "disulfides",
    "residue_table",
    "align",
    "percent_identity",
]

#: The 20 standard amino acids, one-letter codes, alphabetical.
ALPHABET = "ACDEFGHIKLMNPQRSTVWY"

#: What "percent identity" can be a percentage *of*. Identical residues are
#: counted the same way in all three; only the denominator changes.
DENOMINATORS: dict[str, str] = {
    "shorter": "the length of the shorter sequence",
    "aligned": "the columns where both sequences have a residue (gaps left out)",
    "columns": "every column of the alignment, gaps included",
}

_HYDROGEN_DA = atom_weights["H"]  # average atomic mass of hydrogen, from Biopython's table


@functools.cache
def _table() -> pd.DataFrame:
    return data.load("sequences").set_index("name")


def names() -> list[str]:
    """The molecule names :func:`get` accepts, in table order."""
    return _table().index.tolist()


def _name(name) -> str:
    text(name, name="name", what="a molecule name")
    return choice(name.strip().lower(), name="name", choices=names())


def get(name: str) -> str:
    """The sequence of a named molecule, upper-case one-letter code, N- to C-terminus.

    Parameters
    ----------
    name : str
        One of :func:`names` (case does not matter).

    >>> get("insulin_a_chain")
    'GIVEQCCTSICSLYQLENYCN'
    >>> get("igf3")
    Traceback (most recent call last):
    ...
    ValueError: name must be one of 'igf1', 'des13_igf1', 'igf1_lr3', 'igf2', 'preproinsulin', 'insulin_b_chain', 'c_peptide', 'insulin_a_chain'; got 'igf3'.
    """
    return str(_table().loc[_name(name), "sequence"])


def label(name: str) -> str:
    """The learner-facing label of a named molecule ("IGF-1 (mature)")."""
    return str(_table().loc[_name(name), "label"])


def info(name: str) -> dict:
    """Everything the table holds about one molecule (accession, residue range, source ...), as a dict."""
    key = _name(name)

    def tidy(v):
        if isinstance(v, float):
            return None if math.isnan(v) else int(v) if v.is_integer() else v
        return v

    return {"name": key, **{k: tidy(v) for k, v in _table().loc[key].to_dict().items()}}


def clean(sequence, *, name: str = "sequence") -> str:
    """Return a protein sequence in upper-case one-letter code, or raise a clear error.

    Spaces and line breaks are removed and lower case is accepted, so a
    sequence pasted from a paper works. Anything else that is not one of the
    20 standard amino acids (``ALPHABET``) is rejected.

    >>> clean("gpetl cgael")
    'GPETLCGAEL'
    >>> clean("GPE7L")
    Traceback (most recent call last):
    ...
    ValueError: sequence must be a protein sequence in one-letter code (ACDEFGHIKLMNPQRSTVWY); got '7' at position 4 of 'GPE7L'.

    ``name`` is the parameter name the error messages use (a non-empty string).
    """
    text(name, name="name", what="the parameter name to use in error messages")
    text(sequence, name=name, what="a protein sequence in one-letter code (or a molecule name)")
    seq = "".join(sequence.split()).upper()
    for i, ch in enumerate(seq, start=1):
        if ch not in ALPHABET:
            shown = seq if len(seq) <= 30 else seq[:27] + "..."
            hint = " Ambiguous codes (B, Z, X, J, O, U) are not accepted." if ch.isalpha() else ""
            raise ValueError(
                f"{name} must be a protein sequence in one-letter code ({ALPHABET}); "
                f"got {ch!r} at position {i} of {shown!r}.{hint}"
            )
    return seq


def _resolve(name_or_sequence, *, param: str = "name_or_sequence") -> str:
    """A known molecule's sequence, or the cleaned sequence the caller typed."""
    text(name_or_sequence, name=param, what="a molecule name or a protein sequence")
    key = name_or_sequence.strip().lower()
    if key in _table().index:
        return get(key)
    try:
        return clean(name_or_sequence, name=param)
    except ValueError as err:
        raise ValueError(f"{err} Known molecule names: {', '.join(names())}.") from None


def cysteine_positions(name_or_sequence: str) -> list[int]:
    """Positions (1 = N-terminus) of every cysteine.

    >>> cysteine_positions("insulin_a_chain")
    [6, 7, 11, 20]
    """
    seq = _resolve(name_or_sequence)
    return [i for i, aa in enumerate(seq, start=1) if aa == "C"]


def composition(name_or_sequence: str) -> pd.DataFrame:
    """Amino-acid composition: one row per standard amino acid, alphabetical.

    Columns: ``residue`` (one-letter), ``name`` (three-letter), ``count`` and
    ``percent`` (of the chain length). Counts come from Biopython's
    ``ProteinAnalysis.count_amino_acids``.

    >>> c = composition("igf1")
    >>> int(c["count"].sum()), int(c.set_index("residue").loc["C", "count"])
    (70, 6)
    """
    seq = _resolve(name_or_sequence)
    counts = ProteinAnalysis(seq).count_amino_acids()
    rows = [
        {
            "residue": aa,
            "name": protein_letters_1to3[aa],
            "count": int(counts[aa]),
            "percent": 100.0 * counts[aa] / len(seq),
        }
        for aa in ALPHABET
    ]
    return pd.DataFrame(rows)


def _bonds(seq: str, disulfide_bonds) -> int:
    cysteines = seq.count("C")
    try:
        return integer(disulfide_bonds, name="disulfide_bonds", unit="bonds", low=0, high=cysteines // 2)
    except ValueError as exc:
        raise ValueError(f"{exc} (This chain has {cysteines} cysteines; each bond joins two.)") from None


def average_mass_da(name_or_sequence: str, *, disulfide_bonds: int = 0) -> float:
    """Average molecular mass of one chain, in daltons (g/mol).

    ``mass = molecular_weight(sequence, "protein") - 2 * m_H * disulfide_bonds``

    Biopython sums average residue masses and one water for the free termini.
    Forming a disulfide (two -SH to -S-S-) releases two hydrogen atoms, so each
    bond subtracts 2 x 1.00794 Da.

    Parameters
    ----------
    name_or_sequence : str
        A molecule name or a sequence.
    disulfide_bonds : int
        Number of disulfide bonds, from 0 (all cysteines free) to half the
        number of cysteines. Native IGF-1 has 3.

    >>> round(average_mass_da("igf1"), 1)
    7654.7
    """
    seq = _resolve(name_or_sequence)
    n = _bonds(seq, disulfide_bonds)
    return float(molecular_weight(seq, seq_type="protein")) - 2.0 * _HYDROGEN_DA * n


def isoelectric_point(name_or_sequence: str, *, disulfide_bonds: int = 0) -> float:
    """Theoretical isoelectric point (pH at which the net charge is zero).

    Method: Biopython's ``IsoelectricPoint``, which uses the pK values of
    Bjellqvist et al. (Electrophoresis 1993 and 1994), including their
    residue-specific terminal pKs, and finds the pI by bisection. Free cysteine
    thiols count as weak acids (pK 9.0); cysteines in disulfide bonds cannot
    ionise, so each bond removes two cysteines from the calculation. Other pK
    sets (EMBOSS, Lehninger ...) give somewhat different values; the number is a
    model output, not a measurement.

    >>> isoelectric_point("igf1") < isoelectric_point("igf1", disulfide_bonds=3)
    True
    """
    seq = _resolve(name_or_sequence)
    n = _bonds(seq, disulfide_bonds)
    counts = ProteinAnalysis(seq).count_amino_acids()
    counts["C"] -= 2 * n
    return float(IsoelectricPoint(seq, counts).pi())


def dibasic_sites(name_or_sequence: str) -> list[int]:
    """Positions of the first residue of every pair of adjacent basic residues (RR, RK, KR, KK).

    Proinsulin's C-peptide is cut out at two such pairs; the motif alone does
    not make a cleavage site (IGF-1 has two Arg-Arg pairs and stays whole).

    >>> [p for p in dibasic_sites("preproinsulin")]
    [55, 88]
    """
    seq = _resolve(name_or_sequence)
    return [i for i in range(1, len(seq)) if seq[i - 1] in "RK" and seq[i] in "RK"]


# ----------------------------------------------------------------------------- domains and disulfides


def domains() -> pd.DataFrame:
    """The IGF-1 domains (B, C, A, D) with start, end (mature numbering), length and sequence."""
    df = data.load("igf1_domains")
    seq = get("igf1")
    df["length_aa"] = df["end"] - df["start"] + 1
    df["sequence"] = [seq[s - 1 : e] for s, e in zip(df["start"], df["end"])]
    return df


def domain_sequence(domain: str) -> str:
    """The sequence of one IGF-1 domain ("B", "C", "A" or "D").

    >>> domain_sequence("C")
    'GYGSSSRRAPQT'
    """
    df = domains().set_index("domain")
    text(domain, name="domain", what="a domain letter")
    return str(df.loc[choice(domain.strip().upper(), name="domain", choices=df.index.tolist()), "sequence"])


def disulfides(name: str = "igf1") -> pd.DataFrame:
    """The disulfide bonds of IGF-1, or of an IGF-1-derived analogue in its own numbering.

    Columns ``cys_a``, ``cys_b`` (positions in the named molecule),
    ``igf1_cys_a``, ``igf1_cys_b`` (IGF-1 numbering) and ``insulin_equivalent``.
    """
    key = _name(name)
    offset = info(key)["igf1_offset"]
    if offset is None:
        raise ValueError(
            f"name must be IGF-1 or an IGF-1-derived analogue to map its disulfides; got {key!r}. "
            f"Choose one of {', '.join(n for n in names() if info(n)['igf1_offset'] is not None)}."
        )
    bonds = data.load("igf1_disulfides")
    out = pd.DataFrame(
        {
            "cys_a": bonds["cys_a"] + int(offset),
            "cys_b": bonds["cys_b"] + int(offset),
            "igf1_cys_a": bonds["cys_a"],
            "igf1_cys_b": bonds["cys_b"],
            "insulin_equivalent": bonds["insulin_equivalent"],
        }
    )
    return out


def residue_table(name: str = "igf1") -> pd.DataFrame:
    """One row per residue of a named molecule: what the residue map shows and its hover text says.

    Columns: ``position``, ``residue`` (one-letter), ``residue_name``
    (three-letter), ``domain`` (B/C/A/D, "extension" for residues added in
    front of IGF-1, or "" for molecules that are not IGF-1-derived),
    ``igf1_position`` (None outside IGF-1), ``partner`` (the disulfide partner's
    position, or None) and ``changed`` (True where the residue differs from
    IGF-1 at the same IGF-1 position).
    """
    key = _name(name)
    seq = get(key)
    offset = info(key)["igf1_offset"]
    igf1 = get("igf1")
    dom = domains()
    partner: dict[int, int] = {}
    if offset is not None:
        for a, b in disulfides(key)[["cys_a", "cys_b"]].itertuples(index=False):
            partner[int(a)] = int(b)
            partner[int(b)] = int(a)
    rows = []
    for pos, aa in enumerate(seq, start=1):
        igf1_pos = None if offset is None else pos - int(offset)
        inside = igf1_pos is not None and 1 <= igf1_pos <= len(igf1)
        if inside:
            domain = str(dom.loc[(dom["start"] <= igf1_pos) & (dom["end"] >= igf1_pos), "domain"].iloc[0])
        else:
            domain = "extension" if offset is not None else ""
        rows.append(
            {
                "position": pos,
                "residue": aa,
                "residue_name": protein_letters_1to3[aa],
                "domain": domain,
                "igf1_position": igf1_pos if inside else None,
                "partner": partner.get(pos),
                "changed": bool(inside and igf1_pos is not None and igf1[igf1_pos - 1] != aa),
            }
        )
    df = pd.DataFrame(rows)
    for col in ("igf1_position", "partner"):
        df[col] = df[col].astype("Int64")
    return df


# ----------------------------------------------------------------------------- alignment


@functools.cache
def _aligner() -> PairwiseAligner:
    return PairwiseAligner(
        mode="global",
        substitution_matrix=substitution_matrices.load("BLOSUM62"),
        open_gap_score=data.parameter("structure_parameters", "alignment_gap_open_score"),
        extend_gap_score=data.parameter("structure_parameters", "alignment_gap_extend_score"),
    )


@dataclass(frozen=True)
class PairAlignment:
    """A global pairwise alignment of two chains and its identity counts.

    Attributes
    ----------
    a_label, b_label : str
        What the two rows are called (the molecule's label, or "sequence 1/2").
    a, b : str
        The two ungapped sequences.
    gapped_a, gapped_b : str
        The aligned rows, "-" marking gaps; both have ``length`` characters.
    score : float
        The BLOSUM62 alignment score.
    identities : int
        Columns with the same residue in both rows.
    aligned : int
        Columns with a residue in both rows (identical or not).
    """

    a_label: str
    b_label: str
    a: str
    b: str
    gapped_a: str
    gapped_b: str
    score: float
    identities: int
    aligned: int

    @property
    def length(self) -> int:
        """Number of alignment columns, gaps included."""
        return len(self.gapped_a)

    def denominator(self, denominator: str = "shorter") -> int:
        """The count that ``percent_identity(denominator)`` divides by."""
        choice(denominator, name="denominator", choices=tuple(DENOMINATORS))
        return {"shorter": min(len(self.a), len(self.b)), "aligned": self.aligned, "columns": self.length}[denominator]

    def percent_identity(self, denominator: str = "shorter") -> float:
        """Identical residues as a percentage of the chosen denominator (see :data:`DENOMINATORS`)."""
        return 100.0 * self.identities / self.denominator(denominator)

    def columns(self) -> pd.DataFrame:
        """One row per alignment column.

        Columns: ``column`` (1-based), ``residue_a``, ``residue_b`` ("-" for a
        gap), ``position_a``, ``position_b`` (1-based residue numbers, None in a
        gap), ``identical`` and ``category``: "identical cysteine",
        "identical", "cysteine opposite a different residue", "different" or
        "gap".
        """
        rows, ia, ib = [], 0, 0
        for col, (x, y) in enumerate(zip(self.gapped_a, self.gapped_b), start=1):
            ia += x != "-"
            ib += y != "-"
            same = x == y and x != "-"
            if "-" in (x, y):
                cat = "gap"
            elif same:
                cat = "identical cysteine" if x == "C" else "identical"
            elif "C" in (x, y):
                cat = "cysteine opposite a different residue"
            else:
                cat = "different"
            rows.append(
                {
                    "column": col,
                    "residue_a": x,
                    "residue_b": y,
                    "position_a": ia if x != "-" else None,
                    "position_b": ib if y != "-" else None,
                    "identical": same,
                    "category": cat,
                }
            )
        df = pd.DataFrame(rows)
        for column in ("position_a", "position_b"):
            df[column] = df[column].astype("Int64")
        return df

    def map_position(self, position_a: int) -> int | None:
        """The residue of sequence b aligned with residue ``position_a`` of sequence a (None if a gap)."""
        real(position_a, name="position_a", unit="residue number", low=1, high=len(self.a), allow_array=False)
        cols = self.columns()
        hit = cols.loc[cols["position_a"] == position_a, "position_b"].iloc[0]
        return None if pd.isna(hit) else int(hit)

    def text(self, width: int = 60) -> str:
        """The alignment as three lines per block: row a, a match line ("|" identical, ":" BLOSUM62 > 0), row b."""
        real(width, name="width", unit="characters", low=10, high=200, allow_array=False)
        matrix = _aligner().substitution_matrix
        marks = "".join(
            " " if "-" in (x, y) else "|" if x == y else ":" if matrix[x][y] > 0 else "."
            for x, y in zip(self.gapped_a, self.gapped_b)
        )
        pad = max(len(self.a_label), len(self.b_label)) + 1
        blocks = []
        for s in range(0, self.length, int(width)):
            e = s + int(width)
            blocks.append(
                "\n".join(
                    [
                        f"{self.a_label:<{pad}}{self.gapped_a[s:e]}",
                        f"{'':<{pad}}{marks[s:e]}",
                        f"{self.b_label:<{pad}}{self.gapped_b[s:e]}",
                    ]
                )
            )
        return "\n\n".join(blocks)

    def __repr__(self) -> str:
        return (
            f"PairAlignment({self.a_label!r} vs {self.b_label!r}: {self.identities} identical of "
            f"{self.aligned} aligned, {self.length} columns, score {self.score:g})"
        )


def _label_for(x: str, fallback: str) -> str:
    key = x.strip().lower()
    return label(key) if key in _table().index else fallback


def align(a: str, b: str, *, labels: tuple[str, str] | None = None) -> PairAlignment:
    """Globally align two chains (names or sequences) and count identities.

    ``labels`` names the two rows in printed alignments and figures; by default
    a known molecule's label, or "sequence 1" / "sequence 2".

    Scoring: BLOSUM62 substitution scores; a gap of length n scores
    ``-10 + (n - 1) * -0.5`` wherever it falls, ends included (the values in
    ``course_lib/data/structure_parameters.csv``). When several alignments tie for the
    best score, Biopython's first one is used, so identity counts can differ
    by a residue or two from other programs.

    >>> aln = align("igf1", "igf2")
    >>> aln.length >= max(len(aln.a), len(aln.b))
    True
    """
    sa = _resolve(a, param="a")
    sb = _resolve(b, param="b")
    if labels is None:
        labels = (_label_for(a, "sequence 1"), _label_for(b, "sequence 2"))
    elif not (isinstance(labels, tuple) and len(labels) == 2 and all(isinstance(x, str) and x.strip() for x in labels)):
        raise TypeError(f"labels must be a tuple of two non-empty strings, one per sequence; got {labels!r}.")
    best = _aligner().align(sa, sb)[0]
    counts = best.counts()
    return PairAlignment(
        a_label=labels[0],
        b_label=labels[1],
        a=sa,
        b=sb,
        gapped_a=best[0],
        gapped_b=best[1],
        score=float(best.score),
        identities=int(counts.identities),
        aligned=int(counts.aligned),
    )


def percent_identity(a: str, b: str, *, denominator: str = "shorter") -> float:
    """Percent identity of two chains after global alignment (:func:`align`).

    The number of identical residues is fixed by the alignment; the percentage
    depends on what it is divided by (``denominator``, one of
    :data:`DENOMINATORS`): by default the length of the shorter chain, so
    "70% identical" means 70% of the shorter chain's residues have an identical
    partner. Dividing by aligned columns gives a larger number, by all columns a
    smaller one. Always say which you used.

    >>> percent_identity("insulin_a_chain", domain_sequence("A"))
    52.38095238095238
    """
    choice(denominator, name="denominator", choices=tuple(DENOMINATORS))
    return align(a, b).percent_identity(denominator)
