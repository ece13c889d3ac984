"""End to end: the workshop hub (hub/jupyterhub_config.py) in Chromium, as two learners use it.

The tests run in file order against one hub and share its state, like a workshop does:

1. two learners each follow the nbgitpuller link (log in, the course is cloned), run the
   lifespan notebook and move its explorer;
2. isolation: learner A's edit to the notebook is saved in A's copy only; B neither sees it
   in B's copy nor can open A's server;
3. updates keep edits: after a new commit in the instructor's repository, following the link
   again merges the update into A's copy and keeps A's edit;
4. culling: B leaves; B's idle server (and its kernel) is stopped after the configured timeout,
   while A, still active, keeps running;
5. clean shutdown: SIGTERM to the hub's PID stops everything it started; no process outlives it.
"""

from __future__ import annotations

import json
import time
import uuid

import nbformat
import psutil
import pytest
from chromium_page import wait_until
from hub_learner import ACTIVITY_INTERVAL, ARTIFACTS, CULL_EVERY, CULL_TIMEOUT, Learner, git
from workshop_hub import TARGET, nbgitpuller_link

pytestmark = pytest.mark.browser

NOTEBOOK = "05_lifespan_trajectory.ipynb"
A, B = "ada", "ben"
#: Filled in as the stages pass; a later stage that needs an earlier one says so instead of failing obscurely.
STAGE: dict = {}


def _cell_indices(repo) -> tuple[int, int]:
    nb = nbformat.read(repo / "notebooks" / NOTEBOOK, as_version=4)
    explorer = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "lifespan_explorer(" in c.source]
    exercise = [i for i, c in enumerate(nb.cells) if "exercise" in c.metadata.get("tags", [])]
    assert explorer and exercise, "notebook 05 must hold the lifespan explorer and an exercise cell"
    return explorer[0], exercise[0]


def _need(stage: str) -> None:
    if stage not in STAGE:
        pytest.fail(f"an earlier stage ({stage}) did not pass; this stage depends on it")


def _wait_for(predicate, timeout: float):
    return wait_until(predicate, timeout, interval=0.5)


def _learner_notebook(hub, user: str, name: str = NOTEBOOK) -> str:
    return (hub.state / "home" / user / TARGET / "notebooks" / name).read_text()


@pytest.fixture(scope="module")
def learners(chromium, hub):
    people = {name: Learner(chromium, hub, name, ARTIFACTS) for name in (A, B)}
    yield people
    for person in people.values():
        try:
            person.close()
        except Exception:
            pass


@pytest.fixture(scope="module")
def link(hub, course_repo):
    return nbgitpuller_link(hub.url, str(course_repo), "main", NOTEBOOK)


def test_two_learners_pull_the_course_run_the_lifespan_notebook_and_move_the_explorer(hub, learners, link, course_repo):
    explorer_cell, _ = _cell_indices(course_repo)
    for name in (A, B):
        person = learners[name]
        person.follow_link(link, NOTEBOOK)
        # nbgitpuller cloned the instructor's repository into the learner's own home
        clone = person.home / TARGET
        assert (clone / ".git").is_dir(), f"{name}: no git clone at {clone}"
        assert git(clone, "rev-parse", "HEAD") == git(course_repo, "rev-parse", "HEAD")
        server = hub.server_status(name)
        assert server and server["ready"], f"{name}: the hub reports no running server: {server}"

        person.run_all()
        assert person.problems() == [], f"{name}: cells show errors after Run All"
        if (
            "predict.ask("
            in nbformat.read(course_repo / "notebooks" / NOTEBOOK, as_version=4).cells[explorer_cell].source
        ):
            assert person.commit_prediction(explorer_cell), (
                f"{name}: committing the prediction did not reveal the explorer"
            )
        assert person.wait_for_figure(explorer_cell), f"{name}: the explorer's figure shows empty axes after Run All"
        before, after, seconds = person.move_age(explorer_cell)
        person.screenshot(person.cell(explorer_cell), "explorer-moved")
        assert after["age"] != before["age"], f"{name}: the age slider did not move"
        assert after["summary"] != before["summary"], f"{name}: the explorer's summary did not update"
        assert after["traces"] != before["traces"], f"{name}: the explorer's figure did not redraw"
        person.timings["explorer_redraw_s"] = seconds
        assert not person.console_errors, f"{name}: uncaught page errors: {person.console_errors}"
    STAGE["pulled"] = {n: p.timings for n, p in learners.items()}
    print(f"\nlearner timings: {json.dumps(STAGE['pulled'], indent=1)}")


def test_a_learners_edit_stays_in_their_own_copy(hub, learners, course_repo):
    _need("pulled")
    _, exercise_cell = _cell_indices(course_repo)
    marker = f"# ada's note {uuid.uuid4().hex[:8]}"
    ada, ben = learners[A], learners[B]
    ada.append_to_cell(exercise_cell, marker)
    assert _wait_for(lambda: marker in _learner_notebook(hub, A), 30), "A's edit was not saved to A's copy"
    ada.screenshot(ada.cell(exercise_cell), "edited-exercise")

    # B's copy on disk, B's server's contents API, and B's open notebook: none has A's edit
    assert marker not in _learner_notebook(hub, B)
    served = ben.page.request.get(f"{hub.url}/user/{B}/api/contents/{TARGET}/notebooks/{NOTEBOOK}")
    assert served.ok, f"B's server did not serve B's notebook: {served.status}"
    served_cells = served.json()["content"]["cells"]
    assert "my_sds" in "".join(c["source"] for c in served_cells)  # it is B's copy of the same notebook
    assert marker not in served.text()
    assert "my_sds" in ben.cell_text(exercise_cell) and marker not in ben.cell_text(exercise_cell)

    # B cannot open A's server at all
    other = ben.context.new_page()
    try:
        response = other.goto(f"{hub.url}/user/{A}/api/contents/{TARGET}/notebooks/{NOTEBOOK}")
        assert response.status == 403 or marker not in other.content(), "B could read A's notebook"
        assert response.status == 403, f"B reached A's server (HTTP {response.status})"
    finally:
        other.close()
    STAGE["edited"] = marker


