"""Mutation check: do the fast tests notice plausible bugs in the models?

Each mutant is one small, plausible bug: a file, an exact snippet of its source and a replacement. For each
mutant this script copies the repository to a temporary folder (without .venv, .git and build output), applies
the replacement there, and runs the FAST test loop in the copy::

    python -m pytest -q -x -p no:cacheprovider -m "not browser and not slow" course_lib tests

with ``PYTHONPATH`` pointing at the copy, so the copy's ``course_lib`` is imported rather than the editable
install of the real tree (checked before each run). A mutant is *killed* when that run fails, *survived*
when it passes. Stored notebook outputs (nbval) are deliberately not part of the loop: the point is that the
unit tests know the right answers on their own (``../shared/reviews/code-audit.md`` section 1.1).

First an unmutated copy runs the whole loop (the control). Tests that fail there (another change in progress,
say) are left out of the mutant runs and listed, so they cannot pass for kills; ``--no-control`` skips it.
The real tree is only read. A snippet that is not found exactly once is an error (exit status 2): a refactor
moved the code, and the mutant must be updated (``tests/test_mutation_check.py`` checks this cheaply).

Usage::

    .venv/bin/python tools/mutation_check.py                 # every mutant, one at a time
    .venv/bin/python tools/mutation_check.py --jobs 2        # two copies at once
    .venv/bin/python tools/mutation_check.py --only M1,M7    # some of them
    .venv/bin/python tools/mutation_check.py --list          # print the mutants and exit
    .venv/bin/python tools/mutation_check.py --only M9 --no-control --targets tests/test_models_sequence.py

Exit status: 0 when every mutant run was killed, 1 when one survived, 2 for a snippet or harness error.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAST_LOOP = [
    "-m",
    "pytest",
    "-q",
    "-x",
    "-p",
    "no:cacheprovider",
    "-m",
    "not browser and not slow",
    "course_lib",
    "tests",
]
#: Not copied: the environment, version control, caches and build output (names anywhere, paths from the root).
_SKIP_NAMES = {
    ".venv",
    ".lockvenv",
    ".git",
    "__pycache__",
    ".hypothesis",
    ".pytest_cache",
    "node_modules",
    ".ipynb_checkpoints",
    "wheelhouse",
    "test-artifacts",
}
_SKIP_PATHS = {"site/_build", "instructor/build", "hub/state", "build"}


@dataclass(frozen=True)
class Mutant:
    id: str
    file: str  # relative to the repository root
    original: str  # exact text, must occur exactly once in the file
    replacement: str
    description: str


M = "course_lib/models/"
MUTANTS: tuple[Mutant, ...] = (
    # -- the audit's 14 (code-audit.md section 1.1), at their new paths ----------------------------------
    Mutant(
        "M1",
        M + "acute_exercise.py",
        '"mean_24h_pct": float(np.trapezoid(x, t) / t[-1])',
        '"mean_24h_pct": float(np.trapezoid(x, t) / len(t))',
        "24-h mean divided by the sample count (14,401), not by 1,440 min",
    ),
    Mutant(
        "M2",
        M + "acute_exercise.py",
        "after = np.exp(-np.maximum(tt - d, 0.0) / tau_d)",
        "after = np.exp(-np.maximum(tt - d, 0.0) / tau_r)",
        "recovery uses the rise time constant",
    ),
    Mutant(
        "M3",
        M + "assays.py",
        "sigma = np.sqrt(np.log1p((cv / 100.0) ** 2))",
        "sigma = cv / 100.0",
        "log-normal sigma = CV instead of sqrt(log1p(CV^2))",
    ),
    Mutant(
        "M4",
        M + "assays.py",
        'out[values < low * scale] = "low"',
        'out[values < low] = "low"',
        "own-reference scale applied to the upper limit only",
    ),
    Mutant(
        "M5",
        M + "confounding.py",
        'ratio_well = by_fifth.loc[1, "risk_well_pct"] / by_fifth.loc[3, "risk_well_pct"]',
        'ratio_well = by_fifth.loc[1, "risk_pct"] / by_fifth.loc[3, "risk_pct"]',
        "risk_ratio_well copy-pasted from risk_ratio_all",
    ),
    Mutant(
        "M6",
        M + "confounding.py",
        "float(result.pvalues[column])",
        "float(result.pvalues[0])",
        "intercept's p-value reported for the slope",
    ),
    Mutant(
        "M7",
        M + "binding.py",
        '"release_binary": _p("koff_binary_per_s") * 60.0',
        '"release_binary": _p("koff_binary_per_s")',
        "binary k_off left per second (missing x60)",
    ),
    Mutant(
        "M8",
        M + "gh_axis.py",
        "(igf - 1.0) / change >= 0.5",
        "(igf - 1.0) / change >= 0.4",
        "half-change threshold 0.4 instead of 0.5",
    ),
    Mutant(
        "M9",
        M + "sequence.py",
        'counts["C"] -= 2 * n',
        'counts["C"] -= n',
        "pI: one cysteine removed per disulfide instead of two",
    ),
    Mutant(
        "M10",
        M + "receptors.py",
        "by_ins = bound_fraction(ins, kd_nM=k_n, competitor_nM=igf1, competitor_kd_nM=k_i)",
        "by_ins = bound_fraction(ins, kd_nM=k_n, competitor_nM=igf1, competitor_kd_nM=k_n)",
        "insulin's competitor Kd set to insulin's own",
    ),
    Mutant(
        "M11",
        M + "signalling.py",
        "(1.0 - i) / (1.0 + f_s6k * m)",
        "(1.0 - i) / (1.0 + f_s6k * a)",
        "IRS feedback driven by Akt instead of S6K",
    ),
    Mutant(
        "M12",
        M + "reference_ranges.py",
        "100.0 * (1.0 - (m1 / m0) ** (1.0 / (end - start)))",
        "100.0 * (1.0 - m1 / m0) / (end - start)",
        "arithmetic instead of geometric annual decline",
    ),
    Mutant(
        "M13",
        M + "binding.py",
        'return (d["binary_igfbp3"] + d["binary_other"]) / total',
        'return d["binary_other"] / total',
        'fraction("binary") drops the IGFBP-3 binary pool',
    ),
    Mutant(
        "M14",
        M + "appraisal.py",
        "max(0.0, (len(hits) - len(false_alarms)) / len(flaws))",
        "max(0.0, len(hits) / len(flaws))",
        "false alarms no longer lower the score",
    ),
    # -- more of the same kinds ---------------------------------------------------------------------------
    Mutant(
        "X1",
        "course_lib/units.py",
        "return x / _igf1_molar_mass() * 1000.0",
        "return x / _igf1_molar_mass() * 100.0",
        "unit conversion: ng/mL -> nmol/L off by a factor of 10",
    ),
    Mutant(
        "X2",
        M + "confounding.py",
        '-strength * (people["age_y"].to_numpy() - mid_age) / 10.0',
        'strength * (people["age_y"].to_numpy() - mid_age) / 10.0',
        "sign: age raises the muscle score instead of lowering it",
    ),
    Mutant(
        "X3",
        M + "assays.py",
        'out[values > high * scale] = "high"',
        'out[values >= high * scale] = "high"',
        "boundary: a value exactly at the 97.5th percentile counted as high (> vs >=)",
    ),
    Mutant(
        "X4",
        M + "lifestyle.py",
        "median = np.asarray(reference_ranges.percentile(ages, sex=sex,",
        'median = np.asarray(reference_ranges.percentile(ages, sex="male",',
        "wrong sex label: women read on the men's curve",
    ),
    Mutant(
        "X5",
        M + "binding.py",
        '"a": f["a"] + c["b3a"] + c["t1"] + c["t2"]',
        '"a": f["a"] + c["b3a"] + c["t1"]',
        "dropped term in a mass balance: ALS in IGF-2 ternary complexes not counted",
    ),
    Mutant(
        "X6",
        M + "reference_ranges.py",
        "high = percentile(age_y, sex=sex, p=97.5, reference=reference)",
        "high = percentile(age_y, sex=sex, p=95.0, reference=reference)",
        "swapped percentile: the interval's upper limit at the 95th, not the 97.5th",
    ),
    Mutant(
        "X7",
        M + "acute_exercise.py",
        'return _p("cappon_baseline_ng_per_mL")',
        'return _p("cappon_peak_ng_per_mL")',
        "wrong default read from the table: baseline = Cappon's peak",
    ),
    Mutant(
        "X8",
        M + "binding.py",
        'ct = np.log(2.0) / (_p("t_half_ternary_intrinsic_h") * _MIN_PER_H)',
        'ct = np.log(2.0) / _p("t_half_ternary_intrinsic_h")',
        "unit: ternary half-life in hours used as minutes",
    ),
    Mutant(
        "X9",
        M + "gh_axis.py",
        'k_g = np.log(2.0) / (_p("gh_half_life_min") / 60.0)',
        'k_g = np.log(2.0) / _p("gh_half_life_min")',
        "unit: GH half-life in minutes used as hours",
    ),
    Mutant(
        "X10",
        M + "lifestyle.py",
        'dx = x - _p("protein_reference_g_per_kg_day")',
        'dx = x - _p("fontana_high_protein_g_per_kg_day")',
        "wrong table row: reference intake 1.67, not 1.2",
    ),
    Mutant(
        "X11",
        M + "receptors.py",
        '"IR-A": (k_ira * _p("ratio_ira_igf1_to_insulin"), k_ira)',
        '"IR-A": (k_ira / _p("ratio_ira_igf1_to_insulin"), k_ira)',
        "ratio inverted: IGF-1 binds IR-A 88x tighter",
    ),
    Mutant(
        "X12",
        M + "sequence.py",
        "- 2.0 * _HYDROGEN_DA * n",
        "- _HYDROGEN_DA * n",
        "mass: one hydrogen lost per disulfide instead of two",
    ),
    Mutant(
        "X13",
        M + "reference_ranges.py",
        "ndtr(sds(value_ng_per_mL, age_y=age_y, sex=sex, reference=reference)) * 100.0",
        "(1.0 - ndtr(sds(value_ng_per_mL, age_y=age_y, sex=sex, reference=reference))) * 100.0",
        "percentile_rank counts the population above, not below",
    ),
    Mutant(
        "X14",
        M + "assays.py",
        "noise = np.exp(sigma * rng.standard_normal(true.shape) - sigma**2 / 2.0)",
        "noise = np.exp(sigma * rng.standard_normal(true.shape))",
        "log-normal error without the -sigma^2/2 term: the mean factor is no longer 1",
    ),
)


def _ignore_from(root: Path):
    def ignore(folder: str, names: list[str]) -> set[str]:
        rel = Path(folder).resolve().relative_to(root.resolve())
        return {n for n in names if n in _SKIP_NAMES or n.endswith(".egg-info") or (rel / n).as_posix() in _SKIP_PATHS}

    return ignore


#: Where the copies come from: the real tree, or (set by main) one snapshot of it taken at the start, so that
#: the control and every mutant see the same files even while someone edits the real tree.
_SOURCE = [ROOT]


def _copy(dest: Path, source: Path | None = None) -> Path:
    target = dest / "repo"
    src = source or _SOURCE[0]
    shutil.copytree(src, target, ignore=_ignore_from(src), symlinks=True)
    return target


def check_snippet(m: Mutant, root: Path = ROOT) -> str:
    """The file's text after checking that ``m.original`` occurs exactly once; raises ValueError otherwise."""
    path = root / m.file
    if not path.is_file():
        raise ValueError(f"{m.id}: {m.file} does not exist (was it renamed?)")
    text = path.read_text(encoding="utf-8")
    n = text.count(m.original)
    if n != 1:
        raise ValueError(
            f"{m.id}: the snippet {m.original!r} occurs {n} times in {m.file}, not once; "
            "a refactor moved it: update the mutant in tools/mutation_check.py"
        )
    if m.original == m.replacement:
        raise ValueError(f"{m.id}: the replacement is the original")
    return text


