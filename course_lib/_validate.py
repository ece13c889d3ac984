"""Input checks shared by every public function in :mod:`course_lib`.

A learner who types ``age_y=-3``, ``protein_g_per_kg_day="lots"`` or ``nan``
must get a ValueError or TypeError that says *which* parameter was wrong,
*what* was received, the *unit* and the *valid range*. Every model calls
these helpers at its boundary, so the messages read the same everywhere.

>>> real(40, name="age_y", unit="years", low=0, high=94)
40.0
>>> real("lots", name="protein_g_per_kg_day", unit="g/kg/day", low=0.3, high=3.0)
Traceback (most recent call last):
...
TypeError: protein_g_per_kg_day must be a number in g/kg/day between 0.3 and 3.0; got 'lots' (a str).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from numbers import Real

import numpy as np

__all__ = ["real", "reals", "integer", "choice", "text", "flag", "items", "frame", "mapping", "instance", "rng"]


def _range_phrase(low, high, low_open: bool, high_open: bool) -> str:
    if low is not None and high is not None:
        if not (low_open or high_open):
            return f"between {low} and {high}"
        lo = f"greater than {low}" if low_open else f"at least {low}"
        hi = f"less than {high}" if high_open else f"at most {high}"
        return f"{lo} and {hi}"
    if low is not None:
        return f"greater than {low}" if low_open else f"at least {low}"
    if high is not None:
        return f"less than {high}" if high_open else f"at most {high}"
    return "finite"


def real(
    value,
    *,
    name: str,
    unit: str,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
    allow_array: bool = True,
):
    """Return ``value`` as a float (or a float array) after checking it.

    Parameters
    ----------
    value : float or array-like
        What the caller passed.
    name : str
        The parameter's name, as the learner typed it.
    unit : str
        The unit, spelled for a reader ("ng/mL", "years").
    low, high : float, optional
        The valid range; ``low_open``/``high_open`` make an end exclusive.
    allow_array : bool
        When False only a scalar is accepted.

    Returns
    -------
    float or numpy.ndarray
        A Python float for scalar input, a new float array otherwise (the
        caller's array is never modified).

    Raises
    ------
    TypeError
        For strings, None, booleans, complex numbers and other non-numbers.
    ValueError
        For NaN, infinities, empty arrays and values outside the range.
    """
    # Fast path for the common case (a plain in-range float): no message is built.
    if type(value) in (float, int) and math.isfinite(value):
        if not (
            (low is not None and (value <= low if low_open else value < low))
            or (high is not None and (value >= high if high_open else value > high))
        ):
            return float(value)

    def expect() -> str:
        return f"{name} must be a number in {unit} {_range_phrase(low, high, low_open, high_open)}"

    def bad_type(got) -> TypeError:
        return TypeError(f"{expect()}; got {got!r} (a {type(got).__name__}).")

    if value is None or isinstance(value, (bool, np.bool_, str, bytes, complex)):
        raise bad_type(value)
    if isinstance(value, Real) or (isinstance(value, np.generic) and np.isrealobj(value)):
        scalar = True
        arr = np.asarray(float(value))
    else:
        if not allow_array:
            raise bad_type(value)
        try:
            arr = np.array(value)
        except Exception:  # ragged lists and other oddities
            raise bad_type(value) from None
        if arr.dtype == object or arr.dtype.kind not in "iuf":
            raise TypeError(f"{expect()}; got {value!r}, which holds values that are not real numbers.")
        if arr.size == 0:
            raise ValueError(f"{expect()}; got an empty array. Pass at least one value.")
        arr = arr.astype(float)
        scalar = arr.ndim == 0

    if not np.all(np.isfinite(arr)):
        bad = arr[~np.isfinite(arr)].flat[0] if arr.ndim else float(arr)
        raise ValueError(f"{expect()}; got {bad!r}. NaN and infinity are not allowed.")
    too_low = low is not None and np.any(arr <= low if low_open else arr < low)
    too_high = high is not None and np.any(arr >= high if high_open else arr > high)
    if too_low or too_high:
        bad = float(arr.min() if too_low else arr.max())
        raise ValueError(f"{expect()}; got {bad:g}. Choose a value in that range.")
    return float(arr) if scalar else arr


def choice(value, *, name: str, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices``; otherwise explain the options.

    >>> choice("female", name="sex", choices=("male", "female"))
    'female'
    >>> choice("woman", name="sex", choices=("male", "female"))
    Traceback (most recent call last):
    ...
    ValueError: sex must be one of 'male', 'female'; got 'woman'.
    """
    options = choices if isinstance(choices, (tuple, list, dict)) else tuple(choices)
    if isinstance(value, str) and value in options:
        return value
    listed = ", ".join(repr(c) for c in options)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {listed}; got {value!r} (a {type(value).__name__}).")
    raise ValueError(f"{name} must be one of {listed}; got {value!r}.")


def text(value, *, name: str, what: str = "text") -> str:
    """Return a non-empty string, or raise a clear error naming ``name``.

    >>> text("IGF1", name="name")
    'IGF1'
    """
    if not isinstance(value, str):
        raise TypeError(f"{name} must be {what} (a string); got {value!r} (a {type(value).__name__}).")
    if not value.strip():
        raise ValueError(f"{name} must be {what}; got an empty string.")
    return value


def integer(value, *, name: str, unit: str, low: int | None = None, high: int | None = None) -> int:
    """Return a whole number after checking it (a float with no fractional part is accepted).

    >>> integer(12, name="max_rows", unit="rows", low=1, high=500)
    12
    >>> integer(2.5, name="max_rows", unit="rows", low=1, high=500)
    Traceback (most recent call last):
    ...
    ValueError: max_rows must be a whole number of rows between 1 and 500; got 2.5.
    """
    of_unit = f" of {unit}" if unit else ""  # unit="" for a count with no unit, such as a random seed
    phrase = f"{name} must be a whole number{of_unit} {_range_phrase(low, high, False, False)}"
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (Real, np.integer, np.floating)):
        raise TypeError(f"{phrase}; got {value!r} (a {type(value).__name__}).")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{phrase}; got {number!r}. NaN and infinity are not allowed.")
    if number != int(number) or (low is not None and number < low) or (high is not None and number > high):
        raise ValueError(f"{phrase}; got {number:g}.")
    return int(number)


