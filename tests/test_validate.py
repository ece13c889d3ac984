"""The shared input checks: every bad value gets a TypeError/ValueError naming the parameter, unit and range."""

import math

import numpy as np
import pytest

from course_lib._validate import choice, real, text

KW = dict(name="age_y", unit="years", low=0, high=94)


@pytest.mark.parametrize("bad", ["lots", None, True, False, b"1", 1j, [1, "a"], {"a": 1}, object()])
def test_non_numbers_are_type_errors(bad):
    with pytest.raises(TypeError, match=r"age_y must be a number in years between 0 and 94; got"):
        real(bad, **KW)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, -3, 94.0001, 1e300, [1.0, math.nan], np.array([5, -1])])
def test_bad_values_are_value_errors(bad):
    with pytest.raises(ValueError, match=r"age_y must be a number in years between 0 and 94; got"):
        real(bad, **KW)


def test_empty_array_rejected():
    with pytest.raises(ValueError, match="empty array"):
        real([], **KW)


def test_scalar_in_scalar_out_array_in_array_out_and_no_mutation():
    assert real(np.float32(3.5), **KW) == 3.5 and isinstance(real(3, **KW), float)
    ages = np.array([1, 2, 3])
    out = real(ages, **KW)
    assert out.dtype == float and out.tolist() == [1.0, 2.0, 3.0]
    out[0] = 99
    assert ages[0] == 1


def test_open_bounds_and_scalar_only():
    with pytest.raises(ValueError, match="greater than 0"):
        real(0.0, name="kd_nM", unit="nM", low=0, low_open=True)
    with pytest.raises(TypeError):
        real([1.0], name="x", unit="nM", allow_array=False)


def test_choice_lists_options():
    assert choice("male", name="sex", choices=["male", "female"]) == "male"
    with pytest.raises(ValueError, match="sex must be one of 'male', 'female'; got 'Male'"):
        choice("Male", name="sex", choices=["male", "female"])
    with pytest.raises(TypeError, match="sex must be one of"):
        choice(1, name="sex", choices=["male", "female"])


def test_text():
    with pytest.raises(ValueError, match="name must be"):
        text("  ", name="name")
    with pytest.raises(TypeError, match="name must be"):
        text(3, name="name")


def test_rng_accepts_a_generator_and_explains_anything_else():
    from course_lib._validate import rng

    g = np.random.default_rng(1)
    assert rng(g) is g
    with pytest.raises(
        TypeError, match=r"seed must be a numpy.random.Generator, for example numpy.random.default_rng\(2024\); got 7"
    ):
        rng(7, name="seed")
    with pytest.raises(TypeError, match="numpy's global random state"):
        rng(np.random.RandomState(1))


def test_choice_refuses_a_string_outside_the_options_and_a_non_string():
    with pytest.raises(ValueError, match="sex must be one of 'male', 'female'; got 'x'"):
        choice("x", name="sex", choices=("male", "female"))
    with pytest.raises(TypeError, match=r"\(a int\)"):
        choice(1, name="sex", choices=("male", "female"))
    assert choice("male", name="sex", choices=iter(["male"])) == "male"
