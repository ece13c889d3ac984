"""Learner progress: opt-in, atomic, survives restarts and crashes, never blocks a quiz."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from course_lib import progress, questions, quiz

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def store(tmp_path, monkeypatch):
    path = tmp_path / "nested" / "progress.json"
    monkeypatch.setenv(progress.ENV_VAR, str(path))
    return path


def _pick(widget, right: bool):
    answer = widget.question.answer
    widget.options.index = answer if right else (answer + 1) % len(widget.question.choices)


def test_location_default_is_in_home_and_env_overrides(monkeypatch, tmp_path):
    monkeypatch.delenv(progress.ENV_VAR, raising=False)
    assert progress.location() == Path.home() / ".igf1-course" / "progress.json"
    monkeypatch.setenv(progress.ENV_VAR, str(tmp_path / "p.json"))
    assert progress.location() == tmp_path / "p.json"


def test_nothing_is_recorded_without_opting_in(store):
    box = quiz.quiz("00_start_here")
    _pick(box.questions[0], right=True)
    assert "Correct" in box.questions[0].feedback.value
    assert not store.exists() and not store.parent.exists()
    assert progress.record("00_start_here", "start-evidence-rodent", correct=True) is False
    assert progress.load() == {}
    assert "not being recorded" in progress.status()


def test_quiz_picks_are_recorded_after_opting_in(store):
    assert progress.enable() and store.exists()
    box = quiz.quiz("00_start_here")
    first, second = box.questions[0], box.questions[1]
    _pick(first, right=False)
    _pick(first, right=True)
    _pick(second, right=False)
    answers = progress.load()
    assert answers[first.question.id]["attempts"] == 2 and answers[first.question.id]["correct"] is True
    assert answers[second.question.id]["attempts"] == 1 and answers[second.question.id]["correct"] is False
    assert answers[first.question.id]["unit"] == "00_start_here"
    row = progress.summary().loc["00_start_here"]
    assert (row["answered"], row["correct"], bool(row["complete"])) == (2, 1, False)


def test_a_unit_is_complete_when_every_question_was_right_once(store):
    progress.enable()
    box = quiz.quiz("00_start_here")
    for w in box.questions:
        _pick(w, right=False)
    assert not progress.summary().loc["00_start_here", "complete"]
    for w in box.questions:
        _pick(w, right=True)
        _pick(w, right=False)  # a later wrong pick does not undo a right one
    table = progress.summary()
    assert table.loc["00_start_here", "complete"]
    assert table.loc["00_start_here", "correct"] == len(box.questions)
    assert "00_start_here" in progress.status()


def test_progress_survives_a_kernel_restart(store):
    """Two separate Python processes: one records, a fresh one reads."""
    env = {**os.environ, progress.ENV_VAR: str(store)}
    write = (
        "from course_lib import progress; progress.enable(); "
        "progress.record('00_start_here', 'start-total-vs-free', correct=True)"
    )
    read = "from course_lib import progress; print(progress.summary().loc['00_start_here', 'correct'])"
    subprocess.run([sys.executable, "-c", write], check=True, env=env, cwd=ROOT)
    out = subprocess.run([sys.executable, "-c", read], check=True, env=env, cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == "1"


def test_corrupt_file_never_blocks_and_is_set_aside(store):
    store.parent.mkdir(parents=True)
    store.write_text('{"format": "igf1-course-progress", "answers": {"x": ', encoding="utf-8")
    assert progress.is_enabled()
    assert progress.load() == {}
    assert int(progress.summary()["answered"].sum()) == 0
    assert "damaged" in progress.status()
    box = quiz.quiz("00_start_here")
    _pick(box.questions[0], right=True)  # feedback still works, and the answer starts a fresh file
    assert "Correct" in box.questions[0].feedback.value
    assert json.loads(store.read_text())["answers"][box.questions[0].question.id]["correct"] is True
    assert store.with_name("progress.json.corrupt").read_text().startswith('{"format"')


def test_wrong_shape_json_counts_as_corrupt(store):
    store.parent.mkdir(parents=True)
    store.write_text("[1, 2, 3]", encoding="utf-8")
    assert progress.load() == {}
    assert progress.record("00_start_here", "start-total-vs-free", correct=False)
    assert progress.load()["start-total-vs-free"]["attempts"] == 1


def test_unwritable_location_never_blocks(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(progress.ENV_VAR, str(blocker / "progress.json"))
    assert progress.enable() is False
    assert progress.record("00_start_here", "start-total-vs-free", correct=True) is False
    box = quiz.quiz("00_start_here")
    _pick(box.questions[0], right=False)
    assert "Not quite" in box.questions[0].feedback.value


def test_failure_mid_write_leaves_the_old_file_and_no_temp_files(store, monkeypatch):
    progress.enable()
    progress.record("00_start_here", "start-total-vs-free", correct=True)
    before = store.read_bytes()

    def crash(_fd):
        raise OSError("disk yanked")

    monkeypatch.setattr(progress.os, "fsync", crash)
    assert progress.record("00_start_here", "start-reference-interval", correct=True) is False
    assert store.read_bytes() == before
    assert sorted(p.name for p in store.parent.iterdir()) == ["progress.json", "progress.json.lock"]


def test_hook_errors_never_reach_the_learner(store, monkeypatch):
    progress.enable()

    def broken(*_a, **_k):
        raise RuntimeError("bug in progress")

    monkeypatch.setattr(progress, "on_answer", broken)
    box = quiz.quiz("00_start_here")
    with pytest.warns(RuntimeWarning, match=r"could not record .*RuntimeError: bug in progress"):
        _pick(box.questions[0], right=True)
    assert "Correct" in box.questions[0].feedback.value


def test_the_hook_is_told_the_unit_of_the_quiz(store, monkeypatch):
    calls = []
    monkeypatch.setattr(
        progress, "on_answer", lambda unit, question, correct: calls.append((unit, question.id, correct))
    )
    box = quiz.quiz("03_binding_proteins")
    _pick(box.questions[1], right=False)
    assert calls == [("03_binding_proteins", box.questions[1].question.id, False)]


def test_on_answer_refuses_a_question_of_another_unit(store):
    other = questions.load_questions("01_structure")[0]
    with pytest.raises(ValueError, match="question must be a question of unit '00_start_here'"):
        progress.on_answer("00_start_here", other, True)
    with pytest.raises(ValueError, match="unit must be one of"):
        progress.on_answer("99_nothing", other, True)


WRITER = """
import sys
from course_lib import progress
progress.enable()
print("ready", flush=True)
i = 0
while True:
    progress.record("00_start_here", "start-total-vs-free", correct=i % 2 == 0)
    i += 1
