"""Predict, then see: a widget that asks for a prediction and only then reveals the result.

:func:`ask` shows a prediction from ``course_lib/data/predictions/<unit>.yaml``
(:mod:`course_lib.predictions`). The result (an explorer, a figure, a table, a printout) stays hidden
until the learner commits:

* a **choice** prediction commits with one click on a choice;
* a **number** prediction commits with the *Commit* button (or Enter) after typing a number.

The choices then lock, the reply to *that* prediction appears with the explanation, and the result
is built and shown below. With the opt-in progress record on (:mod:`course_lib.progress`), the
prediction is noted.

``reveal`` is either a function of no arguments that builds the result (an explorer is built only
when it is revealed, so a hidden figure never renders at zero size), or a value such as a table or a
string. On a static page (nbconvert, the course site) the same output carries HTML whose replies
need no kernel: picking a choice reveals its reply with CSS, and a value result is revealed with it.
A built-on-demand result needs the live notebook, and the static page says so.
"""

from __future__ import annotations

import html
import warnings

import ipywidgets as widgets
from IPython.display import display

from . import predictions, progress
from ._validate import choice, real, text

__all__ = ["ask", "PredictionWidget", "static_html"]

_REVEAL_NOTE = "Run this notebook in JupyterLab: the result appears here once you commit to a prediction."


def _record(unit: str, prediction_id: str, predicted: str, matched: bool) -> None:
    try:
        progress.record_prediction(unit, prediction_id, predicted=predicted, matched=matched)
    except Exception as exc:  # progress is optional: a problem there must never hide the result
        warnings.warn(
            f"course_lib.progress could not record the prediction {prediction_id!r} "
            f"({type(exc).__name__}: {exc}); the notebook works as usual.",
            RuntimeWarning,
            stacklevel=2,
        )


def _value_html(value, uid: str = "") -> str:
    """The static HTML of a revealed value: its text/html representation, or its text in <pre>.

    A pandas Styler gets a fixed id from ``uid`` (otherwise pandas draws a random one, and two runs of
    the same notebook would store different HTML)."""
    if uid and hasattr(value, "set_uuid") and hasattr(value, "to_html"):
        value = value.set_uuid(uid.replace("-", "_"))
    if isinstance(value, str):  # a printout keeps its lines; a sentence reads as a paragraph
        return f"<pre>{html.escape(value)}</pre>" if "\n" in value.strip() else f"<p>{html.escape(value)}</p>"
    if hasattr(value, "_repr_html_"):
        got = value._repr_html_()
        if got:
            return got
    return f"<pre>{html.escape(str(value))}</pre>"


class PredictionWidget(widgets.VBox):
    """A prediction and, once committed, its reply and the result.

    Tests drive it as a learner would: :attr:`options` (RadioButtons) for a choice prediction, or
    :attr:`entry` (a BoundedFloatText) and :attr:`commit` (a Button) for a number one; they read
    :attr:`reply` (HTML) and :attr:`result` (an Output holding the revealed result).
    """

    def __init__(self, unit: str, prediction: predictions.Prediction, reveal, truth: float | None):
        self.unit = unit
        self.prediction = prediction
        self._reveal = reveal
        self.truth = truth
        self.committed: object = None
        self.prompt = widgets.HTML(f"<b>Predict first.</b> {html.escape(prediction.prompt)}")
        self.reply = widgets.HTML("<i>Commit to a prediction to see the result.</i>")
        self.result = widgets.Output()
        if prediction.kind == "choice":
            self.options = widgets.RadioButtons(
                options=list(prediction.choices), value=None, layout=widgets.Layout(width="auto")
            )
            self.options.observe(self._on_pick, names="value")
            self.options.add_class("course-prediction-input")
            controls: list = [self.options]
        else:
            number = prediction.number
            self.entry = widgets.BoundedFloatText(
                value=number["low"],
                min=number["low"],
                max=number["high"],
                description=f"Your prediction ({number['unit']})",
                style={"description_width": "initial"},
            )
            self.commit = widgets.Button(description="Commit", button_style="primary", tooltip="Commit and reveal")
            self.commit.on_click(self._on_commit)
            self.entry.continuous_update = False
            row = widgets.HBox([self.entry, self.commit])
            row.add_class("course-prediction-input")
            controls = [row]
        super().__init__(
            [self.prompt, *controls, self.reply, self.result],
            layout=widgets.Layout(margin="0 0 12px 0"),
        )
        self.add_class("course-prediction")
        self.result.add_class("course-prediction-result")

    def _show(self, verdict: str, reply: str, matched: bool) -> None:
        colour = "#007A5A" if matched else "#B34700"
        self.reply.value = (
            f"<p><span style='color:{colour}'><b>{html.escape(verdict)}</b></span> {html.escape(reply)}</p>"
            f"<p>{html.escape(self.prediction.explanation)}</p>"
        )
        shown = self._reveal() if callable(self._reveal) else self._reveal
        with self.result:
            display(widgets.HTML(_value_html(shown)) if isinstance(shown, str) else shown)

    def _on_pick(self, _change=None) -> None:
        index = self.options.index
        if index is None or self.committed is not None:
            return
        self.committed = index
        self.options.disabled = True
        verdict, reply = predictions.respond(self.prediction, index)
        matched = index == self.prediction.answer
        self._show(verdict, reply, matched)
        _record(self.unit, self.prediction.id, self.prediction.choices[index], matched)

    def _on_commit(self, _button=None) -> None:
        if self.committed is not None:
            return
        value = float(self.entry.value)
        self.committed = value
        self.entry.disabled = True
        self.commit.disabled = True
        verdict, reply = predictions.respond(self.prediction, value, self.truth)
        matched = verdict.startswith("Close")
        self._show(verdict, reply, matched)
        _record(self.unit, self.prediction.id, f"{value:g} {self.prediction.number['unit']}", matched)

    def __repr__(self) -> str:
        return f"Prediction({self.prediction.id!r})"

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        bundle["text/html"] = static_html(self.prediction, None if callable(self._reveal) else self._reveal, self.truth)
        return bundle


