"""`make instructor`: solutions for every exercise, learner and instructor versions consistent, notes and schedules sound."""

import copy
import re
import subprocess
from pathlib import Path

import nbformat
import pytest

from course_lib import predictions, quiz
from tools import live_coding
from tools import make_instructor as mi

ROOT = Path(__file__).resolve().parent.parent
UNITS = mi.units()


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    out = tmp_path_factory.mktemp("kit") / "build"
    built = mi.build(out)
    return out, built


def _strip_flag(nb):
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        cell.get("metadata", {}).get("jupyter", {}).pop("source_hidden", None)
        if cell.get("metadata", {}).get("jupyter") == {}:
            del cell.metadata["jupyter"]
    return nb


def test_every_unit_notebook_is_a_unit_with_notes():
    """Units are the numbered notebooks (notebooks/NN_topic.ipynb), numbered 00, 01, ... without gaps."""
    numbered = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9]*.ipynb"))
    assert numbered, "no numbered notebooks found"
    assert UNITS == numbered
    assert [u[:2] for u in UNITS] == [f"{i:02d}" for i in range(len(UNITS))]
    for unit in UNITS:
        assert (ROOT / "instructor" / "units" / f"{unit}.md").is_file()


@pytest.mark.parametrize("unit", UNITS)
def test_every_exercise_has_a_hidden_solution(unit):
    nb = nbformat.read(ROOT / "notebooks" / f"{unit}.ipynb", as_version=4)
    assert mi.exercise_problems(nb) == []
    assert len(mi.exercises(nb)) >= 1, "every unit has at least one exercise"


@pytest.mark.parametrize("unit", UNITS)
def test_learner_and_instructor_versions_differ_only_in_showing_solutions(kit, unit):
    out, _ = kit
    learner = nbformat.read(ROOT / "notebooks" / f"{unit}.ipynb", as_version=4)
    teacher = nbformat.read(out / "notebooks" / f"{unit}.ipynb", as_version=4)
    assert len(learner.cells) == len(teacher.cells)
    for a, b in zip(learner.cells, teacher.cells):
        if "solution" in mi.tags(a):
            assert a.metadata["jupyter"]["source_hidden"] is True
            assert b.metadata["jupyter"]["source_hidden"] is False
        else:
            assert a.get("metadata", {}).get("jupyter") == b.get("metadata", {}).get("jupyter")
    assert _strip_flag(learner) == _strip_flag(teacher)


def test_exercise_problems_are_caught():
    ok = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = None"), nbformat.v4.new_code_cell("x = 1")])
    ok.cells[0].metadata["tags"] = ["exercise"]
    ok.cells[1].metadata.update(tags=["solution", "nbval-ignore-output"], jupyter={"source_hidden": True})
    assert mi.exercise_problems(ok) == []
    broken = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("a = None"),  # exercise without solution
            nbformat.v4.new_markdown_cell("text"),
            nbformat.v4.new_code_cell("b = 1"),  # solution after no exercise, and shown
        ]
    )
    broken.cells[0].metadata["tags"] = ["exercise"]
    broken.cells[2].metadata["tags"] = ["solution"]
    found = "\n".join(mi.exercise_problems(broken))
    for expected in ("exercise without a solution", "does not follow an exercise", "not hidden"):
        assert expected in found


@pytest.mark.parametrize("unit", [u for u in UNITS if u in quiz.units()])
def test_answer_key_covers_every_question_and_marks_the_right_choice(kit, unit):
    out, _ = kit
    page = (out / f"{unit}.md").read_text(encoding="utf-8")
    for q in quiz.load_questions(unit):
        block = page.split(f"(`{q.id}`)", 1)[1].split("*Why:*", 1)[0]
        marked = re.findall(r"\*\*✔ (.+?)\*\* \(answer\)", block)
        assert marked == [q.choices[q.answer]]
        assert q.explanation in page


@pytest.mark.parametrize("unit", [u for u in UNITS if u in predictions.units()])
def test_prediction_key_covers_every_prediction_with_its_result(kit, unit):
    out, _ = kit
    page = (out / f"{unit}.md").read_text(encoding="utf-8")
    for p in predictions.load_predictions(unit):
        block = page.split(f"(`{p.id}`)", 1)[1].split("*Explanation shown to everyone:*", 1)[0]
        if p.kind == "choice":
            assert re.findall(r"\*\*✔ (.+?)\*\* \(what the result shows\)", block) == [p.choices[p.answer]]
            assert all(r in block for r in p.responses)
        else:
            assert all(r in block for r in p.number_responses.values())
        assert p.explanation in page


