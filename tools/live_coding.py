"""Live-coding materials generated from the learner notebooks, so they cannot drift from them.

``make instructor`` (tools/make_instructor.py) calls :func:`skeleton`, :func:`script` and
:func:`checkpoints` for every unit:

* **Skeleton notebook** (``skeletons/NN_topic.ipynb``): the learner notebook with its *type-along*
  cells blanked. A type-along cell is a short computation or printout that the instructor types live
  and the learners type with them: every code cell except the first (imports and set-up), the
  predictions, quizzes, exercises and their solutions, widget cells and the reference list, which
  stay as they are. Each blank holds a comment saying what to type along, and every section starts
  with its pair or pod task. Outputs are cleared.
* **Instructor script** (``scripts/NN_topic.md``): per section, the minute mark, what the instructor
  types (the code of each type-along cell), what the learners do, where to pause for a prediction, a
  quiz, an exercise or a "things to try" prompt, and the section's pod task.
* **Checkpoints**: minute marks for the workshop time of the unit (see :func:`workshop_minutes`),
  spread over the sections in proportion to their reading, code and checks.

Nothing is executed.
"""

from __future__ import annotations

import copy
import math
import re
from dataclasses import dataclass, field

import nbformat

#: Workshop time is self-paced time plus discussion: about 1.5 times the notebook's stated time,
#: rounded up to 5 minutes. Unit 06's appraisal cases need about 30 minutes on their own, so it gets 105.
WORKSHOP_FACTOR = 1.5
WORKSHOP_OVERRIDES = {"06": 105}

CHECK = re.compile(r"\bpredict\.ask\(|\bquiz\.quiz\(")
PREDICT = re.compile(r"\bpredict\.ask\(")
QUIZ = re.compile(r"\bquiz\.quiz\(")
WIDGET = re.compile(r"\bwidgets\.\w+\(|\bFigureWidget\b|\binteract\(")
REFERENCES = re.compile(r"\bcitations\.bibliography\(")
TRY = re.compile(r"things to try", re.IGNORECASE)
WORDS_PER_MINUTE = 150
TYPE_ALONG_NOTE = "# Type along: the instructor types this cell live; type it with them, then run it."


def _tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def cell_role(cell, index: int, first_code: int) -> str:
    """What a cell is for in a live session: markdown, setup, predict, quiz, exercise, solution, widget,
    references or type-along."""
    if cell.cell_type != "code":
        return "markdown"
    tags = _tags(cell)
    if "solution" in tags:
        return "solution"
    if "exercise" in tags:
        return "exercise"
    if index == first_code:
        return "setup"
    if PREDICT.search(cell.source):
        return "predict"
    if QUIZ.search(cell.source):
        return "quiz"
    if REFERENCES.search(cell.source):
        return "references"
    if WIDGET.search(cell.source):
        return "widget"
    return "type-along"


@dataclass
class Section:
    title: str
    cells: list[tuple[int, str, object]] = field(default_factory=list)  # (index, role, cell)

    @property
    def weight(self) -> float:
        words = sum(len(c.source.split()) for _, role, c in self.cells if role == "markdown")
        code = sum(1 for _, role, _ in self.cells if role == "type-along")
        checks = sum(1 for _, role, _ in self.cells if role in ("predict", "quiz", "exercise", "widget"))
        tries = sum(1 for _, role, c in self.cells if role == "markdown" and TRY.search(c.source))
        return words / WORDS_PER_MINUTE + 1.5 * code + 3.0 * checks + 3.0 * tries + 0.5

    def roles(self) -> list[str]:
        return [role for _, role, _ in self.cells]


def sections(nb) -> list[Section]:
    """The notebook split at its ``## `` headings (the part before the first is "Opening")."""
    first_code = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"), -1)
    out = [Section("Opening")]
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            m = re.match(r"^##\s+(.+)$", cell.source.strip().splitlines()[0]) if cell.source.strip() else None
            if m:
                out.append(Section(m.group(1).strip()))
        out[-1].cells.append((i, cell_role(cell, i, first_code), cell))
    return [s for s in out if s.cells]


def workshop_minutes(unit: str, stated: int) -> int:
    """Workshop minutes for a unit: its stated (self-paced) time x 1.5, rounded up to 5, unless overridden."""
    if unit[:2] in WORKSHOP_OVERRIDES:
        return WORKSHOP_OVERRIDES[unit[:2]]
    return int(math.ceil(stated * WORKSHOP_FACTOR / 5.0) * 5)


def checkpoints(nb, minutes: int) -> list[tuple[int, str]]:
    """[(minute mark at the END of the section, section title)], the last mark equal to ``minutes``."""
    secs = sections(nb)
    total = sum(s.weight for s in secs)
    marks, done = [], 0.0
    for s in secs:
        done += s.weight
        marks.append((int(round(minutes * done / total)), s.title))
    marks[-1] = (minutes, marks[-1][1])
    return marks