def _env(copy: Path) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(copy) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("COURSE_DATA_DIR", None)  # the copy's own course_lib/data
    env.pop("PYTEST_ADDOPTS", None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _imports_copy(copy: Path, env: dict) -> str:
    out = subprocess.run(
        [sys.executable, "-c", "import course_lib; print(course_lib.__file__)"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    where = out.stdout.strip()
    if out.returncode != 0 or not Path(where).resolve().is_relative_to(copy.resolve()):
        raise RuntimeError(f"the copy imports course_lib from {where or out.stderr.strip()!r}, not from {copy}")
    return where


def run_one(
    m: Mutant | None, *, timeout: float = 900.0, skip: tuple[str, ...] = (), targets: tuple[str, ...] = ()
) -> dict:
    """Copy the tree, apply ``m`` (None: no mutant, the control run) and run the fast loop in the copy.

    ``skip`` are node ids (deselected) or files (ignored) that already fail without a mutant, so that
    half-finished work elsewhere in the tree does not count as a kill. The control run goes without ``-x``.
    """
    label = m.id if m else "none"
    with tempfile.TemporaryDirectory(prefix=f"mutant-{label}-") as tmp:
        copy = _copy(Path(tmp))
        if m is not None:
            text = check_snippet(m, copy)
            (copy / m.file).write_text(text.replace(m.original, m.replacement, 1), encoding="utf-8")
        env = _env(copy)
        imported = _imports_copy(copy, env)
        start = time.monotonic()
        try:
            loop = [a for a in FAST_LOOP if m is not None or a != "-x"]
            if targets:  # only these tests (node ids or -k style paths), instead of the whole fast loop
                loop = [a for a in loop if a not in ("course_lib", "tests")] + list(targets)
            if m is not None:  # its snippet check fails in every mutated copy by design, so it cannot count as a kill
                loop += ["--ignore", "tests/test_mutation_check.py"]
            for node in skip:
                loop += ["--deselect", node] if "::" in node else ["--ignore", node]
            proc = subprocess.run(
                [sys.executable, *loop], cwd=copy, env=env, capture_output=True, text=True, timeout=timeout
            )
            rc, out = proc.returncode, proc.stdout + proc.stderr
        except subprocess.TimeoutExpired:
            rc, out = -1, "timeout"
        seconds = time.monotonic() - start
    failed = [
        ln.split(" - ")[0].removeprefix("FAILED ").removeprefix("ERROR ")
        for ln in out.splitlines()
        if ln.startswith(("FAILED ", "ERROR "))
    ]
    last = next((ln for ln in reversed(out.splitlines()) if ln.strip()), "")
    # pytest exit codes: 0 passed, 1 tests failed, 2 interrupted (-x stops at the first failure: still 1),
    # others (collection errors, usage) also count as killed but are shown as such.
    status = "survived" if rc == 0 else "killed"
    return {
        "id": label,
        "status": status,
        "rc": rc,
        "seconds": seconds,
        "first_failure": failed[0] if failed else last,
        "failed": failed,
        "imported": imported,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", help="comma-separated mutant ids, e.g. M1,M7,X3")
    ap.add_argument("--jobs", type=int, default=1, help="copies tested at once (default 1)")
    ap.add_argument("--list", action="store_true", help="print the mutants and exit")
    ap.add_argument(
        "--targets",
        nargs="+",
        default=(),
        help="run only these tests (pytest node ids) against each mutant, e.g. to show that the test "
        "written for a mutant kills it on its own",
    )
    ap.add_argument(
        "--no-control",
        action="store_true",
        help="skip the unmutated control run (by default it runs first; tests that fail there are left out)",
    )
    args = ap.parse_args(argv)

    chosen = list(MUTANTS)
    if args.only:
        wanted = [s.strip() for s in args.only.split(",") if s.strip()]
        unknown = sorted(set(wanted) - {m.id for m in MUTANTS})
        if unknown:
            ap.error(f"unknown mutant ids {unknown}; known: {', '.join(m.id for m in MUTANTS)}")
        chosen = [m for m in MUTANTS if m.id in wanted]
    if args.list:
        for m in chosen:
            print(f"{m.id:4} {m.file:36} {m.description}")
        return 0
    problems = []
    for m in chosen:
        try:
            check_snippet(m)
        except ValueError as e:
            problems.append(str(e))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="mutation-snapshot-") as snap:
        _SOURCE[0] = _copy(Path(snap), ROOT)
        try:
            return _run_all(chosen, args)
        finally:
            _SOURCE[0] = ROOT


def _run_all(chosen: list[Mutant], args) -> int:
    for m in chosen:  # the snapshot must still hold every snippet once
        check_snippet(m, _SOURCE[0])
    skip: tuple[str, ...] = ()
    control = None
    if not args.no_control:
        for _ in range(5):  # collection errors stop pytest before it runs anything: ignore those files, rerun
            control = run_one(None, skip=skip)
            broken = tuple(n for n in dict.fromkeys(control["failed"]) if "::" not in n and n not in skip)
            if not broken:
                break
            skip += broken
        print(
            f"control (no mutant): {'passed' if control['status'] == 'survived' else 'FAILED'} in "
            f"{control['seconds']:.0f} s, course_lib imported from {control['imported']}"
        )
        if control["status"] != "survived":
            if not control["failed"]:
                print(f"control run broke without a test failure: {control['first_failure']}", file=sys.stderr)
                return 2
            skip = tuple(dict.fromkeys(skip + tuple(control["failed"])))
        if skip:
            print(f"  {len(skip)} test(s) or file(s) fail without any mutant and are left out of the mutant runs:")
            for node in skip:
                print(f"    {node}")
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda m: run_one(m, skip=skip, targets=tuple(args.targets)), chosen))
    by_id = {m.id: m for m in chosen}
    print(f"{'id':5} {'status':9} {'time':>6}  {'description':60} first failing test")
    for r in results:
        print(
            f"{r['id']:5} {r['status']:9} {r['seconds']:5.0f}s  {by_id[r['id']].description[:60]:60} "
            f"{r['first_failure'][:120]}"
        )
    killed = sum(r["status"] == "killed" for r in results)
    mutant_results = results
    print(f"{killed} of {len(results)} mutants killed")
    return 0 if killed == len(mutant_results) else 1


if __name__ == "__main__":
    sys.exit(main())
