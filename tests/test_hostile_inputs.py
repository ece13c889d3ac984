"""Hostile-input sweep: every public function in ``course_lib`` refuses bad input clearly.

The sweep discovers every public function (``__all__``, or names without a
leading underscore) in every public ``course_lib`` module, so a new module is
covered the day it lands. For each parameter it first learns the parameter's
valid domain from the function itself: it passes a probe object and reads the
error, which by the project's convention (``course_lib._validate``) names the
parameter, its unit and its valid range or options. It then calls the function
with one hostile value at a time (the other arguments valid): NaN, ±inf,
negative, zero, huge, just outside each end of the range, strings, an unknown
category label, the empty string, None, a bool, an empty array and an array
containing NaN.

A value outside the domain must raise ``ValueError`` or ``TypeError`` whose
message names the parameter. A value that is inside the domain (zero for "at
least 0", a huge number when there is no upper bound, any text for a free-text
parameter) may be accepted, but then the result must contain no more NaN or
infinity than the valid call's result. A value just outside the range that is
accepted is reported as a silent clamp.

Nothing is exempt without a reason written in :data:`EXEMPT`.
"""

from __future__ import annotations

import atexit
import dataclasses
import functools
import importlib
import inspect
import math
import pkgutil
import re
import shutil
import tempfile
from numbers import Real

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

import course_lib

# --------------------------------------------------------------------------- discovery