def flag(value, *, name: str) -> bool:
    """Return ``value`` if it is True or False (numpy bools included).

    >>> flag(True, name="correct")
    True
    >>> flag("yes", name="correct")
    Traceback (most recent call last):
    ...
    TypeError: correct must be True or False; got 'yes' (a str).
    """
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise TypeError(f"{name} must be True or False; got {value!r} (a {type(value).__name__}).")


def frame(value, *, name: str, columns: Iterable[str] = (), what: str = "a table", allow_empty: bool = False):
    """Return ``value`` if it is a pandas DataFrame with ``columns``; otherwise say what to pass.

    ``what`` names the function that makes such a table, so the message tells the
    learner how to get one ("the table signalling.simulate(...) returns").

    >>> import pandas as pd
    >>> frame(pd.DataFrame({"t_min": [0.0]}), name="df", columns=["t_min"]).shape
    (1, 1)
    >>> frame([1, 2], name="df", columns=["t_min"], what="the table signalling.simulate(...) returns")
    Traceback (most recent call last):
    ...
    TypeError: df must be the table signalling.simulate(...) returns (a pandas DataFrame with columns 't_min'); got [1, 2] (a list).
    """
    import pandas as pd  # local: pandas is heavy and most checks never need it

    needed = tuple(columns)
    described = what + (
        f" (a pandas DataFrame with columns {', '.join(repr(c) for c in needed)})"
        if needed
        else " (a pandas DataFrame)"
    )
    if not isinstance(value, pd.DataFrame):
        raise TypeError(f"{name} must be {described}; got {_shown(value)} (a {type(value).__name__}).")
    missing = [c for c in needed if c not in value.columns]
    if missing:
        raise ValueError(
            f"{name} must be {described}; it lacks {', '.join(repr(c) for c in missing)} "
            f"(it has {', '.join(repr(c) for c in value.columns)})."
        )
    if value.empty and not allow_empty:
        raise ValueError(f"{name} must be {described}; got an empty table.")
    return value


