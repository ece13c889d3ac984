"""Process tracking for the workshop-hub tests and the capacity bench: did the hub stop what it started?

``hub/workshop_hub.py`` is the launcher and knows nothing of this. :class:`TrackedHub` is a
:class:`~workshop_hub.WorkshopHub` that, from the moment the hub starts until it has stopped, records
every process under it every 0.2 s (PID, start time and command line, read with psutil), so a test
can afterwards ask which of them are still alive::

    hub = TrackedHub(tmp_dir, password="...").start()
    ...
    hub.stop()
    assert hub.survivors() == []   # every process the hub ever started is gone
    hub.kill_survivors()           # safety net after a failed test: SIGKILL each one, by PID

psutil is declared in the ``test`` extra (pyproject.toml) for this module.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "hub"))
from workshop_hub import WorkshopHub  # noqa: E402

#: Seconds between two looks at the hub's process tree.
TRACK_EVERY = 0.2


class TrackedHub(WorkshopHub):
    """A :class:`WorkshopHub` that remembers every process it has started (see the module docstring)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._seen: dict[tuple[int, float], str] = {}  # (pid, create_time) -> command line
        self._tracking = threading.Event()
        self._tracker: threading.Thread | None = None

    def start(self, timeout: float = 120.0) -> TrackedHub:
        # The tracker starts first and sees nothing until the hub's process exists, so it catches the
        # proxy and the services while the hub is still starting them.
        self._tracking.set()
        self._tracker = threading.Thread(target=self._track_loop, daemon=True)
        self._tracker.start()
        super().start(timeout)
        return self

    def stop(self, timeout: float = 60.0) -> int | None:
        """As :meth:`WorkshopHub.stop`, with a last look at the process tree just before the SIGTERM."""
        self.track()
        try:
            return super().stop(timeout)
        finally:
            self._tracking.clear()
            if self._tracker is not None:
                self._tracker.join(timeout=5)

    def processes(self) -> list[psutil.Process]:
        """The hub and all its live descendants."""
        if self.proc is None or self.proc.poll() is not None:
            return []
        try:
            hub = psutil.Process(self.proc.pid)
            return [hub] + hub.children(recursive=True)
        except psutil.NoSuchProcess:
            return []

    def track(self) -> None:
        """Remember every process the hub has started so far."""
        for p in self.processes():
            try:
                # Always overwrite: a child seen between fork and exec still shows its parent's command line;
                # exec keeps the PID and start time, so a later look records what it became.
                self._seen[(p.pid, p.create_time())] = " ".join(p.cmdline())[:200]
            except psutil.Error:
                continue

    def _track_loop(self) -> None:
        while self._tracking.is_set():
            self.track()
            time.sleep(TRACK_EVERY)

    @property
    def seen(self) -> dict[tuple[int, float], str]:
        return dict(self._seen)

    def survivors(self) -> list[str]:
        """Every process ever seen under the hub that is still alive (same PID and start time)."""
        alive = []
        for (pid, created), cmd in list(self._seen.items()):
            try:
                p = psutil.Process(pid)
                if p.create_time() == created and p.status() != psutil.STATUS_ZOMBIE:
                    alive.append(f"{pid}: {cmd}")
            except psutil.NoSuchProcess:
                continue
        return alive

    def kill_survivors(self) -> None:
        """Safety net after a failed test: SIGKILL each remembered process still alive, by PID."""
        for pid, created in list(self._seen):
            try:
                p = psutil.Process(pid)
                if p.create_time() == created:
                    p.kill()
            except psutil.Error:
                continue
