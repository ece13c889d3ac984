"""Self-check questions: every stored question is valid, and the widget gives the right feedback."""

import pytest

from course_lib import citations, quiz

ALL = [(u, q) for u in quiz.units() for q in quiz.load_questions(u)]


@pytest.mark.parametrize("unit,question", ALL, ids=[f"{u}:{q.id}" for u, q in ALL])
def test_every_question_is_valid(unit, question):
    assert question.validate(set(citations.keys())) == []


def test_question_ids_are_unique_across_the_course():
    ids = [q.id for _, q in ALL]
    assert len(ids) == len(set(ids))


def test_each_unit_has_at_least_four_questions():
    assert all(len(quiz.load_questions(u)) >= 4 for u in quiz.units())


def test_broken_question_is_reported():
    q = quiz.Question("x1", "Which?", ("a", "a"), 5, "short", "nobody2099")
    problems = q.validate(set(citations.keys()))
    assert any("duplicate choices" in p for p in problems)
    assert any("answer 5 is not an index" in p for p in problems)
    assert any("explanation" in p for p in problems)
    assert any("nobody2099" in p for p in problems)


def test_widget_feedback_right_and_wrong():
    box = quiz.quiz("00_start_here")
    first = box.questions[0]
    right = first.question.answer
    wrong = (right + 1) % len(first.question.choices)
    assert "Pick an answer" in first.feedback.value
    first.options.index = wrong
    assert "Not quite" in first.feedback.value
    assert first.question.feedback[wrong][:30] in first.feedback.value  # the misconception this choice stands for
    assert first.question.explanation[:30] not in first.feedback.value  # not the answer
    first.options.index = right
    assert "Correct" in first.feedback.value and first.question.explanation[:30] in first.feedback.value


def test_static_html_has_every_choice_and_explanation():
    box = quiz.quiz("00_start_here")
    bundle = box._repr_mimebundle_()
    html = bundle["text/html"]
    for w in box.questions:
        assert all(c.replace("'", "&#x27;") in html for c in w.question.choices)
        assert html.count("✔ Correct.") == len(box.questions)
    assert bundle["text/plain"].startswith("Quiz(")
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_quiz_selects_by_id_and_rejects_unknown():
    qs = quiz.load_questions("00_start_here")
    assert [w.question.id for w in quiz.quiz("00_start_here", ids=[qs[1].id]).questions] == [qs[1].id]
    with pytest.raises(ValueError, match="ids must be one of"):
        quiz.quiz("00_start_here", ids=["nope"])
    with pytest.raises(ValueError, match="unit must be one of"):
        quiz.load_questions("99_nothing")


def test_check_answer():
    assert quiz.check_answer(1.0, expected=1.005).ok
    assert not quiz.check_answer(1.2, expected=1.0).ok
    assert not quiz.check_answer(None, expected=1.0).ok
    with pytest.raises(TypeError, match="your answer must be a number"):
        quiz.check_answer("1.0", expected=1.0)


def test_quiz_progress_and_questions_import_each_other_only_at_module_level():
    """No function-level import dodges a cycle: questions <- progress <- quiz, and questions imports neither."""
    import ast
    from pathlib import Path

    import course_lib

    root = Path(course_lib.__file__).parent
    for name in ("quiz", "progress", "questions"):
        tree = ast.parse((root / f"{name}.py").read_text(encoding="utf-8"))
        for fn in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
            for node in ast.walk(fn):
                if isinstance(node, ast.ImportFrom):
                    imported = {node.module or ""} | {a.name for a in node.names}
                    assert not imported & {"quiz", "progress", "questions"}, f"{name}.{fn.name} imports {imported}"
    tree = ast.parse((root / "questions.py").read_text(encoding="utf-8"))
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
    assert not imported & {"ipywidgets", "IPython", "plotly", "quiz", "progress"}, imported


def test_check_answer_is_the_same_function_in_quiz_and_questions():
    from course_lib import questions

    assert quiz.check_answer is questions.check_answer and quiz.Feedback is questions.Feedback


def test_a_question_cites_a_paper_or_says_why_it_cites_none():
    ok = dict(id="x2", prompt="Which?", choices=("a", "b"), answer=0, explanation="x" * 20)
    keys = set(citations.keys())
    assert quiz.Question(**ok, citation_key="", uncited="A property of the course's own widgets.").validate(keys) == []
    both = quiz.Question(**ok, citation_key="holzenberger2003", uncited="A property of the course's own widgets.")
    assert any("both a citation_key" in p for p in both.validate(keys))
    assert any("must say in a sentence" in p for p in quiz.Question(**ok, citation_key="", uncited="no").validate(keys))
    assert any("''" in p for p in quiz.Question(**ok, citation_key="").validate(keys))  # neither: an unknown key
