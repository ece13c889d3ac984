"""Unit 03's function exercise, 03-stable-quadratic: the check fails on the stub and on the textbook root, and
passes on the notebook's own solution. The right answers are known independently: with no binding protein all
IGF-1 is free, and in a huge excess of sites the free concentration tends to Kd*L/P."""

from __future__ import annotations

import math
from pathlib import Path

import nbformat
import pytest

from course_lib import exercises

ROOT = Path(__file__).resolve().parents[1]


def _notebook_solution():
    nb = nbformat.read(ROOT / "notebooks" / "03_binding_proteins.ipynb", as_version=4)
    source = next(
        c.source for c in nb.cells if "solution" in c.metadata.get("tags", []) and "def free_igf1" in c.source
    )
    namespace = {"exercises": exercises}
    exec(source.replace("must_pass=True", "must_pass=False"), namespace)
    return namespace["free_igf1"]


def textbook(total_nM, sites_nM, kd_nM):  # the typical wrong implementation: cancels when sites are in excess
    b = sites_nM + kd_nM - total_nM
    return (-b + math.sqrt(b * b + 4 * kd_nM * total_nM)) / 2


def test_the_reference_matches_the_limits_it_must_obey():
    ref = exercises.get("03-stable-quadratic").reference
    assert ref(26.0, 0.0, 0.1) == pytest.approx(26.0)  # nothing to bind to
    assert ref(26.0, 1e6, 1e-3) == pytest.approx(1e-3 * 26.0 / 1e6, rel=1e-4)  # F -> Kd*L/P in excess


def test_stub_is_not_attempted():
    def free_igf1(total_nM, sites_nM, kd_nM):
        raise NotImplementedError

    assert "Not attempted yet" in exercises.check_function("03-stable-quadratic", free_igf1)


def test_textbook_root_fails_on_the_cancelling_cases_and_names_them():
    feedback = exercises.check_function("03-stable-quadratic", textbook)
    assert not feedback.ok
    assert "a very small Kd" in feedback and "a huge excess of binding sites" in feedback
    assert "adult serum-like" not in feedback.split("Re-check")[0].split("wrong for")[1]  # right there
    expected = exercises.get("03-stable-quadratic").reference(26.0, 150.0, 1e-9)
    assert f"{expected:.3g}" not in feedback and "e-10" not in feedback


def test_the_notebook_solution_passes():
    assert exercises.check_function("03-stable-quadratic", _notebook_solution()).ok