def test_pulling_again_brings_the_update_and_keeps_the_learners_edit(hub, learners, link, course_repo):
    _need("edited")
    marker = STAGE["edited"]
    update = f"Workshop update {uuid.uuid4().hex[:8]}"
    # the instructor commits an update: a new handout and a change to another notebook
    (course_repo / "notebooks" / "workshop_update.md").write_text(f"# {update}\n")
    start_nb = course_repo / "notebooks" / "00_start_here.ipynb"
    nb = nbformat.read(start_nb, as_version=4)
    nb.cells[0].source += f"\n\n{update}"
    nbformat.write(nb, start_nb)
    git(course_repo, "add", "notebooks")
    git(course_repo, "commit", "--quiet", "-m", update)
    new_head = git(course_repo, "rev-parse", "HEAD").strip()

    ada = learners[A]
    ada.follow_link(link, NOTEBOOK)
    clone = ada.home / TARGET
    assert (clone / "notebooks" / "workshop_update.md").read_text().strip() == f"# {update}", "new file not pulled"
    assert update in (clone / "notebooks" / "00_start_here.ipynb").read_text(), "changed notebook not merged"
    assert git(clone, "merge-base", "--is-ancestor", new_head, "HEAD") == "", "A's clone lacks the new commit"
    assert marker in _learner_notebook(hub, A), "A's edit was lost by the pull"
    _, exercise_cell = _cell_indices(course_repo)
    assert _wait_for(lambda: marker in ada.cell_text(exercise_cell), 30), "A's reopened notebook does not show A's edit"
    ada.screenshot(ada.cell(exercise_cell), "after-second-pull")
    # B has not pulled again: B's copy is still the old commit and still has no edit of A's
    assert not (learners[B].home / TARGET / "notebooks" / "workshop_update.md").exists()
    assert marker not in _learner_notebook(hub, B)
    STAGE["updated"] = True


def test_an_idle_learner_server_is_culled_and_an_active_one_is_not(hub, learners, course_repo):
    _need("pulled")
    explorer_cell, _ = _cell_indices(course_repo)
    ben_server = hub.server_status(B)
    assert ben_server and ben_server["ready"], "B's server should still be running before B leaves"
    server_proc = psutil.Process(ben_server["state"]["pid"])
    ben_procs = [server_proc] + server_proc.children(recursive=True)
    assert any("ipykernel" in " ".join(p.cmdline()) for p in ben_procs), "B's kernel is not under B's server"

    learners[B].close()  # B closes the laptop: no more traffic to B's server
    left = time.monotonic()
    ada = learners[A]
    culled_after = None
    limit = CULL_TIMEOUT + CULL_EVERY + 2 * ACTIVITY_INTERVAL + 60  # slack for a loaded 2-core machine
    key = "ArrowRight"
    while time.monotonic() - left < limit:
        if hub.server_status(B) is None:
            culled_after = time.monotonic() - left
            break
        # A keeps working meanwhile
        key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
        ada.move_age(explorer_cell, key=key, presses=1, timeout=10)
        time.sleep(2)
    assert culled_after is not None, f"B's idle server was not culled within {limit} s:\n{hub.log_tail()}"
    # B's last activity can be up to ~2 activity intervals before B left, hence the lower bound
    assert culled_after >= CULL_TIMEOUT - 2 * ACTIVITY_INTERVAL - 5, f"culled too early ({culled_after:.0f} s)"
    assert "Culling server ben" in hub.log_path.read_text()
    assert _wait_for(lambda: not any(p.is_running() and p.status() != psutil.STATUS_ZOMBIE for p in ben_procs), 60), (
        "B's server or kernel outlived the cull"
    )
    assert hub.server_status(A) is not None, "A was active, yet A's server was culled"
    assert (learners[B].home / TARGET / "notebooks" / NOTEBOOK).exists(), "culling must keep B's files"
    STAGE["culled_after_s"] = culled_after
    print(f"\nB culled {culled_after:.1f} s after leaving (timeout {CULL_TIMEOUT} s, checks every {CULL_EVERY} s)")


def test_clean_shutdown_leaves_no_process_behind(hub, learners):
    learners[A].close()
    seen = hub.seen
    commands = list(seen.values())
    # the tracker saw what the hub started, so "no survivors" below means something
    assert any("configurable-http-proxy" in c for c in commands), commands
    assert any("jupyterhub_idle_culler" in c for c in commands), commands
    assert sum("jupyterhub.singleuser" in c for c in commands) >= 2, commands
    assert sum("ipykernel" in c for c in commands) >= 2, commands

    code = hub.stop(timeout=90)
    assert code == 0, f"the hub exited with {code}:\n{hub.log_tail()}"
    assert _wait_for(lambda: hub.survivors() == [], 20), f"processes outlived the hub: {hub.survivors()}"
    # and nothing anywhere on the machine still runs from this hub's state folder
    state = str(hub.state)
    strays = []
    for p in psutil.process_iter(["pid", "cmdline", "cwd", "environ"]):
        info = p.info
        text = " ".join(info.get("cmdline") or []) + " " + (info.get("cwd") or "")
        env = info.get("environ") or {}
        if state in text or env.get("COURSE_HUB_STATE_DIR") == state:
            strays.append(f"{info['pid']}: {text[:200]}")
    assert strays == [], f"processes still tied to the hub's state folder: {strays}"
