"""Unit 04 exercises: classify claims by model system."""

from __future__ import annotations

from ..models import evidence
from . import CustomExercise, register

register(
    CustomExercise(
        id="04-evidence-labels",
        name="the evidence labels of six claims",
        checker=evidence.check_classification,
        hints=(
            "for each claim ask who or what was studied (cells, rodents or people) and, for people, whether "
            "they were given something or only measured.",
            "a pooled analysis of several trials has its own label; an organ culture of animal tissue is a "
            "cell-culture study, not a rodent study.",
        ),
        objectives=(1,),
    )
)
