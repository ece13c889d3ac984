"""Build the instructor kit: per-unit notes with answer keys, and notebooks with solutions shown.

    python tools/make_instructor.py [--out instructor/build]     (or: make instructor)

Learners' notebooks (``notebooks/``) keep every exercise's solution in the next
cell, tagged ``solution`` and collapsed (``metadata.jupyter.source_hidden``).
This script writes, into ``instructor/build/`` (not committed; rebuild any time):

* ``notebooks/NN_topic.ipynb``: the **instructor version** of each notebook,
  identical to the learner's except that solution cells are shown;
* ``NN_topic.md``: the unit's **instructor notes**. The hand-written parts
  (timing, teaching notes, discussion prompts with model answers, common
  misconceptions) come from ``instructor/units/NN_topic.md``; the rest is
  generated so it cannot drift from the course: the learning objectives and the
  stated time (from the notebook), the **answer key** of every self-check question
  (from ``course_lib/data/questions/NN_topic.yaml``) and every **exercise** with its
  solution code and stored output (from the notebook);
* ``README.md``, ``schedules.md`` and ``setup-checklist.md`` (copied from ``instructor/``).

Nothing is executed; outputs are the ones stored in the notebooks.
"""

from __future__ import annotations

import argparse
import copy
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from course_lib import citations, data, predictions, quiz  # noqa: E402
from course_lib import exercises as course_exercises  # noqa: E402
from course_lib.models import appraisal  # noqa: E402
from tools import live_coding, things_to_try  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"
NOTES = ROOT / "instructor" / "units"
DEFAULT_OUT = ROOT / "instructor" / "build"
UNIT_NAME = re.compile(r"^\d\d_[a-z0-9_]+$")
TIMING = re.compile(r"\*\*Timing:\*\*\s*(\d+)\s*min teaching\s*\+\s*(\d+)\s*min exercises\s*=\s*(\d+)\s*min")
TIME_LINE = re.compile(r"\*\*Time:\*\*\s*about\s*(\d+)\s*min")
REQUIRED_SECTIONS = ("## Teaching notes", "## Discussion prompts", "## Common misconceptions")


def units() -> list[str]:
    """Units that have a notebook, in order (``00_start_here``, ...)."""
    return sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb") if UNIT_NAME.match(p.stem))


def tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def instructor_version(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy with every solution cell shown; nothing else changes."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if "solution" in tags(cell):
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = False
    return nb


def exercise_problems(nb: nbformat.NotebookNode) -> list[str]:
    """Every exercise must be followed by a solution; every solution must follow an exercise and be hidden."""
    problems = []
    for i, cell in enumerate(nb.cells):
        t = tags(cell)
        if "exercise" in t and (i + 1 >= len(nb.cells) or "solution" not in tags(nb.cells[i + 1])):
            problems.append(f"cell {i}: exercise without a solution in the next cell")
        if "solution" in t:
            if i == 0 or "exercise" not in tags(nb.cells[i - 1]):
                problems.append(f"cell {i}: solution that does not follow an exercise")
            if not cell.get("metadata", {}).get("jupyter", {}).get("source_hidden"):
                problems.append(f"cell {i}: solution not hidden in the learner's notebook")
            if cell.cell_type != "code" or not cell.source.strip():
                problems.append(f"cell {i}: solution is not a non-empty code cell")
            if cell.get("outputs"):
                problems.append(
                    f"cell {i}: solution has stored outputs (they would show the answer); run make notebooks"
                )
            if "nbval-ignore-output" not in t:
                problems.append(f"cell {i}: solution lacks the nbval-ignore-output tag (its output is not stored)")
    return problems


def objectives(nb: nbformat.NotebookNode) -> list[str]:
    """The numbered learning objectives stated in the notebook."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and re.search(r"learning objectives", cell.source, re.I):
            after = re.split(r"learning objectives", cell.source, flags=re.I, maxsplit=1)[1]
            found = re.findall(r"^\s*\d+\.\s+(.+)$", after, flags=re.M)
            if found:
                return found
    return []


def stated_minutes(nb: nbformat.NotebookNode) -> int | None:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = TIME_LINE.search(cell.source)
            if m:
                return int(m.group(1))
    return None


@dataclass
class Exercise:
    prompt: str
    stub: str
    solution: str
    output: str


def exercises(nb: nbformat.NotebookNode) -> list[Exercise]:
    found = []
    for i, cell in enumerate(nb.cells):
        if "exercise" in tags(cell) and i + 1 < len(nb.cells):
            prompt = _prompt_before(nb.cells[:i])
            sol = nb.cells[i + 1]
            found.append(Exercise(prompt=prompt, stub=cell.source, solution=sol.source, output=_text_outputs(sol)))
    return found


EXERCISE_CALL = re.compile(r"exercises\.check(?:_function)?\(\s*[\"']([0-9]{2}-[\w-]+)[\"']")


def exercise_ids(source: str) -> list[str]:
    """The exercise ids an exercise cell checks (``exercises.check("03-free-igf1", ...)``)."""
    return EXERCISE_CALL.findall(source)


def _prompt_before(cells, limit: int = 4) -> str:
    """The exercise's statement: the markdown cells before it, back to the nearest heading (at most ``limit`` cells)."""
    found = []
    for cell in reversed(cells[-limit:]):
        if cell.cell_type == "markdown":
            found.insert(0, cell.source)
            if cell.source.lstrip().startswith("#"):
                break
    return "\n\n".join(found)


def _text_outputs(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stdout":
            parts.append("".join(out.get("text", "")))
        elif "text/plain" in out.get("data", {}):
            parts.append("".join(out["data"]["text/plain"]) + "\n")
    return "".join(parts).rstrip()


def answer_key(unit: str) -> str:
    """Markdown: every question of the unit with its choices, the right one marked, and the explanation."""
    if unit not in quiz.units():
        return "_This unit has no self-check questions._\n"
    lines = []
    for n, q in enumerate(quiz.load_questions(unit), start=1):
        lines.append(f"**Q{n}** (`{q.id}`). {q.prompt}\n")
        for i, c in enumerate(q.choices):
            mark = "**✔ " + c + "** (answer)" if i == q.answer else c
            lines.append(f"- ({chr(ord('a') + i)}) {mark}")
        source = citations.short(q.citation_key) if q.citation_key else f"none cited ({q.uncited})"
        lines.append(f"\n*Why:* {q.explanation} *Source:* {source}.\n")
    return "\n".join(lines) + "\n"


def prediction_key(unit: str) -> str:
    """Markdown: every prediction of the unit, what the result bears out, and the reply to each choice."""
    if unit not in predictions.units():
        return "_This unit has no predictions._\n"
    lines = []
    for n, p in enumerate(predictions.load_predictions(unit), start=1):
        lines.append(f"**P{n}** (`{p.id}`). {p.prompt}\n")
        if p.kind == "choice":
            for i, c in enumerate(p.choices):
                mark = f"**✔ {c}** (what the result shows)" if i == p.answer else c
                lines.append(f"- ({chr(ord('a') + i)}) {mark}: _reply:_ {p.responses[i]}")
        else:
            n_ = p.number
            lines.append(
                f"- A number in {n_['unit']} ({n_['low']:g} to {n_['high']:g}); within {p.tolerance:.0%} of the "
                "notebook's computed value counts as close (the value is printed in the learner's reply)."
            )
            for key in ("low", "close", "high"):
                lines.append(f"- _{key}:_ {p.number_responses[key]}")
        lines.append(f"\n*Explanation shown to everyone:* {p.explanation}\n")
    return "\n".join(lines) + "\n"


def things_to_try_key(unit: str) -> str:
    """Markdown: every "Things to try" prompt of the unit with its answer, computed by ``tools/things_to_try.py``."""
    found = things_to_try.answers(unit)
    if not found:
        return "_This unit has no 'things to try' prompts._\n"
    return "\n".join(f"- {prompt}\n  _Answer:_ {answer}" for prompt, answer in found) + "\n"


def read_notes(unit: str) -> str:
    path = NOTES / f"{unit}.md"
    if not path.is_file():
        raise FileNotFoundError(f"no instructor notes for {unit}: write instructor/units/{unit}.md")
    return path.read_text(encoding="utf-8")


def notes_problems(unit: str, nb: nbformat.NotebookNode) -> list[str]:
    """What is wrong with a unit's hand-written notes (missing sections, timing that does not add up)."""
    problems = []
    try:
        text = read_notes(unit)
    except FileNotFoundError as err:
        return [str(err)]
    m = TIMING.search(text)
    if not m:
        problems.append(f"{unit}: no '**Timing:** N min teaching + M min exercises = T min' line")
    else:
        teach, ex, total = map(int, m.groups())
        if teach + ex != total:
            problems.append(f"{unit}: timing {teach} + {ex} != {total}")
        stated = stated_minutes(nb)
        if stated is not None and stated != total:
            problems.append(f"{unit}: notes say {total} min, the notebook says about {stated} min")
    for section in REQUIRED_SECTIONS:
        if section not in text:
            problems.append(f"{unit}: notes lack a '{section}' section")
    return problems


def unit_page(unit: str, nb: nbformat.NotebookNode) -> str:
    notes = read_notes(unit).rstrip()
    title, _, body = notes.partition("\n")
    parts = [
        title,
        "",
        "_Generated by `make instructor` from the notebook, its questions and these notes; "
        "do not edit this file, edit `instructor/units/" + unit + ".md`._",
        "",
    ]
    obj = objectives(nb)
    parts += ["## Learning objectives (from the notebook)", ""]
    parts += [f"{i}. {o}" for i, o in enumerate(obj, start=1)] or ["_The notebook states none._"]
    stated = stated_minutes(nb) or 0
    minutes = live_coding.workshop_minutes(unit, stated)
    parts += ["", f"## Checkpoints for a {minutes}-minute workshop session", ""]
    parts += [
        f"_Self-paced time {stated} min; in a workshop, with discussion, {minutes} min. Live-coding script: "
        f"[scripts/{unit}.md](scripts/{unit}.md); learners' skeleton: `skeletons/{unit}.ipynb`._",
        "",
    ]
    parts += [f"- By minute {m}: finished “{title}”" for m, title in live_coding.checkpoints(nb, minutes)]
    parts += ["", body.strip(), "", "## Answer key: predictions", "", prediction_key(unit)]
    parts += ["## Answer key: things to try", "", things_to_try_key(unit)]
    parts += ["## Answer key: self-check questions", "", answer_key(unit)]
    parts += ["## Answer key: exercises", ""]
    exs = exercises(nb)
    if not exs:
        parts.append("_This unit has no exercise._")
    for k, ex in enumerate(exs, start=1):
        parts += [
            f"### Exercise {k}",
            "",
            "> " + ex.prompt.replace("\n", "\n> "),
            "",
            "Learner's cell:",
            "",
            "```python",
            ex.stub,
            "```",
            "",
            "Solution (shown in the instructor notebook):",
            "",
            "```python",
            ex.solution,
            "```",
            "",
        ]
        answers = [course_exercises.answer(i) for i in exercise_ids(ex.stub)]
        if answers:
            parts += ["Expected (from `course_lib.exercises`):", ""] + [f"- {a}" for a in answers] + [""]
    return "\n".join(parts).rstrip() + "\n"


#: Hand-written workshop documents copied into the kit as they are.
DOCUMENTS = (
    "README.md",
    "schedules.md",
    "setup-checklist.md",
    "facilitation-health-questions.md",
    "troubleshooting.md",
    "workshop/pre-survey.md",
    "workshop/post-survey.md",
    "workshop/minute-cards.md",
    "workshop/code-of-conduct.md",
    "workshop/helper-briefing.md",
    "byop/rubric.md",
)
PAPERS = ROOT / "instructor" / "byop" / "papers.yaml"


def byop_papers() -> list[dict]:
    """The curated papers for the bring-your-own-paper block (instructor/byop/papers.yaml)."""
    return yaml.safe_load(PAPERS.read_text(encoding="utf-8"))


def byop_pages() -> dict[str, str]:
    """The worksheet (from unit 06's appraisal checklist, so it cannot drift) and the paper list with full references."""
    items = appraisal.checklist().values()
    sheet = [
        "# Bring-your-own-paper worksheet",
        "",
        "_Generated by `make instructor` from unit 06's appraisal checklist "
        "(`course_lib/data/appraisal_cases.yaml`); the rubric is in `rubric.md`._",
        "",
        "Paper (authors, year, journal): ______________________________",
        "",
        "1. **Design and evidence level.** What was done, to whom? Which evidence label of the course fits "
        f"({', '.join(data.EVIDENCE_LEVELS)})?",
        "2. **The claim.** One sentence: what does the abstract or the headline say the paper shows?",
        "3. **The checklist** (unit 06). For each item: does the pitfall apply? Quote the sentence or number that shows it.",
        "",
        "| Checklist item | The question to ask | Applies? (yes / no / can't tell) | Evidence from the paper |",
        "|---|---|---|---|",
    ]
    sheet += [f"| {it.label} | {it.question} | | |" for it in items]
    sheet += [
        "",
        "4. **Size and uncertainty.** The effect, its confidence interval, and how it compares with person-to-person or "
        "test-retest variation (units 05 and 06).",
        "5. **What would settle it?** The study design that would test the claim directly.",
        "6. **Your conclusion,** for whom and how strongly. No advice: no curve is a target.",
        "",
    ]
    papers = [
        "# Papers for the bring-your-own-paper block",
        "",
        "_Generated by `make instructor` from `instructor/byop/papers.yaml`; every reference is from the course "
        "bibliography. Give each group one paper, or let groups bring their own._",
        "",
        "| Evidence level | Paper | Why this one |",
        "|---|---|---|",
    ]
    papers += [f"| {p['level']} | {citations.cite(p['key'])} | {p['why']} |" for p in byop_papers()]
    return {"byop/worksheet.md": "\n".join(sheet), "byop/papers.md": "\n".join(papers) + "\n"}


def build(out: Path = DEFAULT_OUT) -> list[str]:
    """Write the kit into ``out`` (wiped first). Raises ValueError listing every problem found."""
    found = units()
    problems = []
    books = {}
    for unit in found:
        nb = nbformat.read(NOTEBOOKS / f"{unit}.ipynb", as_version=4)
        books[unit] = nb
        problems += [f"{unit}: {p}" for p in exercise_problems(nb)]
        problems += notes_problems(unit, nb)
    if problems:
        raise ValueError("instructor kit not built:\n  " + "\n  ".join(problems))
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    for folder in ("notebooks", "skeletons", "scripts"):
        (out / folder).mkdir(parents=True)
    for unit, nb in books.items():
        nbformat.write(instructor_version(nb), out / "notebooks" / f"{unit}.ipynb")
        nbformat.write(live_coding.skeleton(nb), out / "skeletons" / f"{unit}.ipynb")
        minutes = live_coding.workshop_minutes(unit, stated_minutes(nb) or 0)
        (out / "scripts" / f"{unit}.md").write_text(live_coding.script(unit, nb, minutes), encoding="utf-8")
        (out / f"{unit}.md").write_text(unit_page(unit, nb), encoding="utf-8")
    for name in DOCUMENTS:
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / "instructor" / name, out / name)
    for name, text in byop_pages().items():
        (out / name).write_text(text, encoding="utf-8")
    index = ["# Instructor kit (generated)", "", "Rebuild with `make instructor`. Units:", ""]
    index += [
        f"* [{u}]({u}.md) · [instructor notebook](notebooks/{u}.ipynb) · [live-coding script](scripts/{u}.md) · "
        f"[learners' skeleton](skeletons/{u}.ipynb)"
        for u in found
    ]
    index += [
        "",
        "Also: [schedules](schedules.md) · [workshop setup checklist](setup-checklist.md) · "
        "[about this kit](README.md)",
        "",
        "Running the day: [personal-health questions](facilitation-health-questions.md) · "
        "[troubleshooting](troubleshooting.md) · [code of conduct](workshop/code-of-conduct.md) · "
        "[helper briefing](workshop/helper-briefing.md) · [pre-workshop survey](workshop/pre-survey.md) · "
        "[post-workshop survey](workshop/post-survey.md) · [minute cards](workshop/minute-cards.md)",
        "",
        "Bring-your-own-paper: [worksheet](byop/worksheet.md) · [papers](byop/papers.md) · [rubric](byop/rubric.md)",
        "",
    ]
    (out / "index.md").write_text("\n".join(index), encoding="utf-8")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    try:
        built = build(args.out)
    except ValueError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"Instructor kit for {len(built)} units in {args.out}: open {args.out / 'index.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