@pytest.mark.parametrize("unit", UNITS)
def test_unit_page_has_objectives_notes_and_every_exercise_solution(kit, unit):
    out, _ = kit
    nb = nbformat.read(ROOT / "notebooks" / f"{unit}.ipynb", as_version=4)
    page = (out / f"{unit}.md").read_text(encoding="utf-8")
    objectives = mi.objectives(nb)
    assert objectives and all(o in page for o in objectives)
    for section in mi.REQUIRED_SECTIONS:
        assert section in page
    for ex in mi.exercises(nb):
        assert ex.solution in page


@pytest.mark.parametrize("unit", UNITS)
def test_notes_timing_adds_up_and_matches_the_notebook(unit):
    nb = nbformat.read(ROOT / "notebooks" / f"{unit}.ipynb", as_version=4)
    assert mi.notes_problems(unit, nb) == []


def test_bad_notes_are_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(mi, "NOTES", tmp_path)
    (tmp_path / "05_x.md").write_text("# x\n\n**Timing:** 30 min teaching + 20 min exercises = 60 min\n")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("**Time:** about 45 minutes.")])
    found = "\n".join(mi.notes_problems("05_x", nb))
    assert "30 + 20 != 60" in found and "the notebook says about 45 min" in found and "Teaching notes" in found
    assert "no instructor notes" in "\n".join(mi.notes_problems("06_missing", nb))


def _tables(markdown: str) -> dict[str, list[tuple[str, int]]]:
    """Schedule tables under each '## ' heading: [(activity, minutes)], the 'Total' row last."""
    tables = {}
    for section in re.split(r"^## ", markdown, flags=re.M)[1:]:
        title = section.splitlines()[0].strip()
        rows = re.findall(r"^\|\s*([^|]+?)\s*\|\s*(\d+)\s*\|\s*([^|]*?)\s*\|$", section, flags=re.M)
        tables[title] = [(f"{block} {activity}", int(minutes)) for block, minutes, activity in rows]
    return tables


def _workshop_minutes(unit: str) -> int:
    return live_coding.workshop_minutes(
        unit, mi.stated_minutes(nbformat.read(ROOT / "notebooks" / f"{unit}.ipynb", as_version=4))
    )


def test_schedules_add_up_and_cover_the_units():
    tables = _tables((ROOT / "instructor" / "schedules.md").read_text(encoding="utf-8"))
    assert set(tables) == {"90-minute taster", "Half-day (4 hours)", "Two-day workshop"}
    for title, rows in tables.items():
        *blocks, total = rows
        assert total[0].startswith("Total"), title
        assert sum(m for _, m in blocks) == total[1], title
        hours = re.search(r"\((\d+(?:\.\d+)?) hours\)", title)
        if hours:  # a title that states hours states the table's total
            assert float(hours.group(1)) * 60 == total[1], title
    assert tables["90-minute taster"][-1][1] == 90
    two_day = " ".join(activity for activity, _ in tables["Two-day workshop"])
    assert all(f"nit {unit[:2]}" in two_day for unit in UNITS)  # every unit has its slot in the two-day workshop
    # a block that runs one whole unit gets its workshop time (about 1.5x the self-paced time, see live_coding)
    for title in ("Half-day (4 hours)", "Two-day workshop"):
        for activity, minutes in tables[title]:
            m = re.search(r"Unit (\d\d)", activity)
            if m and "section" not in activity and "," not in activity.split(":")[0]:
                unit = next(u for u in UNITS if u.startswith(m.group(1)))
                assert minutes == _workshop_minutes(unit), (title, activity)


def test_workshop_time_includes_discussion():
    for unit in UNITS:
        stated = mi.stated_minutes(nbformat.read(ROOT / "notebooks" / f"{unit}.ipynb", as_version=4))
        assert _workshop_minutes(unit) >= 1.5 * stated, unit
    assert 100 <= _workshop_minutes("06_methodology") <= 120


def test_taster_quiz_ids_exist_and_need_only_units_00_and_05():
    text = (ROOT / "instructor" / "schedules.md").read_text(encoding="utf-8")
    ids = re.findall(r'"(cap-[a-z0-9-]+)"', text)
    assert len(ids) == 5
    known = {q.id for q in quiz.load_questions("07_capstone")}
    assert set(ids) <= known


def _learner(unit):
    return nbformat.read(ROOT / "notebooks" / f"{unit}.ipynb", as_version=4)


