"""Unit 01 exercises: a percent identity whose denominator you choose."""

from __future__ import annotations

from ..models import sequence
from . import Mistake, NumericExercise, register


def _b(denominator: str) -> float:
    return sequence.percent_identity(sequence.domain_sequence("B"), "insulin_b_chain", denominator=denominator)


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
        ),
        objectives=(3,),
    )
)