def pod_task(section: Section) -> str:
    """The pair or pod task for a section, from what the section asks learners to do ("" for a reading-only section)."""
    roles = section.roles()
    tasks = []
    if "predict" in roles:
        tasks.append(
            "Pairs: each person commits to the prediction silently, then the pair compares reasons before anyone "
            "reads the reply; afterwards, each says what the result changed in their reasoning."
        )
    if "widget" in roles or any(TRY.search(c.source) for _, r, c in section.cells if r == "markdown"):
        tasks.append(
            "Pods of three or four: split the explorer's controls between you, move one each, and report to the pod "
            "in one sentence what your control does to the curve and to the text under it."
        )
    if "exercise" in roles:
        tasks.append(
            "Pair programming: one types, one reads the hint aloud only after a 'Not yet'; swap roles at the next "
            "exercise. Nobody opens the solution before the pair has had a 'Not yet' and tried again."
        )
    if "quiz" in roles:
        tasks.append(
            "Pairs answer the questions separately, then explain their choices to each other before checking; "
            "where they disagree, they read the feedback for both choices."
        )
    if "type-along" in roles and not tasks:
        tasks.append(
            "Pairs: before the instructor runs each type-along cell, the pair writes down what it will print; "
            "then compare with the output."
        )
    return " ".join(tasks)


def skeleton(nb) -> nbformat.NotebookNode:
    """The learner notebook with type-along cells blanked, a pod task per section and no stored outputs."""
    out = copy.deepcopy(nb)
    cells = []
    for sec in sections(out):
        for k, (_, role, cell) in enumerate(sec.cells):
            if cell.cell_type == "code":
                cell.outputs = []
                cell.execution_count = None
                if role == "type-along":
                    cell.source = TYPE_ALONG_NOTE
            cells.append(cell)
            if k == 0 and sec.title != "Opening" and pod_task(sec):
                cells.append(nbformat.v4.new_markdown_cell(f"**Pair or pod task.** {pod_task(sec)}"))
    out.cells = cells
    out.metadata["course_live_coding"] = {"kind": "skeleton", "generated_by": "make instructor"}
    return out


def _first_line(text: str, limit: int = 160) -> str:
    line = " ".join(text.strip().split())
    return line if len(line) <= limit else line[: limit - 1].rsplit(" ", 1)[0] + "…"


def script(unit: str, nb, minutes: int) -> str:
    """Markdown: the instructor's script for a live session of ``minutes`` minutes."""
    marks = dict((title, m) for m, title in checkpoints(nb, minutes))
    lines = [
        f"# Live-coding script: {unit}",
        "",
        f"_Generated by `make instructor` from `notebooks/{unit}.ipynb`; do not edit. Workshop time {minutes} min "
        "(self-paced time plus discussion). Learners open `skeletons/" + unit + ".ipynb`._",
        "",
        "Legend: **You type** is what the instructor types live (learners type along); **Learners do** is what the "
        "room does meanwhile; **Pause** marks a moment to stop talking and let everyone commit or try.",
        "",
    ]
    start = 0
    for sec in sections(nb):
        end = marks[sec.title]
        lines += [
            f"## Minutes {start}–{end}: {sec.title}",
            "",
            f"**Checkpoint:** by minute {end} the room should have finished “{sec.title}”.",
            "",
        ]
        for index, role, cell in sec.cells:
            if role == "type-along":
                lines += [f"**You type** (cell {index}):", "", "```python", cell.source.strip(), "```", ""]
                lines += ["**Learners do:** type it with you and run it; ask one learner to read the output aloud.", ""]
            elif role == "predict":
                lines += [
                    f"**Pause: prediction** (cell {index}). Everyone commits before anyone speaks. Take a show of hands per "
                    "choice, then let them run it. The answer key lists what the result bears out.",
                    "",
                ]
            elif role == "quiz":
                lines += [
                    f"**Pause: self-check** (cell {index}). Two minutes in silence, then discuss the most-picked wrong choice.",
                    "",
                ]
            elif role == "exercise":
                lines += [
                    f"**Pause: exercise** (cell {index}). Learners work in pairs; circulate; give hint 1, then hint 2, never the solution.",
                    "",
                ]
            elif role == "widget":
                lines += [f"**Learners do** (cell {index}): explore the widget in pods (task below).", ""]
            elif role == "markdown" and TRY.search(cell.source):
                lines += [f"**Pause: things to try** (cell {index}): {_first_line(cell.source)}", ""]
        task = pod_task(sec)
        if task:
            lines += [f"**Pair or pod task:** {task}", ""]
        else:
            lines += [
                "**Learners do:** read the section; green sticky note up when done, red for a question you take "
                "before moving on.",
                "",
            ]
        start = end
    return "\n".join(lines).rstrip() + "\n"