@pytest.mark.parametrize("unit", UNITS)
def test_skeleton_blanks_only_type_along_cells_and_keeps_the_rest(kit, unit):
    out, _ = kit
    learner = _learner(unit)
    skel = nbformat.read(out / "skeletons" / f"{unit}.ipynb", as_version=4)
    first_code = next(i for i, c in enumerate(learner.cells) if c.cell_type == "code")
    roles = [live_coding.cell_role(c, i, first_code) for i, c in enumerate(learner.cells)]
    kept = [c for c in skel.cells if not c.source.startswith("**Pair or pod task.**")]
    assert len(kept) == len(learner.cells)  # nothing dropped, nothing reordered
    for role, mine, theirs in zip(roles, learner.cells, kept, strict=True):
        if role == "type-along":
            assert theirs.source == live_coding.TYPE_ALONG_NOTE
        else:
            assert theirs.source == mine.source
        if theirs.cell_type == "code":
            assert theirs.outputs == []
    assert "type-along" not in roles or live_coding.TYPE_ALONG_NOTE in [c.source for c in kept]


@pytest.mark.parametrize("unit", UNITS)
def test_script_has_every_type_along_cell_and_every_pause_with_rising_checkpoints(kit, unit):
    out, _ = kit
    learner = _learner(unit)
    text = (out / "scripts" / f"{unit}.md").read_text(encoding="utf-8")
    first_code = next(i for i, c in enumerate(learner.cells) if c.cell_type == "code")
    for i, c in enumerate(learner.cells):
        role = live_coding.cell_role(c, i, first_code)
        if role == "type-along":
            assert c.source.strip() in text, (unit, i)
        if role in ("predict", "quiz", "exercise"):
            assert f"(cell {i})" in text, (unit, i, role)
    marks = live_coding.checkpoints(learner, _workshop_minutes(unit))
    minutes = [m for m, _ in marks]
    assert minutes == sorted(minutes) and minutes[-1] == _workshop_minutes(unit)
    page = (out / f"{unit}.md").read_text(encoding="utf-8")
    for m, title in marks:
        assert f"By minute {m}: finished “{title}”" in page


def test_checkpoints_follow_the_notebook():
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# T"),
            nbformat.v4.new_code_cell("import x"),
            nbformat.v4.new_markdown_cell("## A\n" + "word " * 300),
            nbformat.v4.new_markdown_cell("## B\nshort"),
            nbformat.v4.new_code_cell("print(1)"),
        ]
    )
    marks = live_coding.checkpoints(nb, 60)
    assert [t for _, t in marks] == ["Opening", "A", "B"] and marks[-1][0] == 60
    assert marks[1][0] - marks[0][0] > marks[2][0] - marks[1][0]  # the long section gets more minutes
    skel = live_coding.skeleton(nb)
    assert skel.cells[1].source == "import x" and skel.cells[-1].source == live_coding.TYPE_ALONG_NOTE


def test_setup_checklist_covers_every_route():
    text = (ROOT / "instructor" / "setup-checklist.md").read_text(encoding="utf-8")
    for needle in (
        "hub/user-redirect/git-pull?repo=",
        "environment.yml",
        "make wheelhouse",
        "--no-index --find-links wheelhouse",
        "make app",
        "Binder",
    ):
        assert needle in text


def test_make_instructor_runs_the_tool(tmp_path):
    dry = subprocess.run(["make", "-n", "instructor"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "tools/make_instructor.py" in dry
    done = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "tools/make_instructor.py", "--out", str(tmp_path / "k")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.stem for p in (tmp_path / "k" / "notebooks").glob("*.ipynb")) == UNITS


def test_workshop_documents_are_in_the_kit(kit):
    out, _ = kit
    for name in mi.DOCUMENTS:
        assert (out / name).is_file(), name
    for name in ("byop/worksheet.md", "byop/papers.md", "skeletons", "scripts"):
        assert (out / name).exists(), name
    index = (out / "index.md").read_text(encoding="utf-8")
    for name in (*mi.DOCUMENTS[3:], "byop/worksheet.md", "byop/papers.md"):
        assert f"({name})" in index, name


def test_health_question_guide_has_the_four_parts():
    text = (ROOT / "instructor" / "facilitation-health-questions.md").read_text(encoding="utf-8").lower()
    for needle in ("acknowledge", "clinician", "which assay", "against which reference", "what evidence", "never does"):
        assert needle in text, needle
    for needle in ("310 ng/ml", "analogue", "protein intake"):
        assert needle in text, needle


def test_byop_papers_are_real_course_references_at_several_levels():
    from course_lib import citations, data

    papers = mi.byop_papers()
    assert 6 <= len(papers) <= 8
    assert {p["key"] for p in papers} <= set(citations.keys())
    assert all(p["level"] in data.EVIDENCE_LEVELS for p in papers)
    assert len({p["level"] for p in papers}) >= 5
    assert len({p["key"] for p in papers}) == len(papers)


def test_byop_worksheet_follows_the_appraisal_checklist(kit):
    from course_lib.models import appraisal

    out, _ = kit
    sheet = (out / "byop" / "worksheet.md").read_text(encoding="utf-8")
    for item in appraisal.checklist().values():
        assert f"| {item.label} | {item.question} |" in sheet
