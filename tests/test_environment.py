"""The lock file and environment.yml must describe the same environment."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_pins(text: str | None = None) -> dict[str, str]:
    text = text if text is not None else (ROOT / "requirements.lock").read_text()
    pins = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        assert "==" in line, f"requirements.lock line {line!r} is not an exact pin"
        name, version = line.split("==", 1)
        pins[_norm(name)] = version.strip()
    return pins


def conda_pins(env: dict) -> dict[str, str]:
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            name, _, version = dep.partition("=")
            pins[_norm(name)] = version
        elif isinstance(dep, dict):  # the pip section: exact pins (name==version); "-e ." is the course itself
            for line in dep.get("pip", []):
                if "==" in line:
                    name, _, version = line.partition("==")
                    pins[_norm(name)] = version
    return pins


def drift(lock: dict[str, str], conda: dict[str, str]) -> list[str]:
    problems = []
    for name, version in conda.items():
        if name == "python":
            continue
        if name not in lock:
            problems.append(f"{name} is in environment.yml but not in requirements.lock")
        elif lock[name] != version:
            problems.append(f"{name}: environment.yml has {version}, requirements.lock has {lock[name]}")
    return problems


def direct_dependencies() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        names += extra
    return {_norm(re.split(r"[<>=\[ ;]", n, maxsplit=1)[0]) for n in names}


def test_environment_yml_matches_lock():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert drift(lock_pins(), conda_pins(env)) == []


def test_every_direct_dependency_is_pinned_in_both():
    env = conda_pins(yaml.safe_load((ROOT / "environment.yml").read_text()))
    lock = lock_pins()
    missing = sorted(d for d in direct_dependencies() if d not in env or d not in lock)
    assert missing == []


def test_python_is_311_everywhere():
    env = conda_pins(yaml.safe_load((ROOT / "environment.yml").read_text()))
    assert env["python"] == "3.11"
    assert '">=3.11,<3.12"' in (ROOT / "pyproject.toml").read_text()


def test_drift_is_detected():
    """The check above can fail: a changed pin is reported."""
    lock = lock_pins("numpy==2.4.6\nplotly==7.1.0\n")
    assert drift(lock, {"numpy": "2.4.6", "plotly": "7.0.0"}) == [
        "plotly: environment.yml has 7.0.0, requirements.lock has 7.1.0"
    ]
    assert drift(lock, {"scipy": "1.0"}) == ["scipy is in environment.yml but not in requirements.lock"]
