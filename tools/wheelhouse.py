"""Download every pinned wheel of requirements.lock into wheelhouse/, for workshops without internet.

    python tools/wheelhouse.py                 (or: make wheelhouse)
    python tools/wheelhouse.py --check         only check an existing wheelhouse/

On the day, with no network, learners (or the workshop machines) install with

    python3.11 -m venv .venv
    .venv/bin/pip install --no-index --find-links wheelhouse -r requirements.lock
    .venv/bin/pip install --no-index --find-links wheelhouse --no-deps -e .

Wheels are platform-specific. By default the wheels are for the machine that
runs this (its operating system, CPU and Python 3.11). For other machines pass
the target, for example ``--platform macosx_11_0_arm64`` or
``--platform win_amd64`` (``make wheelhouse PLATFORM=macosx_11_0_arm64``); pip
then downloads wheels only (no source builds) for CPython 3.11 on that platform.

``make wheelhouse-test`` (tests/test_wheelhouse.py with COURSE_REAL_OFFLINE_INSTALL=1) then checks the
wheelhouse for real: a fresh venv resolves and installs every pin from it with no index, and imports
the course from its non-editable wheel. It is opt-in, not part of ``make test``, because filling the
wheelhouse needs the network.

Only the standard library and pip are needed, so this runs on a fresh clone
before any virtual environment exists. After downloading it checks that every
pin has a matching wheel and prints any that are missing (exit status 1).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
DEST = ROOT / "wheelhouse"
PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;#]+)")


def normalise(name: str) -> str:
    """PEP 503 normalised project name ("Jinja2" -> "jinja2", "jupyter_core" -> "jupyter-core")."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: Path = LOCK) -> dict[str, str]:
    """Every ``name==version`` line of the lock file, as {normalised name: version}."""
    found = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        m = PIN.match(line)
        if m:
            found[normalise(m.group(1))] = m.group(2)
    if not found:
        raise ValueError(f"{lock} has no 'name==version' pins.")
    return found


def wheels(folder: Path) -> dict[str, set[str]]:
    """The wheels in a folder, as {normalised name: {versions}} (from the wheel file names, PEP 427)."""
    found: dict[str, set[str]] = {}
    for path in Path(folder).glob("*.whl"):
        parts = path.name[:-4].split("-")
        if len(parts) >= 5:
            found.setdefault(normalise(parts[0]), set()).add(parts[1])
    return found


def missing(lock: Path = LOCK, folder: Path = DEST) -> list[str]:
    """Pins with no wheel of exactly that version in ``folder`` ("name==version" strings); empty when complete."""
    have = wheels(folder)
    return [
        f"{name}=={version}"
        for name, version in sorted(pins(lock).items())
        if version not in have.get(name, set()) and _local_free(version) not in have.get(name, set())
    ]


def _local_free(version: str) -> str:
    return version.split("+")[0]


def download_command(dest: Path = DEST, lock: Path = LOCK, platform: str | None = None) -> list[str]:
    """The pip command that fills ``dest`` with wheels for every pin (and nothing to build from source)."""
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--disable-pip-version-check",
        "--only-binary=:all:",
        "--no-deps",
        "--dest",
        str(dest),
        "-r",
        str(lock),
    ]
    if platform:
        cmd += ["--platform", platform, "--python-version", "3.11", "--implementation", "cp"]
    return cmd


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, default=DEST)
    parser.add_argument("--lock", type=Path, default=LOCK)
    parser.add_argument(
        "--platform", default=None, help="target platform tag, e.g. macosx_11_0_arm64 (default: this machine)"
    )
    parser.add_argument("--check", action="store_true", help="only check the folder, download nothing")
    args = parser.parse_args(argv)
    if sys.version_info[:2] != (3, 11) and not args.platform and not args.check:
        print(
            f"note: this is Python {sys.version_info[0]}.{sys.version_info[1]}; the course needs 3.11 wheels. "
            "Run with python3.11, or pass --platform.",
            file=sys.stderr,
        )
    if not args.check:
        args.dest.mkdir(parents=True, exist_ok=True)
        # --no-deps: the lock already lists every transitive dependency, pinned.
        subprocess.run(download_command(args.dest, args.lock, args.platform), check=True)
    absent = missing(args.lock, args.dest)
    n = len(pins(args.lock))
    if absent:
        print(f"{len(absent)} of {n} pins have no wheel in {args.dest}: {', '.join(absent)}", file=sys.stderr)
        return 1
    size_mb = sum(p.stat().st_size for p in args.dest.glob("*.whl")) / 1e6
    print(
        f"{args.dest}: a wheel for each of the {n} pins ({size_mb:.0f} MB). Offline install:\n"
        f"  python3.11 -m venv .venv && .venv/bin/pip install --no-index --find-links {args.dest.name} -r requirements.lock"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