"""


def test_killed_mid_write_the_file_is_always_whole(store):
    """Kill a process that writes in a tight loop, several times: the file must always parse."""
    env = {**os.environ, progress.ENV_VAR: str(store)}
    attempts_seen = []
    for delay in (0.05, 0.13, 0.29, 0.41):
        proc = subprocess.Popen([sys.executable, "-c", WRITER], env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        state = json.loads(store.read_text(encoding="utf-8"))  # raises if a write was torn
        attempts_seen.append(state["answers"]["start-total-vs-free"]["attempts"])
    assert attempts_seen == sorted(attempts_seen) and attempts_seen[-1] > attempts_seen[0]
    leftovers = [p.name for p in store.parent.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) <= 4  # at most one orphan per kill; the live file is never one of them
    assert progress.summary().loc["00_start_here", "answered"] == 1


def test_erase_deletes_everything_and_opts_out(store):
    progress.enable()
    progress.record("00_start_here", "start-total-vs-free", correct=True)
    store.with_name("progress.json.corrupt").write_text("old")
    assert progress.erase()
    assert not store.exists() and not store.with_name("progress.json.corrupt").exists()
    assert not progress.is_enabled()
    assert progress.record("00_start_here", "start-total-vs-free", correct=True) is False


def test_enable_keeps_existing_progress(store):
    progress.enable()
    progress.record("00_start_here", "start-total-vs-free", correct=True)
    progress.enable()
    assert progress.load()["start-total-vs-free"]["correct"] is True


def test_bad_input_names_the_parameter(store):
    with pytest.raises(TypeError, match="unit must be a unit name"):
        progress.record(5, "start-total-vs-free", correct=True)
    with pytest.raises(ValueError, match="question_id must be a question id"):
        progress.record("00_start_here", " ", correct=True)


def test_status_shows_the_default_location_as_typed(monkeypatch, tmp_path):
    monkeypatch.delenv(progress.ENV_VAR, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))  # a home folder of its own: hermetic even where a learner opted in
    monkeypatch.delenv("USERPROFILE", raising=False)
    assert progress.location() == tmp_path / ".igf1-course" / "progress.json"
    assert not progress.is_enabled()
    assert progress.DEFAULT_LOCATION in progress.status()


@pytest.mark.parametrize("before", [None, "mine.json"])
def test_the_module_doctest_leaves_the_environment_as_it_was(monkeypatch, tmp_path, before):
    import doctest

    if before is None:
        monkeypatch.delenv(progress.ENV_VAR, raising=False)
    else:
        monkeypatch.setenv(progress.ENV_VAR, str(tmp_path / before))
    failures, _ = doctest.testmod(progress, verbose=False)
    assert failures == 0
    assert os.environ.get(progress.ENV_VAR) == (None if before is None else str(tmp_path / before))