def ask(unit: str, prediction_id: str, reveal, *, truth: float | None = None) -> PredictionWidget:
    """Ask the prediction ``prediction_id`` of ``unit``; reveal ``reveal`` once the learner commits.

    ``reveal`` is a function of no arguments that builds the result, or the result itself (a table, a
    figure, a string). ``truth`` is the model's value, in the prediction's unit, for a number
    prediction (required there, and not allowed for a choice prediction).
    """
    text(unit, name="unit", what="a unit name")
    choice(unit, name="unit", choices=predictions.units())
    p = predictions.get(unit, prediction_id)
    if reveal is None:
        raise TypeError("reveal must be the result to show (or a function that builds it); got None.")
    if p.kind == "number":
        if truth is None:
            raise TypeError(f"truth must be the model's value in {p.number['unit']} for prediction {p.id!r}; got None.")
        truth = float(real(truth, name="truth", unit=p.number["unit"], low=p.number["low"], high=p.number["high"]))
    elif truth is not None:
        raise TypeError(f"truth is only for number predictions; {p.id!r} is a choice prediction.")
    return PredictionWidget(unit, p, reveal, truth)


def static_html(prediction: predictions.Prediction, value=None, truth: float | None = None) -> str:
    """The prediction as HTML whose replies need no kernel or JavaScript.

    A choice prediction uses radio inputs and CSS ``:checked`` (as the quizzes do); a number prediction
    shows the result in a ``<details>`` to open after writing a prediction down. ``value`` (a table or
    text) is revealed with the replies; without it the page says the result needs the live notebook.
    """
    from ._validate import instance

    instance(
        prediction, name="prediction", types=predictions.Prediction, what="a Prediction from predictions.get(unit, id)"
    )
    if prediction.kind == "choice" and truth is not None:
        raise TypeError(f"truth is only for number predictions; {prediction.id!r} is a choice prediction.")
    if truth is not None:
        n = prediction.number
        truth = float(real(truth, name="truth", unit=n["unit"], low=n["low"], high=n["high"]))
    pid = f"cp-{prediction.id}"
    result = _value_html(value, pid) if value is not None else f"<p><i>{_REVEAL_NOTE}</i></p>"
    explanation = f"<p>{html.escape(prediction.explanation)}</p>"
    head = f"<p><b>Predict first.</b> {html.escape(prediction.prompt)}</p>"
    if prediction.kind == "number":
        shown = (
            "" if truth is None else f"<p><b>The result: {truth:.3g} {html.escape(prediction.number['unit'])}.</b></p>"
        )
        return (
            f"<div class='course-prediction' id='{pid}'>{head}"
            f"<details><summary>Written your prediction down? Show the result</summary>"
            f"{shown}{explanation}{result}</details></div>"
        )
    rules = (
        f"#{pid} .cp-fb, #{pid} .cp-result{{display:none}} "
        + " ".join(f"#{pid}-{i}:checked ~ .{pid}-fb{i}{{display:block}}" for i in range(len(prediction.choices)))
        + f" #{pid} input:checked ~ .cp-result{{display:block}}"
    )
    inputs = "".join(
        f"<input type='radio' name='{pid}' id='{pid}-{i}'><label for='{pid}-{i}'>{html.escape(c)}</label><br>"
        for i, c in enumerate(prediction.choices)
    )
    replies = "".join(
        f"<div class='cp-fb {pid}-fb{i}'><b>{html.escape(predictions.respond(prediction, i)[0])}</b> "
        f"{html.escape(prediction.responses[i])}</div>"
        for i in range(len(prediction.choices))
    )
    return (
        f"<div class='course-prediction' id='{pid}'><style>{rules}</style>{head}{inputs}{replies}"
        f"<div class='cp-result'>{explanation}{result}</div></div>"
    )