def instance(value, *, name: str, types: type | tuple[type, ...], what: str):
    """Return ``value`` if it is an instance of ``types``; otherwise say what to pass.

    >>> instance(3, name="result", types=str, what="the result of confounding.fit(people)")
    Traceback (most recent call last):
    ...
    TypeError: result must be the result of confounding.fit(people); got 3 (a int).
    """
    if isinstance(value, types) and not isinstance(value, bool):
        return value
    raise TypeError(f"{name} must be {what}; got {_shown(value)} (a {type(value).__name__}).")


def _shown(value) -> str:
    text_ = repr(value)
    return text_ if len(text_) <= 60 else text_[:57] + "..."


def items(
    values, *, name: str, what: str, types: tuple[type, ...] = (list, tuple, set, frozenset), allow_empty: bool = False
) -> list:
    """Return the items of a collection (a list of ids, keys or labels) after checking its kind and size.

    A bare string is refused even though it is iterable: ``"confounding"`` for
    ``["confounding"]`` is the commonest slip. Check the items themselves with
    :func:`choice` or :func:`text`, naming the same parameter.

    >>> items(("a", "b"), name="labels", what="a pair of names")
    ['a', 'b']
    >>> items("ab", name="labels", what="a list of names, for example ['a']")
    Traceback (most recent call last):
    ...
    TypeError: labels must be a list of names, for example ['a']; got 'ab' (a str).
    """
    if isinstance(values, (str, bytes)) or not isinstance(values, types):
        raise TypeError(f"{name} must be {what}; got {_shown(values)} (a {type(values).__name__}).")
    out = list(values)  # type: ignore[call-overload]  # checked to be one of `types` just above
    if not out and not allow_empty:
        raise ValueError(f"{name} must be {what}; got an empty {type(values).__name__}.")
    return out


def reals(
    values, *, name: str, unit: str, low: float | None = None, high: float | None = None, example: str = "(10, 15, 30)"
) -> list:
    """Return a non-empty list, tuple or 1-D array of numbers as a list, each item checked with :func:`real`.

    The caller's items are returned unchanged, so ``10`` still prints as ``10``.

    >>> reals((10, 15), name="ages_y", unit="years", low=0, high=90)
    [10, 15]
    >>> reals(15, name="ages_y", unit="years", low=0, high=90)
    Traceback (most recent call last):
    ...
    TypeError: ages_y must be a list or tuple of numbers in years between 0 and 90, e.g. (10, 15, 30); got 15 (a int).
    """
    what = f"a list or tuple of numbers in {unit} {_range_phrase(low, high, False, False)}, e.g. {example}"
    out = items(values, name=name, what=what, types=(list, tuple, np.ndarray))
    if isinstance(values, np.ndarray) and values.ndim != 1:
        raise TypeError(f"{name} must be {what}; got an array of shape {values.shape}.")
    for item in out:
        real(item, name=name, unit=unit, low=low, high=high, allow_array=False)
    return out


def mapping(value, *, name: str, keys: Iterable[str], what: str):
    """Return ``value`` if it is a dict (any Mapping) holding ``keys``; otherwise say which function makes one.

    >>> mapping({"t_h": [0.0]}, name="sim", keys=["t_h", "gh_rel"], what="the result of gh_axis.simulate()")
    Traceback (most recent call last):
    ...
    ValueError: sim must be the result of gh_axis.simulate(); it lacks 'gh_rel' (it has 't_h').
    """
    from collections.abc import Mapping

    instance(value, name=name, types=Mapping, what=what)
    missing = [k for k in keys if k not in value]
    if missing:
        raise ValueError(
            f"{name} must be {what}; it lacks {', '.join(repr(k) for k in missing)} "
            f"(it has {', '.join(repr(k) for k in value)})."
        )
    return value


def rng(value, *, name: str = "rng"):
    """Return ``value`` if it is a :class:`numpy.random.Generator`; the course never uses numpy's global state.

    >>> isinstance(rng(np.random.default_rng(2024)), np.random.Generator)
    True
    >>> rng(2024)
    Traceback (most recent call last):
    ...
    TypeError: rng must be a numpy.random.Generator, for example numpy.random.default_rng(2024); got 2024 (a int). The course never uses numpy's global random state.
    """
    if isinstance(value, np.random.Generator):
        return value
    raise TypeError(
        f"{name} must be a numpy.random.Generator, for example numpy.random.default_rng(2024); got {_shown(value)} "
        f"(a {type(value).__name__}). The course never uses numpy's global random state."
    )