def public_modules() -> list:
    mods = [course_lib]
    for info in pkgutil.walk_packages(course_lib.__path__, "course_lib."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        mods.append(importlib.import_module(info.name))
    return mods


def public_functions() -> list[tuple[str, object]]:
    found = []
    for mod in public_modules():
        names = getattr(mod, "__all__", None)
        if names is None:
            names = [n for n in vars(mod) if not n.startswith("_")]
        for name in names:
            obj = getattr(mod, name, None)
            if inspect.isfunction(obj) and obj.__module__ == mod.__name__:
                found.append((f"{mod.__name__}.{name}", obj))
    return sorted(found, key=lambda item: item[0])


FUNCTIONS = public_functions()

#: What is left out of the sweep, each with its reason: a whole function
#: ("module.function"), one parameter ("module.function:param") or one hostile
#: value that is in fact accepted on purpose ("module.function:param=label", the
#: label as printed in a failure). Add to this only with a reason a reviewer would accept.
EXEMPT: dict[str, str] = {
    "course_lib.predict.ask:reveal": (
        "reveal is whatever the notebook shows as the result once the learner commits (any displayable value, or a "
        "function that builds it); only None, which would reveal nothing, is refused"
    ),
    "course_lib.predict.static_html:value": (
        "value is the result a static page reveals (any value with an HTML or text form); None means 'needs the live notebook'"
    ),
    "course_lib.figures.lifestyle.describe": (
        "takes only **state and forwards it to figures.lifestyle.at_age, which the sweep covers parameter by parameter"
    ),
    "course_lib.questions.check_answer:answer=None": (
        "None is the exercise stub's 'not attempted yet' (CONTRIBUTING: `my_x = None`); it returns that sentence"
    ),
    "course_lib.models.evidence.check_classification:answers=None": (
        "None is the exercise stub's 'not attempted yet', as in quiz.check_answer"
    ),
    **{
        f"course_lib.models.signalling.{fn}:balance=zero": (
            "balance 0 (all receptor output to Shc/Ras) is a valid end of the documented 0-1 range, which the pathway "
            "widget's slider spans and test_balance_routes_output_between_the_branches uses; the default readout, Akt, "
            "then does not respond, and NaN is the documented 'no response / no EC50' answer (fraction_of_max is 0/0), "
            "as for ERK at balance 1, which the widget reports in words"
        )
        for fn in ("dose_response", "ec50")
    },
    **{
        f"course_lib.questions.check_answer:answer={v}": (
            "check_answer judges a learner's own result: a NaN or infinite answer gets the 'Not yet' verdict that "
            "prints the value, which is the feedback the learner needs; a traceback in an exercise cell would not help"
        )
        for v in ("NaN", "+inf", "-inf")
    },
    "course_lib.questions.check_answer:unit=empty string": "the documented default: an answer without a unit",
    "course_lib.exercises.register": (
        "adds to the module's registry (a second call with the same exercise is refused by design); its refusals "
        "(a non-exercise, a bad id, missing hints, too few cases) are tested in tests/test_exercises.py"
    ),
    "course_lib.exercises.check_function": (
        "no function exercise is registered yet, so the sweep has no valid exercise_id; its refusals and feedback "
        "are tested with a test-only exercise in tests/test_exercises.py"
    ),
    "course_lib.exercises.check:answer=None": (
        "None is the exercise stub's 'not attempted yet', as in quiz.check_answer; it returns that sentence"
    ),
    **{
        f"course_lib.exercises.check:answer={v}": (
            "check judges a learner's own result: a NaN or infinite answer gets a 'Not yet' verdict saying it is not "
            "a finite number, which is the feedback the learner needs; a traceback would not help"
        )
        for v in ("NaN", "+inf", "-inf")
    },
    "course_lib.figures.signalling.pathway_figure:ec50_nM=NaN": (
        "NaN is the documented default and what signalling.ec50 returns when the readout does not respond "
        "(the pathway widget passes it straight through); the figure then draws no EC50 line and holds no NaN"
    ),
    **{
        f"course_lib.plotting.figure:{axis}=empty string": (
            "an empty axis title is allowed for a categorical axis (figures/sequence.py and figures/binding.py use it)"
        )
        for axis in ("x_title", "y_title")
    },
}


@functools.cache
def _scratch_prefix() -> str:
    """A throwaway environment folder, so frontend.install's valid call never writes into the real one."""
    folder = tempfile.mkdtemp(prefix="hostile-prefix-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def _rng():
    return np.random.default_rng(2024)


def _hint_study():
    from course_lib.models import assays

    return assays.inter_assay_study(rng=_rng())


def _hint_people():
    from course_lib.models import assays

    return assays.draw_cohort(200, rng=_rng())


def _hint_confounding_people():
    from course_lib.models import confounding

    return confounding.simulate(rng=_rng())


#: Valid values for parameters the probe cannot learn (structured objects made by
#: other functions). Keyed by parameter name, or "module.function:param" for one
#: function. These only make the *valid* call; every hint parameter is still
#: attacked with the hostile values.
HINTS_BY_NAME: dict[str, object] = {
    "rng": _rng,
    "known_keys": lambda: set(__import__("course_lib.citations").citations.keys()),
}
HINTS: dict[str, object] = {
    "course_lib.figures.assays.bland_altman_figure:study": _hint_study,
    "course_lib.figures.assays.bland_altman_titles:study": _hint_study,
    "course_lib.figures.assays.bland_altman_traces:study": _hint_study,
    "course_lib.figures.assays.describe_bland_altman:study": _hint_study,
    "course_lib.figures.assays.reference_figure:people": _hint_people,
    "course_lib.figures.assays.describe_reference:people": _hint_people,
    "course_lib.models.assays.reference_disagreement:people": _hint_people,
    "course_lib.models.confounding.fit:people": _hint_confounding_people,
    "course_lib.figures.confounding.confounding_figure:people": _hint_confounding_people,
    "course_lib.figures.confounding.confounding_traces:people": _hint_confounding_people,
    "course_lib.figures.confounding.confounding_figure:result": lambda: __import__(
        "course_lib.models.confounding"
    ).models.confounding.fit(_hint_confounding_people()),
    "course_lib.figures.confounding.confounding_traces:result": lambda: __import__(
        "course_lib.models.confounding"
    ).models.confounding.fit(_hint_confounding_people()),
    "course_lib.figures.confounding.describe_confounding:result": lambda: __import__(
        "course_lib.models.confounding"
    ).models.confounding.fit(_hint_confounding_people()),
    "course_lib.figures.confounding.reverse_causation_figure:result": lambda: __import__(
        "course_lib.models.confounding"
    ).models.confounding.reverse_causation_study(rng=_rng()),
    "course_lib.figures.confounding.describe_reverse_causation:result": lambda: __import__(
        "course_lib.models.confounding"
    ).models.confounding.reverse_causation_study(rng=_rng()),
    "course_lib.figures.lifestyle.summary_text:n": lambda: __import__(
        "course_lib.figures.lifestyle"
    ).figures.lifestyle.at_age(
        sex="female", age_y=40.0, protein_g_per_kg_day=1.2, training="untrained", measured_ng_per_mL=180.0
    ),
    "course_lib.figures.gh_axis.gh_axis_figure:sim": lambda: __import__(
        "course_lib.models.gh_axis"
    ).models.gh_axis.simulate(),
    "course_lib.figures.gh_axis.gh_axis_series:sim": lambda: __import__(
        "course_lib.models.gh_axis"
    ).models.gh_axis.simulate(),
    "course_lib.figures.gh_axis.gh_axis_summary:sim": lambda: __import__(
        "course_lib.models.gh_axis"
    ).models.gh_axis.simulate(),
    "course_lib.models.gh_axis.summarise:sim": lambda: __import__(
        "course_lib.models.gh_axis"
    ).models.gh_axis.simulate(),
    "course_lib.models.gh_axis.check_run:sim": lambda: __import__(
        "course_lib.models.gh_axis"
    ).models.gh_axis.simulate(),
    "course_lib.models.signalling.peak:df": lambda: __import__(
        "course_lib.models.signalling"
    ).models.signalling.simulate(1.0),
    "course_lib.figures.receptors.occupancy_bars:occ": lambda: __import__(
        "course_lib.models.receptors"
    ).models.receptors.occupancy(igf1_nM=1.0, insulin_nM=0.1),
    "course_lib.figures.signalling.pathway_figure:time_course": lambda: __import__(
        "course_lib.models.signalling"
    ).models.signalling.simulate(1.0),
    "course_lib.figures.signalling.pathway_figure:dose_curve": lambda: __import__(
        "course_lib.models.signalling"
    ).models.signalling.dose_response(__import__("course_lib.models.signalling").models.signalling.dose_grid()),
    "course_lib.figures.sequence.alignment_layout:aln": lambda: __import__(
        "course_lib.models.sequence"
    ).models.sequence.align("igf1", "igf2"),
    "course_lib.figures.sequence.alignment_traces:aln": lambda: __import__(
        "course_lib.models.sequence"
    ).models.sequence.align("igf1", "igf2"),
    "course_lib.figures.sequence.describe_alignment:aln": lambda: __import__(
        "course_lib.models.sequence"
    ).models.sequence.align("igf1", "igf2"),
    "course_lib.models.evidence.table_problems:df": lambda: __import__(
        "course_lib.models.evidence"
    ).models.evidence.claims(),
    "course_lib.figures.html_tables.evidence_html:df": lambda: __import__(
        "course_lib.models.evidence"
    ).models.evidence.claims(),
    "course_lib.figures.evidence.evidence_bars:df": lambda: __import__(
        "course_lib.models.evidence"
    ).models.evidence.claims(),
    "course_lib.progress.on_answer:question": lambda: __import__("course_lib.quiz").quiz.load_questions(
        "00_start_here"
    )[0],
    "course_lib.progress.record:unit": lambda: "00_start_here",
    "course_lib.progress.on_answer:unit": lambda: "00_start_here",
    "course_lib.predict.static_html:prediction": lambda: __import__("course_lib.predictions").predictions.get(
        "00_start_here", "pred-00-converter"
    ),
    "course_lib.predictions.respond:prediction": lambda: __import__("course_lib.predictions").predictions.get(
        "00_start_here", "pred-00-converter"
    ),
    "course_lib.predictions.respond:predicted": lambda: 10.0,
    "course_lib.predictions.respond:truth": lambda: 20.0,
    "course_lib.quiz.static_html:questions": lambda: __import__("course_lib.quiz").quiz.load_questions("00_start_here"),
    "course_lib.progress.record:question_id": lambda: (
        __import__("course_lib.quiz").quiz.load_questions("00_start_here")[0].id
    ),
    "course_lib.models.appraisal.assess:marked": lambda: [],
    "course_lib.models.assays.agreement:first": lambda: ["low", "normal", "high", "normal"],
    "course_lib.models.assays.agreement:second": lambda: ["low", "normal", "normal", "high"],
    "course_lib.models.assays.bland_altman:a": lambda: np.array([100.0, 150.0, 200.0, 250.0]),
    "course_lib.models.assays.bland_altman:b": lambda: np.array([110.0, 140.0, 215.0, 240.0]),
    "course_lib.models.binding.time_to_fraction:t_min": lambda: np.linspace(0.0, 100.0, 11),
    "course_lib.models.binding.time_to_fraction:values": lambda: 100.0 * np.exp(-np.linspace(0.0, 100.0, 11) / 20.0),
    "course_lib.models.evidence.check_classification:answers": lambda: {},
    "course_lib.questions.feedback_for:question": lambda: __import__("course_lib.questions").questions.load_questions(
        "00_start_here"
    )[0],
    "course_lib.citations.bibliography:keys_": lambda: ["bidlingmaier2014"],
    "course_lib.widgets.frontend.install:prefix": _scratch_prefix,
}

# --------------------------------------------------------------------------- learning a domain

_NUM = r"(-?(?:\d[\d,]*\.?\d*(?:e[-+]?\d+)?|inf))"


@dataclasses.dataclass
class Domain:
    kind: str = "unknown"  # number | choice | text | bool | object | unknown
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    options: tuple = ()
    accepts_none: bool = False
    valid: object = None
    message: str = ""

    def contains(self, x: float) -> bool:
        if self.low is not None and (x < self.low or (self.low_open and x == self.low)):
            return False
        if self.high is not None and (x > self.high or (self.high_open and x == self.high)):
            return False
        return True


class _Probe:
    """An object no course function should accept; its repr names the parameter it was passed as."""

    def __init__(self, param: str = ""):
        self.param = param

    def __repr__(self) -> str:
        return f"<probe:{self.param}>" if self.param else "<probe>"


PROBE = _Probe()


def _is_probe(x) -> bool:
    return isinstance(x, _Probe)


def _num(s: str) -> float:
    return float(s.replace(",", ""))


def parse_domain(message: str) -> Domain:
    """Read a parameter's valid domain from a course_lib error message."""
    d = Domain(message=message)
    options = re.search(r"must be one of ((?:'[^']*'(?:, )?)+)", message)
    if options:
        d.kind, d.options = "choice", tuple(re.findall(r"'([^']*)'", options.group(1)))
        return d
    if re.search(r"must be True or False", message):
        d.kind = "bool"
        return d
    if re.search(r"must be .*\(a string|must be [^;]*text", message) and "number" not in message.split(";")[0]:
        d.kind = "text"
        return d
    head = message.split("; got")[0]
    if re.search(r"must be (a|an|one) .*(number|integer|whole)", head) or " between " in head:
        d.kind = "number"
        m = re.search(rf"between {_NUM} and {_NUM}", head)
        if m:
            d.low, d.high = _num(m.group(1)), _num(m.group(2))
        for word, attr, is_open in (
            ("at least", "low", False),
            ("greater than", "low", True),
            ("at most", "high", False),
            ("less than", "high", True),
        ):
            m = re.search(rf"{word} {_NUM}", head)
            if m:
                setattr(d, attr, _num(m.group(1)))
                setattr(d, f"{attr}_open", is_open)
    return d


def _candidates(d: Domain) -> list:
    if d.kind == "bool":
        return [True, False]
    if d.kind == "choice":
        return list(d.options)
    if d.kind == "text":
        return ["igf1", "00_start_here", "GPETLCGAELVDALQFVCGDRGFYFNKPTGYGSSSRRAPQTGIVDECCFRSCDLRRLEMYCAPLKPAKSA", "x"]
    lo = d.low if d.low is not None else (min(0.0, d.high - 10) if d.high is not None else 0.0)
    hi = d.high if d.high is not None else max(lo + 10.0, 10.0)
    mid = lo + (hi - lo) / 2
    out = [mid, round(mid), lo + (hi - lo) / 4, round(lo + (hi - lo) / 4), 1.0, 1, 10, 100, 0.5]
    return [x for x in out if d.contains(float(x))] or [mid]


def _short_repr(x) -> str:
    return repr(x)[:40]


def _names_param(exc: BaseException, name: str) -> bool:
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", str(exc)) is not None


def _hint(qual: str, param: str):
    for key in (f"{qual}:{param}", param):
        table = HINTS if ":" in key else HINTS_BY_NAME
        if key in table:
            return table[key]()
    raise KeyError(param)


@dataclasses.dataclass
class Baseline:
    kwargs: dict
    domains: dict[str, Domain]
    result: object


def _params(fn) -> list[inspect.Parameter]:
    return [p for p in inspect.signature(fn).parameters.values() if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]


def _call(fn, kwargs: dict):
    pos = [kwargs[p.name] for p in _params(fn) if p.kind == p.POSITIONAL_ONLY]
    kw = {k: v for k, v in kwargs.items() if k not in {p.name for p in _params(fn) if p.kind == p.POSITIONAL_ONLY}}
    return fn(*pos, **kw)


#: Values tried, in order, for a parameter whose error message does not say what it accepts.
GENERIC = [1.0, np.linspace(0.0, 10.0, 11), "igf1", ["igf1"], 10, 0.5]


def _signature(d: Domain) -> tuple:
    return (d.kind, d.low, d.high, d.low_open, d.high_open, d.options)


def find_baseline(qual: str, fn) -> Baseline:
    """A valid call of ``fn``, and what each parameter's error message says about its domain.

    Required parameters start as a probe object; each error names the parameter it
    refused and (by the project's convention) its range or options, so the next
    try uses a value from that domain. An error that names no parameter moves the
    first unresolved parameter through :data:`GENERIC`.
    """
    params = _params(fn)
    kwargs: dict = {}
    domains: dict[str, Domain] = {}
    for p in params:
        try:
            kwargs[p.name] = _hint(qual, p.name)
            domains[p.name] = Domain(kind="object", valid=kwargs[p.name])
        except KeyError:
            kwargs[p.name] = p.default if p.default is not p.empty else _Probe(p.name)
    tried: dict[str, list] = {}
    last = None
    for _ in range(80):
        try:
            result = _call(fn, kwargs)
            break
        except Exception as exc:  # noqa: BLE001 - any refusal teaches something; the sweep judges types later
            probes = [p.name for p in params if _is_probe(kwargs[p.name])]
            text_ = str(exc).split("got ", 1)[-1]
            by_value = [
                p.name
                for p in params
                if (p.name in probes or p.name in tried)
                and len(_short_repr(kwargs[p.name])) >= 3
                and _short_repr(kwargs[p.name]) in text_
            ]
            named = [p.name for p in params if _names_param(exc, p.name)]
            learnt = parse_domain(str(exc))
            culprit = (
                next(iter(by_value), None)
                or next((n for n in named if n in probes), None)
                or next((n for n in named if n in tried), None)
                or (probes[0] if probes else last)
            )
            if culprit is None:
                raise AssertionError(
                    f"{qual}: could not find a valid call; last error: {type(exc).__name__}: "
                    f"{exc}. Add a valid value to HINTS in {__name__}."
                ) from None
            if culprit not in tried or (
                learnt.kind != "unknown" and _signature(learnt) != _signature(domains[culprit])
            ):
                domains[culprit] = learnt
                tried[culprit] = _candidates(learnt) if learnt.kind != "unknown" else list(GENERIC)
            if not tried[culprit]:
                # The error named the wrong parameter (an inner function's name); give its domain to the next unresolved one.
                others = [n for n in probes if n != culprit]
                if not others:
                    raise AssertionError(
                        f"{qual}: no value of {culprit!r} was accepted; last error: "
                        f"{type(exc).__name__}: {exc}. Add a valid value to HINTS in {__name__}."
                    ) from None
                culprit = others[0]
                domains[culprit] = learnt
                tried[culprit] = _candidates(learnt) if learnt.kind != "unknown" else list(GENERIC)
            kwargs[culprit] = tried[culprit].pop(0)
            last = culprit
    else:
        raise AssertionError(f"{qual}: no valid call found after 80 attempts ({kwargs})")
    # Learn the domain of every parameter that still has its default or a hint.
    for p in params:
        if p.name in domains and domains[p.name].kind != "object":
            domains[p.name].valid = kwargs[p.name]
            continue
        d = domains.get(p.name) or Domain()
        d.valid = kwargs[p.name]
        d.accepts_none = p.default is None
        try:
            _call(fn, {**kwargs, p.name: _Probe(p.name)})
            d.kind = "accepts-anything"
        except (TypeError, ValueError) as exc:
            learnt = parse_domain(str(exc)) if _names_param(exc, p.name) else Domain()
            if learnt.kind != "unknown" and d.kind != "object":
                learnt.valid, learnt.accepts_none = d.valid, d.accepts_none
                d = learnt
        except Exception:
            pass
        if d.kind in ("unknown", "accepts-anything") and isinstance(d.valid, bool):
            d.kind = "bool"
        domains[p.name] = d
    return Baseline(kwargs, domains, result)


# --------------------------------------------------------------------------- judging a result

_NONFINITE_TEXT = re.compile(r"(?<![A-Za-z])(nan|inf|infinity)(?![A-Za-z])", re.I)


def nonfinite_count(obj, depth: int = 0) -> int:
    """How many NaN/inf values (or 'nan'/'inf' words in text) a result holds."""
    if depth > 6 or obj is None:
        return 0
    if isinstance(obj, bool):
        return 0
    if isinstance(obj, Real):
        return 0 if math.isfinite(float(obj)) else 1
    if isinstance(obj, str):
        return len(_NONFINITE_TEXT.findall(obj))
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind in "fc":
            return int(np.size(obj) - np.isfinite(obj).sum())
        if obj.dtype == object:
            return sum(nonfinite_count(x, depth + 1) for x in obj.ravel()[:10_000])
        return 0
    if isinstance(obj, (pd.DataFrame, pd.Series)):
        num = (
            obj.select_dtypes("number") if isinstance(obj, pd.DataFrame) else (obj if obj.dtype.kind in "fc" else None)
        )
        return 0 if num is None else int((~np.isfinite(num.to_numpy(dtype=float))).sum())
    if isinstance(obj, go.Figure):
        total = 0
        for trace in obj.data:
            for attr in ("x", "y", "z"):
                v = getattr(trace, attr, None)
                if v is not None:
                    arr = np.asarray(v, dtype=object).ravel()
                    total += sum(1 for x in arr if isinstance(x, float) and not math.isfinite(x))
        return total
    if isinstance(obj, dict):
        return sum(nonfinite_count(v, depth + 1) for v in obj.values())
    if isinstance(obj, (list, tuple, set)):
        return sum(nonfinite_count(v, depth + 1) for v in list(obj)[:10_000])
    if dataclasses.is_dataclass(obj):
        return sum(nonfinite_count(getattr(obj, f.name), depth + 1) for f in dataclasses.fields(obj))
    total = 0
    for attr in ("figure", "summary"):
        part = getattr(obj, attr, None)
        if part is not None:
            total += nonfinite_count(getattr(part, "value", part), depth + 1)
    return total


def _describe(obj) -> str:
    text = repr(obj)
    return text if len(text) < 80 else text[:77] + "..."


# --------------------------------------------------------------------------- the hostile values


def hostile_values(d: Domain, has_default: bool) -> list[tuple[str, object, bool]]:
    """(label, value, must_raise) for one parameter. ``must_raise`` False means: may be accepted if the result stays finite."""
    cases: list[tuple[str, object, bool]] = []
    numeric = d.kind == "number"
    if not d.accepts_none:
        cases.append(("None", None, True))
    cases += [("NaN", math.nan, True), ("+inf", math.inf, True), ("-inf", -math.inf, True)]
    if d.kind != "bool":
        cases.append(("True (a bool)", True, True))
    cases += [("empty string", "", True), ("empty array", np.array([]), True)]
    base = d.valid if numeric and isinstance(d.valid, Real) and not isinstance(d.valid, bool) else 1.0
    cases.append(("array with NaN", np.array([float(base), math.nan]), True))
    if numeric:
        cases.append(("huge (1e308)", 1e308, d.high is not None))
        cases.append(("negative (-1)", -1.0, not d.contains(-1.0)))
        cases.append(("zero", 0.0, not d.contains(0.0)))
        if d.low is not None:
            cases.append((f"below the range ({d.low:g} - 1)", d.low - max(1.0, abs(d.low)), True))
        if d.high is not None:
            cases.append((f"above the range ({d.high:g} + 1)", d.high + max(1.0, abs(d.high)), True))
        cases.append(("a string", "ten", True))
    elif d.kind == "choice":
        cases.append(("unknown label", "no-such-option", True))
        cases.append(("a number", 1.5, True))
    elif d.kind == "text":
        cases.append(("a number", 1.5, True))
        cases.append(("unknown label", "no-such-option", False))  # valid text; must not crash with another error
    else:  # bool flags, structured objects, and parameters whose domain the probe could not read
        cases += [
            ("huge (1e308)", 1e308, True),
            ("negative (-1)", -1.0, True),
            ("a string", "ten", True),
            ("unknown label", "no-such-option", True),
        ]
    return cases


# --------------------------------------------------------------------------- the test


@pytest.fixture(autouse=True)
def _sandbox(tmp_path, monkeypatch):
    """No function under test may touch the learner's files or leave global plotly state changed."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("IGF1_COURSE_PROGRESS", str(tmp_path / "progress.json"))
    template, renderer = pio.templates.default, pio.renderers.default
    yield
    pio.templates.default, pio.renderers.default = template, renderer


def test_the_sweep_finds_the_course_functions():
    names = {q for q, _ in FUNCTIONS}
    assert {"course_lib.units.ng_per_mL_to_nmol_per_L", "course_lib.data.load", "course_lib.quiz.quiz"} <= names
    assert len(names) >= 20


def sweep(qual: str, fn) -> tuple[list[str], list[str]]:
    """Run every hostile value against every parameter; return (violations, what was checked).

    Violations are grouped per parameter and kind of problem, one line each, with one example.
    """
    violations, checked = [], []
    if qual in EXEMPT:
        return [], [f"exempt: {EXEMPT[qual]}"]
    base = find_baseline(qual, fn)
    base_bad = nonfinite_count(base.result)
    for p in _params(fn):
        key = f"{qual}:{p.name}"
        if key in EXEMPT:
            checked.append(f"{p.name}: exempt ({EXEMPT[key]})")
            continue
        d = base.domains[p.name]
        found: dict[str, list[tuple[str, str]]] = {}
        if d.kind == "accepts-anything":
            found.setdefault("accepted an arbitrary object without an error", []).append((f"<probe:{p.name}>", ""))
        for label, value, must_raise in hostile_values(d, p.default is not p.empty):
            if f"{key}={label}" in EXEMPT:
                continue
            try:
                result = _call(fn, {**base.kwargs, p.name: value})
            except (TypeError, ValueError) as exc:
                if not _names_param(exc, p.name):
                    found.setdefault(f"{type(exc).__name__} does not name {p.name!r}", []).append((label, str(exc)))
                continue
            except Exception as exc:  # noqa: BLE001 - any other exception is the finding
                found.setdefault(f"raised {type(exc).__name__}, not ValueError/TypeError", []).append((label, str(exc)))
                continue
            if must_raise:
                problem = "silently clamped (accepted a value outside its range)" if "range" in label else "accepted"
                found.setdefault(problem, []).append((label, f"returned {_describe(result)}"))
            elif nonfinite_count(result) > base_bad:
                found.setdefault("accepted and returned NaN/inf", []).append((label, _describe(result)))
        for problem, cases in found.items():
            example = " ".join(cases[0][1].split())[:110]
            violations.append(
                f"{p.name}: {problem} for {', '.join(c[0] for c in cases)}"
                + (f" (e.g. {cases[0][0]}: {example})" if example else "")
            )
        checked.append(
            f"{p.name}: {d.kind}"
            + (f" [{d.low}, {d.high}]" if d.kind == "number" else "")
            + (f" {list(d.options)[:4]}" if d.kind == "choice" else "")
        )
    return violations, checked


@pytest.mark.parametrize("qual,fn", FUNCTIONS, ids=[q.removeprefix("course_lib.") for q, _ in FUNCTIONS])
def test_hostile_inputs_are_refused_clearly(qual, fn):
    violations, _checked = sweep(qual, fn)
    assert violations == [], f"{qual}:\n  " + "\n  ".join(violations)


# --------------------------------------------------------------------------- the sweep itself can fail


def _good(x, *, mode: str = "a"):
    from course_lib._validate import choice, real

    x = real(x, name="x", unit="ng/mL", low=0, high=100)
    choice(mode, name="mode", choices=("a", "b"))
    return x * 2


def _good_flag(question_id: str, correct):
    from course_lib._validate import flag, text

    text(question_id, name="question_id")
    return flag(correct, name="correct")


def _clamps(x):
    from course_lib._validate import real

    real(x, name="x", unit="ng/mL", low=0, high=100, allow_array=False)
    return min(max(x, 0), 100)


def _nameless(x):
    if not isinstance(x, (int, float)) or isinstance(x, bool) or not 0 <= x <= 100:
        raise ValueError("bad value")
    return x


def _nan_for_negative(x):
    from course_lib._validate import real

    x = real(x, name="x", unit="ng/mL")
    return math.sqrt(x) if x >= 0 else math.nan


def _keyerror_on_label(label: str = "a"):
    from course_lib._validate import text

    text(label, name="label")
    return {"a": 1.0}[label]


def test_the_sweep_passes_a_well_behaved_function():
    violations, checked = sweep("demo._good", _good)
    assert violations == []
    assert checked == ["x: number [0.0, 100.0]", "mode: choice ['a', 'b']"]
    violations, checked = sweep("demo._good_flag", _good_flag)  # a required True/False flag is learnt, not guessed
    assert violations == [] and checked == ["question_id: text", "correct: bool"]


@pytest.mark.parametrize(
    "fn,expected",
    [
        (_nameless, "does not name 'x'"),
        (_nan_for_negative, "returned NaN/inf"),
        (_keyerror_on_label, "raised KeyError"),
    ],
    ids=["nameless-error", "nan-result", "keyerror"],
)
def test_the_sweep_catches_a_broken_function(fn, expected):
    try:
        violations, _ = sweep(f"demo.{fn.__name__}", fn)
    except AssertionError as exc:  # no valid call could be found: also a failure the sweep reports
        violations = [str(exc)]
    assert any(expected in v for v in violations), violations


def test_the_sweep_catches_a_silent_clamp():
    base = Baseline(kwargs={"x": 50.0}, domains={"x": Domain(kind="number", low=0, high=100, valid=50.0)}, result=50.0)

    # _clamps validates, so call the judging part directly with a domain it does not enforce:
    def clamps_without_check(x):
        return min(max(float(x), 0.0), 100.0) if isinstance(x, (int, float)) and math.isfinite(x) else _clamps(x)

    original = find_baseline
    globals()["find_baseline"] = lambda q, f: base
    try:
        violations, _ = sweep("demo.clamps", clamps_without_check)
    finally:
        globals()["find_baseline"] = original
    assert any("silently clamped" in v for v in violations), violations


# --------------------------------------------------------------------------- public methods of result objects
#
# The sweep above sees module-level functions only. A result object's public methods
# (SerumState.fraction, PairAlignment.map_position, InterAssayStudy.count, ...) take
# learner input too, so each is swept the same way on an instance that the module's own
# function returns: the public function whose return annotation names the class, called
# with the valid arguments find_baseline learns (the one with the fewest parameters wins).


def public_methods() -> list[tuple[str, str, str]]:
    """``(qualified name, module, class)`` of every public method of a class defined in ``course_lib.models``."""
    import course_lib.models

    found = []
    for info in pkgutil.walk_packages(course_lib.models.__path__, "course_lib.models."):
        mod = importlib.import_module(info.name)
        for cls_name, cls in vars(mod).items():
            if cls_name.startswith("_") or not inspect.isclass(cls) or cls.__module__ != mod.__name__:
                continue
            for meth, value in vars(cls).items():
                if not meth.startswith("_") and inspect.isfunction(value):
                    found.append((f"{mod.__name__}.{cls_name}.{meth}", mod.__name__, cls_name))
    return sorted(found)


METHODS = public_methods()


@functools.cache
def instance_of(module: str, cls_name: str):
    """An instance of ``module.cls_name`` made by the module's own public function that returns one."""
    mod = importlib.import_module(module)
    makers = [
        (len(_params(fn)), name, fn)
        for name, fn in vars(mod).items()
        if inspect.isfunction(fn)
        and fn.__module__ == module
        and not name.startswith("_")
        and fn.__annotations__.get("return") in (cls_name, getattr(mod, cls_name))
    ]
    if not makers:
        raise AssertionError(f"{module}.{cls_name}: no public function returns one (annotate its maker's return type)")
    _, name, fn = min(makers, key=lambda m: m[:2])
    result = find_baseline(f"{module}.{name}", fn).result
    assert isinstance(result, getattr(mod, cls_name)), f"{module}.{name} returned {type(result).__name__}"
    return result


def test_the_method_sweep_finds_the_result_methods():
    names = {q for q, _, _ in METHODS}
    assert {
        "course_lib.models.binding.SerumState.fraction",
        "course_lib.models.sequence.PairAlignment.map_position",
        "course_lib.models.assays.InterAssayStudy.count",
    } <= names


@pytest.mark.parametrize("qual,module,cls_name", METHODS, ids=[q.removeprefix("course_lib.") for q, _, _ in METHODS])
def test_hostile_inputs_to_result_methods_are_refused_clearly(qual, module, cls_name):
    method = getattr(instance_of(module, cls_name), qual.rsplit(".", 1)[1])
    violations, _checked = sweep(qual, method)
    assert violations == [], f"{qual}:\n  " + "\n  ".join(violations)
