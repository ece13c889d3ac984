"""How many learners does the workshop hub hold? Measured, then written up for instructors.

For each N in --learners (default 1, 5, 10) a fresh hub (hub/jupyterhub_config.py, through
hub/workshop_hub.py) is started on 127.0.0.1 and N simulated learners use it at once:

1. **server start**: all N servers are requested at the same moment (the workshop's "everyone
   clicks the link at 9:00"); the time from request to "ready" is recorded per learner;
2. **the lifespan notebook**: each learner's server starts a kernel (REST API, through the proxy)
   and every code cell of notebooks/05_lifespan_trajectory.ipynb is executed in order over the
   kernel's websocket, all learners at once, exactly as JupyterLab sends it (the explorer's
   figure widget and its JavaScript bundle travel over the websocket as in a browser);
3. **memory**: proportional set size (PSS: shared pages split between the processes that share
   them, so the sum over processes is what the machine really holds) and RSS of each learner's
   server plus kernel, and of the hub, proxy and culler (the hub overhead);
4. **explorer response while everyone is active**: for --active seconds every learner moves the
   explorer's age slider once a second (a widget ``update`` message, the one the browser sends);
   the time from sending it to the kernel going idle again, its figure and summary updates sent,
   is the response. The browser's redraw adds about 45 ms in Chromium
   (../shared notes; tests/browser measure it), not included here;
5. **The worst moment**: with more than one learner, all but one press "Run All" again at the same
   time while the remaining learner keeps moving the slider once a second; that learner's response is
   the "while the others Run All" column. Memory is read again afterwards (a notebook run twice keeps
   the first run's widgets until they are closed), and the larger figure is used for planning.
6. **CPU**: CPU seconds used by the learners' servers and kernels and by the hub processes
   during the active phase and during the notebook runs.

Then the hub is stopped by PID and the script checks that nothing it started survived.

    python bench/hub_capacity.py                     # N = 1, 5, 10; writes the two files below
    python bench/hub_capacity.py --learners 1 3 --active 10 --no-write   # a quick look

Writes bench/hub_capacity.json (raw measurements) and instructor/hub-capacity.md (the table).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import math
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import nbformat
import psutil
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hub"))
sys.path.insert(0, str(ROOT / "tests" / "hub"))  # the process tracking lives with the hub tests

from hub_processes import TrackedHub as WorkshopHub  # noqa: E402

NOTEBOOK = ROOT / "notebooks" / "05_lifespan_trajectory.ipynb"
JSON_OUT = ROOT / "bench" / "hub_capacity.json"
MD_OUT = ROOT / "instructor" / "hub-capacity.md"
MB = 1024 * 1024

# Planning assumptions for the table (stated in the write-up next to it).
OS_RESERVE_GB = 1.0  # operating system, page cache, the instructor's own session
MEMORY_HEADROOM = 0.75  # plan to fill at most 75 % of what is left
CPU_TARGET = 0.7  # plan to keep the cores at most 70 % busy while everyone is active
EXTRA_NOTEBOOK_SHARE = 0.5  # half the learners keep a second notebook (a second kernel) open


# ------------------------------------------------------------------------------ kernel client
def _decode(message) -> dict:
    """A kernel websocket message (jupyter_server's default JSON protocol; binary when it has buffers)."""
    if isinstance(message, bytes):
        nbufs = int.from_bytes(message[:4], "big")
        offsets = [int.from_bytes(message[4 + 4 * i : 8 + 4 * i], "big") for i in range(nbufs)]
        end = offsets[1] if nbufs > 1 else len(message)
        return json.loads(message[offsets[0] : end].decode())
    return json.loads(message)


class Kernel:
    """One learner's kernel, reached through the hub's proxy like JupyterLab reaches it."""

    def __init__(self, hub: WorkshopHub, user: str):
        self.hub, self.user = hub, user
        self.base = f"{hub.url}/user/{user}/api"
        self.headers = {"Authorization": f"token {hub.monitor_token}"}
        self.session = uuid.uuid4().hex
        self.pending: dict[str, asyncio.Future] = {}
        self.stdout: dict[str, list[str]] = {}
        self.errors: list[str] = []
        self.received_bytes = 0

    async def start(self) -> None:
        client = AsyncHTTPClient()
        r = await client.fetch(
            HTTPRequest(
                f"{self.base}/kernels",
                method="POST",
                headers=self.headers,
                body=json.dumps({"name": "python3"}),
                request_timeout=300,
            )
        )
        self.kernel_id = json.loads(r.body)["id"]
        url = f"{self.base}/kernels/{self.kernel_id}/channels?session_id={self.session}".replace("http", "ws", 1)
        self.ws = await websocket_connect(
            HTTPRequest(url, headers=self.headers, request_timeout=300), max_message_size=64 * MB
        )
        self.reader = asyncio.ensure_future(self._read())
        # kernel_info until the kernel answers (a request sent while it is still starting can be lost)
        for _attempt in range(10):
            try:
                await self.request("kernel_info_request", {}, channel="shell", timeout=30)
                return
            except TimeoutError:
                continue
        raise RuntimeError(f"{self.user}: the kernel never answered kernel_info")

    async def _read(self) -> None:
        while True:
            raw = await self.ws.read_message()
            if raw is None:
                return
            self.received_bytes += len(raw)
            msg = _decode(raw)
            parent = (msg.get("parent_header") or {}).get("msg_id")
            kind = msg["header"]["msg_type"]
            if kind == "stream" and parent in self.stdout:
                self.stdout[parent].append(msg["content"].get("text", ""))
            elif kind == "error":
                self.errors.append(f"{msg['content'].get('ename')}: {msg['content'].get('evalue')}")
            elif kind == "status" and msg["content"].get("execution_state") == "idle" and parent in self.pending:
                fut = self.pending.pop(parent)
                if not fut.done():
                    fut.set_result(time.perf_counter())

    async def request(self, msg_type: str, content: dict, channel: str = "shell", timeout: float = 600) -> float:
        """Send a message; return the seconds until the kernel is idle again after handling it."""
        msg_id = uuid.uuid4().hex
        msg = {
            "header": {
                "msg_id": msg_id,
                "username": self.user,
                "session": self.session,
                "msg_type": msg_type,
                "version": "5.4",
                "date": dt.datetime.now(dt.UTC).isoformat(),
            },
            "parent_header": {},
            "metadata": {},
            "content": content,
            "channel": channel,
            "buffers": [],
        }
        fut = asyncio.get_running_loop().create_future()
        self.pending[msg_id] = fut
        self.stdout[msg_id] = []
        start = time.perf_counter()
        await self.ws.write_message(json.dumps(msg))
        done = await asyncio.wait_for(fut, timeout)
        self.last_stdout = "".join(self.stdout.pop(msg_id, []))
        return done - start

    async def execute(self, code: str, timeout: float = 600) -> float:
        return await self.request(
            "execute_request",
            {
                "code": code,
                "silent": False,
                "store_history": True,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": True,
            },
            timeout=timeout,
        )

    async def close(self) -> None:
        self.ws.close()
        self.reader.cancel()


# ------------------------------------------------------------------------------ measurements
def _mem(procs) -> dict:
    pss = rss = 0
    for p in procs:
        try:
            info = p.memory_full_info()
            pss += info.pss
            rss += info.rss
        except psutil.Error:
            continue
    return {"pss_mb": pss / MB, "rss_mb": rss / MB}


def _cpu(procs) -> float:
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
            total += t.user + t.system + t.children_user + t.children_system
        except psutil.Error:
            continue
    return total


def _learner_procs(hub: WorkshopHub, user: str) -> tuple[list, list]:
    """(server process, kernel processes) of a learner."""
    status = hub.server_status(user)
    server = psutil.Process(status["state"]["pid"])
    return [server], server.children(recursive=True)


def _hub_procs(hub: WorkshopHub, learner_pids: set[int]) -> list:
    return [p for p in hub.processes() if p.pid not in learner_pids]


def _pct(xs, q) -> float:
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * q / 100
    lo, hi = math.floor(k), math.ceil(k)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


async def run_level(n: int, workdir: Path, active_s: float, cells: list[str]) -> dict:
    print(f"\n== {n} learner(s) ==", flush=True)
    load_before = os.getloadavg()
    hub = WorkshopHub(workdir / f"hub-{n}", password=uuid.uuid4().hex, cull_timeout=24 * 3600)
    t = time.perf_counter()
    hub.start(timeout=300)
    hub_start_s = time.perf_counter() - t
    users = [f"learner{i:02d}" for i in range(n)]
    result: dict = {"n": n, "hub_start_s": hub_start_s, "loadavg_before": load_before}
    try:
        idle_overhead = _mem(hub.processes())
        for u in users:
            hub.api("POST", f"/users/{u}")
        # 1. everyone starts at once
        requested = {}
        for u in users:
            requested[u] = time.perf_counter()
            hub.api("POST", f"/users/{u}/server", {})
        ready: dict[str, float] = {}
        while len(ready) < n:
            for u in users:
                if u not in ready:
                    s = hub.server_status(u)
                    if s and s.get("ready"):
                        ready[u] = time.perf_counter() - requested[u]
            if time.perf_counter() - min(requested.values()) > 600:
                raise RuntimeError(f"servers not ready after 600 s: {sorted(set(users) - set(ready))}")
            await asyncio.sleep(0.25)
        print(
            f"servers ready: median {statistics.median(ready.values()):.1f} s, max {max(ready.values()):.1f} s",
            flush=True,
        )
        servers = {u: _learner_procs(hub, u)[0] for u in users}
        server_mem = _mem([p for ps in servers.values() for p in ps])

        # 2. everyone runs the lifespan notebook at once
        kernels = {u: Kernel(hub, u) for u in users}
        t = time.perf_counter()
        await asyncio.gather(*(k.start() for k in kernels.values()))
        kernel_start_s = time.perf_counter() - t
        all_procs = lambda: [p for u in users for p in sum(_learner_procs(hub, u), [])]  # noqa: E731
        cpu0, _hub_cpu0 = _cpu(all_procs()), _cpu(hub.processes())

        async def run_notebook(k: Kernel) -> float:
            start = time.perf_counter()
            for code in cells:
                await k.execute(code)
                if k.errors:
                    raise RuntimeError(f"{k.user}: the notebook raised {k.errors[0]}")
            return time.perf_counter() - start

        t = time.perf_counter()
        run_s = dict(zip(users, await asyncio.gather(*(run_notebook(k) for k in kernels.values()))))
        wall_nb = time.perf_counter() - t
        learner_cpu_nb = _cpu(all_procs()) - cpu0
        print(
            f"notebook run: median {statistics.median(run_s.values()):.1f} s, max {max(run_s.values()):.1f} s "
            f"(wall {wall_nb:.1f} s)",
            flush=True,
        )
        for k in kernels.values():
            await k.execute("print(explorer.controls['age_y'].model_id)")
            k.slider = k.last_stdout.strip()
            assert len(k.slider) == 32, f"{k.user}: no slider model id ({k.last_stdout!r})"

        # 3. memory with everyone's notebook loaded
        per_learner = {}
        for u in users:
            server, kern = _learner_procs(hub, u)
            per_learner[u] = {"server": _mem(server), "kernel": _mem(kern), "total": _mem(server + kern)}
        learner_pids = {p.pid for p in all_procs()}
        overhead = _mem(_hub_procs(hub, learner_pids))

        # 4. everyone moves the explorer once a second
        latencies: list[float] = []
        cpu1, hub_cpu1 = _cpu(all_procs()), _cpu(_hub_procs(hub, learner_pids))
        t_active = time.perf_counter()

        async def learner_active(k: Kernel, rng: random.Random) -> None:
            await asyncio.sleep(rng.uniform(0, 1))
            end = time.perf_counter() + active_s
            age = 30.0
            while time.perf_counter() < end:
                tick = time.perf_counter()
                age = 20.0 + (age + rng.choice([2.5, 5.0, 7.5]) - 20.0) % 50.0
                latencies.append(
                    await k.request(
                        "comm_msg",
                        {
                            "comm_id": k.slider,
                            "data": {"method": "update", "state": {"value": age}, "buffer_paths": []},
                        },
                    )
                )
                await asyncio.sleep(max(0.0, 1.0 - (time.perf_counter() - tick)))

        await asyncio.gather(*(learner_active(k, random.Random(i)) for i, k in enumerate(kernels.values())))
        active_wall = time.perf_counter() - t_active
        learner_cpu_active = _cpu(all_procs()) - cpu1
        hub_cpu_active = _cpu(_hub_procs(hub, learner_pids)) - hub_cpu1

        # 5. the worst moment: everyone else presses Run All again while one learner moves the explorer
        busy: list[float] = []
        busy_wall = 0.0
        if n > 1:
            probe, others = kernels[users[0]], [kernels[u] for u in users[1:]]
            others_done = asyncio.Event()

            async def probe_explorer() -> None:
                age = 30.0
                while not others_done.is_set():
                    tick = time.perf_counter()
                    age = 20.0 + (age + 5.0 - 20.0) % 50.0
                    busy.append(
                        await probe.request(
                            "comm_msg",
                            {
                                "comm_id": probe.slider,
                                "data": {"method": "update", "state": {"value": age}, "buffer_paths": []},
                            },
                        )
                    )
                    await asyncio.sleep(max(0.0, 1.0 - (time.perf_counter() - tick)))

            async def rerun_all() -> None:
                await asyncio.gather(*(run_notebook(k) for k in others))
                others_done.set()

            t = time.perf_counter()
            await asyncio.gather(probe_explorer(), rerun_all())
            busy_wall = time.perf_counter() - t
        # memory again: the other learners have now run the notebook twice (widgets are kept until closed)
        rerun_pss = [_mem(sum(_learner_procs(hub, u), []))["pss_mb"] for u in users[1:]]
        errors = [e for k in kernels.values() for e in k.errors]
        for k in kernels.values():
            await k.close()
        totals = [v["total"]["pss_mb"] for v in per_learner.values()]
        result.update(
            {
                "server_start_s": {
                    "median": statistics.median(ready.values()),
                    "max": max(ready.values()),
                    "each": ready,
                },
                "kernels_start_s": kernel_start_s,
                "notebook_run_s": {
                    "median": statistics.median(run_s.values()),
                    "max": max(run_s.values()),
                    "wall": wall_nb,
                },
                "notebook_cpu_s_per_learner": learner_cpu_nb / n,
                "hub_overhead_idle": idle_overhead,
                "hub_overhead": overhead,
                "servers_only_before_kernels": server_mem,
                "per_learner": per_learner,
                "per_learner_pss_mb": {"mean": statistics.mean(totals), "max": max(totals)},
                "per_learner_server_pss_mb": statistics.mean(v["server"]["pss_mb"] for v in per_learner.values()),
                "per_learner_kernel_pss_mb": statistics.mean(v["kernel"]["pss_mb"] for v in per_learner.values()),
                "per_learner_rss_mb": statistics.mean(v["total"]["rss_mb"] for v in per_learner.values()),
                "total_pss_mb": sum(totals) + overhead["pss_mb"],
                "explorer_ms": {
                    "median": _pct(latencies, 50) * 1000,
                    "p95": _pct(latencies, 95) * 1000,
                    "max": max(latencies) * 1000,
                    "count": len(latencies),
                },
                "explorer_ms_while_others_run_all": (
                    {
                        "median": _pct(busy, 50) * 1000,
                        "p95": _pct(busy, 95) * 1000,
                        "max": max(busy) * 1000,
                        "count": len(busy),
                        "others_run_all_wall_s": busy_wall,
                    }
                    if busy
                    else None
                ),
                "per_learner_pss_mb_after_second_run": (
                    {"mean": statistics.mean(rerun_pss), "max": max(rerun_pss)} if rerun_pss else None
                ),
                "active_s": active_wall,
                "learner_cores_active": learner_cpu_active / active_wall,
                "hub_cores_active": hub_cpu_active / active_wall,
                "cores_per_active_learner": learner_cpu_active / active_wall / n,
                "kernel_errors": errors,
                "loadavg_after": os.getloadavg(),
            }
        )
        e = result["explorer_ms"]
        print(
            f"explorer response: median {e['median']:.0f} ms, p95 {e['p95']:.0f} ms over {e['count']} moves; "
            f"per learner {result['per_learner_pss_mb']['mean']:.0f} MB PSS; hub {overhead['pss_mb']:.0f} MB",
            flush=True,
        )
        if busy:
            b = result["explorer_ms_while_others_run_all"]
            print(
                f"explorer while {n - 1} others Run All: median {b['median']:.0f} ms, p95 {b['p95']:.0f} ms, "
                f"max {b['max']:.0f} ms over {b['count']} moves ({busy_wall:.0f} s)",
                flush=True,
            )
    finally:
        code = hub.stop(timeout=120)
        time.sleep(1)
        result["hub_exit_code"] = code
        result["survivors"] = hub.survivors()
        if result["survivors"]:
            print(f"WARNING: processes outlived the hub: {result['survivors']}", flush=True)
            hub.kill_survivors()
    return result


# ------------------------------------------------------------------------------ the write-up
def plan(results: list[dict]) -> dict:
    """Planning numbers from the measurements (conservative: the largest per-learner figures seen)."""
    per_learner = max(
        [r["per_learner_pss_mb"]["max"] for r in results]
        + [
            r["per_learner_pss_mb_after_second_run"]["max"]
            for r in results
            if r.get("per_learner_pss_mb_after_second_run")
        ]
    )
    kernel = max(r["per_learner_kernel_pss_mb"] for r in results)
    hub = max(r["hub_overhead"]["pss_mb"] for r in results)
    planned = per_learner + EXTRA_NOTEBOOK_SHARE * kernel
    cores = max(r["cores_per_active_learner"] for r in results)
    nb_cpu = max(r["notebook_cpu_s_per_learner"] for r in results)
    return {
        "per_learner_mb": per_learner,
        "kernel_mb": kernel,
        "hub_mb": hub,
        "planned_mb": planned,
        "cores_per_active": cores,
        "notebook_cpu_s": nb_cpu,
    }


def capacity(gb: float, cores: int, p: dict) -> tuple[int, int, str]:
    by_mem = int(((gb - OS_RESERVE_GB) * 1024 * MEMORY_HEADROOM - p["hub_mb"]) // p["planned_mb"])
    by_cpu = int(cores * CPU_TARGET // p["cores_per_active"]) if p["cores_per_active"] > 0 else 10**6
    n = max(0, min(by_mem, by_cpu))
    return n, by_mem, "memory" if by_mem <= by_cpu else "CPU"


def _busy(r: dict) -> str:
    b = r.get("explorer_ms_while_others_run_all")
    return f"{b['median']:.0f} / {b['p95']:.0f}" if b else "–"


def write_markdown(data: dict, path: Path) -> None:
    results, p, m = data["results"], plan(data["results"]), data["machine"]
    rows = []
    for r in results:
        e = r["explorer_ms"]
        rows.append(
            f"| {r['n']} | {r['server_start_s']['median']:.1f} / {r['server_start_s']['max']:.1f} | "
            f"{r['notebook_run_s']['median']:.1f} / {r['notebook_run_s']['max']:.1f} | "
            f"{r['per_learner_pss_mb']['mean']:.0f} ({r['per_learner_server_pss_mb']:.0f} + "
            f"{r['per_learner_kernel_pss_mb']:.0f}) | {r['per_learner_rss_mb']:.0f} | "
            f"{r['hub_overhead']['pss_mb']:.0f} | {r['total_pss_mb'] / 1024:.2f} | "
            f"{e['median']:.0f} / {e['p95']:.0f} | {_busy(r)} | {r['learner_cores_active'] + r['hub_cores_active']:.2f} | "
            f"{r['loadavg_before'][0]:.1f} |"
        )
    measured_max = max(r["n"] for r in results)
    table = []
    for gb, cores in ((4, 2), (8, 2), (8, 4), (16, 4), (32, 8), (64, 16)):
        n, by_mem, limit = capacity(gb, cores, p)
        burst = n * p["notebook_cpu_s"] / cores
        note = "" if n <= measured_max else " (extrapolated)"
        table.append(f"| {gb} GB | {cores} | **about {n}**{note} | {limit} | {burst:.0f} s |")
    text = f"""# Workshop hub capacity: how many learners fit on one server

*Generated by `bench/hub_capacity.py` on {data["date"]} — do not edit by hand; re-run the script on
your own server to replace these numbers with yours. Raw measurements: `bench/hub_capacity.json`.*

## The short answer

With one running notebook per learner, plus a second open notebook for half of them, and the planning
margins listed under the table:

| Server memory | Cores | Holds | Limited by | Everyone presses "Run All" at once: last one waits about |
|---|---|---|---|---|
{chr(10).join(table)}

"Extrapolated" rows go beyond the {measured_max} simultaneous learners that were measured: they scale the
measured per-learner memory and CPU linearly. That holds while each learner's server and kernel are
separate processes and the hub and proxy stay a small share of the load (with {results[-1]["n"]} active
learners they used {results[-1]["hub_cores_active"]:.2f} of a core); check a large row on your own server
before relying on it. When one machine is not enough, Zero to JupyterHub spreads learners over a cluster
(hub/README.md).

**Planning numbers** (largest values measured, PSS): each learner with the lifespan notebook running
holds up to **{p["per_learner_mb"]:.0f} MB** (after one run about {results[-1]["per_learner_server_pss_mb"]:.0f} MB
for the server and {p["kernel_mb"]:.0f} MB for the kernel; running it a second time keeps the first run's
widgets and adds the rest); every further open notebook adds about one kernel, {p["kernel_mb"]:.0f} MB;
the hub, proxy and idle culler together hold **{p["hub_mb"]:.0f} MB**. An active learner (moving a widget
once a second) keeps **{p["cores_per_active"]:.3f}** of a core busy; running the whole lifespan notebook
costs **{p["notebook_cpu_s"]:.1f} CPU seconds** per learner.

## What was measured

Machine: {m["cores"]} cores, {m["memory_gb"]:.1f} GB memory, {m["system"]}, Python {m["python"]}.
This machine was shared with other work while measuring (load average before each run in the last
column; 2.0 means both cores already busy), so times are pessimistic and memory is not affected.

| Learners at once | Server start, median / max (s) | Lifespan notebook run, median / max (s) | Memory per learner, PSS MB (server + kernel) | RSS per learner (MB) | Hub + proxy + culler, PSS MB | Total, GB | Explorer response, all active, median / p95 (ms) | Explorer response while the others Run All, median / p95 (ms) | Cores busy while all active | Load before |
|---|---|---|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

## Method

`bench/hub_capacity.py` starts the workshop hub exactly as `make hub` configures it
(hub/jupyterhub_config.py: shared-password login, SimpleLocalProcessSpawner, configurable-http-proxy,
idle culler) on 127.0.0.1, once for each number of learners, and:

1. **Server start**: requests every learner's server at the same moment through the hub's REST API
   (what happens when the whole room opens the nbgitpuller link at once) and times each until the hub
   reports it ready. The git clone that a real nbgitpuller link adds is not included (it depends on
   the network and the repository's host).
2. **Lifespan notebook**: starts a kernel in each learner's server and executes every code cell of
   `notebooks/05_lifespan_trajectory.ipynb` in order over the kernel's websocket, through the proxy, all
   learners at once: the same messages JupyterLab sends for "Run All", including the explorer's figure
   widget.
3. **Memory**: PSS (proportional set size: a shared library page counts once in the total, split
   between the processes sharing it) of each learner's single-user server and kernel, and of the hub,
   the proxy and the culler, read from /proc with psutil after the notebooks ran. RSS counts shared
   pages in every process and overstates the total; it is shown for comparison.
4. **Explorer response**: for {data["active_s"]:.0f} s every learner moves the explorer's age slider once a
   second (the widget `update` message a browser sends when the slider moves). The response is the time
   from sending it until the kernel has redrawn the figure and summary and reports idle, measured at
   the client through the proxy. The browser's own redraw (about 45 ms per slider step in Chromium on a
   2-core machine, measured for this project's browser tests) happens on the learner's laptop and is
   not included.
5. **The worst moment**: with more than one learner, all but one press "Run All" again at the same
   time while the remaining learner keeps moving the slider once a second; that learner's response is
   the "while the others Run All" column. Memory is read again afterwards (a notebook run twice keeps
   the first run's widgets until they are closed), and the larger figure is used for planning.
6. **CPU**: CPU seconds used by the learners' servers and kernels (and by the hub processes) during the
   active phase, divided by its length: "cores busy". Divided by the number of learners it gives the
   cores per active learner used for the table.
7. **Clean up**: the hub is stopped by PID; the script checks that nothing it started survives
   (survivors in the raw data: {sum(len(r["survivors"]) for r in results)}).

**From measurements to the table.** Learners that fit in memory =
((server GB − {OS_RESERVE_GB:g} GB for the system) × {MEMORY_HEADROOM:.0%} − hub) ÷ (per-learner memory +
{EXTRA_NOTEBOOK_SHARE:.0%} × one kernel for second notebooks). Learners that fit in CPU = cores × {CPU_TARGET:.0%}
÷ cores per active learner. The table gives the smaller of the two. The last column is how long the
last learner waits if everyone presses "Run All" on the lifespan notebook in the same second
(learners × CPU seconds per run ÷ cores, an ideal estimate: on the busy machine measured here, 10
learners on 2 cores took {results[-1]["notebook_run_s"]["max"]:.0f} s). It is a burst, not a steady load;
staggering the start by a minute removes it.

**What the numbers leave out.** Learners who open several notebooks hold one kernel each until they
shut them down (Kernel menu → Shut Down All Kernels, or the idle culler stops the whole server after
the timeout). A single-user server started with SimpleLocalProcessSpawner has no memory limit: a
learner who builds large data can take more than a share; on The Littlest JupyterHub or Zero to
JupyterHub set per-user limits (hub/README.md). Browsers run on the learners' laptops and cost the
server nothing.
"""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, nargs="+", default=[1, 5, 10])
    parser.add_argument("--active", type=float, default=30.0, help="seconds of explorer activity per level")
    parser.add_argument("--no-write", action="store_true", help="print only; do not write the JSON and Markdown")
    parser.add_argument("--from-json", action="store_true", help="rewrite the Markdown from bench/hub_capacity.json")
    args = parser.parse_args(argv)
    if args.from_json:
        write_markdown(json.loads(JSON_OUT.read_text()), MD_OUT)
        print(f"wrote {MD_OUT.relative_to(ROOT)}")
        return
    if any(n < 1 for n in args.learners):
        parser.error(f"--learners must be at least 1, got {args.learners}")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    cells = [c.source for c in nb.cells if c.cell_type == "code"]
    results = []
    with tempfile.TemporaryDirectory(prefix="hub-capacity-") as tmp:
        for n in args.learners:
            results.append(asyncio.run(run_level(n, Path(tmp), args.active, cells)))
    data = {
        "date": dt.date.today().isoformat(),
        "active_s": args.active,
        "results": results,
        "machine": {
            "cores": os.cpu_count(),
            "memory_gb": psutil.virtual_memory().total / 1024**3,
            "system": f"{platform.system()} {platform.machine()}",
            "python": platform.python_version(),
        },
        "notebook": str(NOTEBOOK.relative_to(ROOT)),
        "code_cells": len(cells),
    }
    p = plan(results)
    print("\nplanning numbers:", json.dumps(p, indent=1))
    if not args.no_write:
        JSON_OUT.write_text(json.dumps(data, indent=1, default=float) + "\n")
        write_markdown(data, MD_OUT)
        print(f"wrote {JSON_OUT.relative_to(ROOT)} and {MD_OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
