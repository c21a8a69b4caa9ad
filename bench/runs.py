"""The browser side of the benchmark: the floor and the checker, loaded cold in turn, in one run."""

import gzip
import hashlib
import json
import statistics
from pathlib import Path

from bench import records
from bench.pages import Load, check_in_page, check_via_ui, file_for, find_usable_selector, instant_verdict
from bench.servers import floor_root, serve

VERDICT_ROWS = (23, 500)


def median(values):
    values = [v for v in values if v is not None]
    return round(statistics.median(values), 1) if values else None


FLOORS = ("floor", "floor-main")  # loadPyodide() in a worker, and on the page's main thread


class Target:
    """A page to load cold: a floor, or a build of the checker (the site, or a lever's variant). instant: the
    checker as an instant user meets it (see _instant_verdict), on localhost only."""

    def __init__(self, name: str, root: Path, base: str, path: str, is_floor: bool = False, ui: bool = False,
                 instant: bool = False):
        self.name, self.root, self.base, self.path, self.is_floor, self.ui = name, root, base, path, is_floor, ui
        self.instant = instant
        self.loads: list[dict] = []
        self.requests: list[dict] = []
        self.selector = None

    def load(self, browser) -> None:
        """One round: a first visit (empty cache) and a repeat visit in the same context, on localhost and
        then on the throttled network; the local first visit also times the verdicts."""
        row = {}
        for throttled in (False,) if self.instant else (False, True):
            prefix = "throttled_" if throttled else ""
            load = Load(browser, None if self.is_floor else self.selector, throttled=throttled,
                        watch_verdict=self.instant)
            try:
                for visit in ("first", "repeat"):
                    load.goto(self.base + self.path)
                    row.update({f"{prefix}{visit}_{k}": v for k, v in self._visit(load).items()})
                    if visit == "first" and not throttled and not self.instant:
                        if not self.is_floor:
                            row.update(_verdicts(load.page, self.ui))
                        if not self.requests:
                            load.page.wait_for_load_state("networkidle")
                            self.requests = load.requests()
                    if visit == "first" and not self.is_floor:
                        load.wait_offline_copy()
            finally:
                load.close()
        self.loads.append(row)

    def _visit(self, load) -> dict:
        if self.instant:
            return {"verdict_ms": instant_verdict(load)}
        if self.is_floor:
            load.wait("window.__floorReady")
            return {"ready_ms": load.page.evaluate("window.__floorReady")}
        load.wait("window.__bench.ready || window.__bench.error")
        marks = load.marks()
        if "error" in marks:
            raise RuntimeError(f"{self.name}: rules failed to load: {marks['error']}")
        if self.selector is not None:
            load.wait("window.__bench.usable")
            marks = load.marks()
        return {"ready_ms": marks["ready"], "usable_ms": marks.get("usable"), "compiled_ms": marks.get("stage_compiled"),
                "start": marks.get("start")}

    def summary(self) -> dict:
        out = {"runs": len(self.loads)}
        for key in self.loads[0]:
            if key.endswith("_ms"):
                out[key] = median(load[key] for load in self.loads)
                out[key + "_all"] = [None if load[key] is None else round(load[key]) for load in self.loads]
        for key in [k for k in self.loads[0] if k.endswith("start")]:
            out[key] = sorted({load[key] for load in self.loads if load[key]})
        answers = {json.dumps(load.get("answers"), sort_keys=True) for load in self.loads}
        out["answers_identical_across_loads"] = len(answers) == 1
        out["answers"] = self.loads[0].get("answers")
        out["verdict_via"] = self.loads[0].get("verdict_via")
        if not self.is_floor:
            out["usable_selector"] = self.selector
        out["bytes"] = page_bytes(self.requests, self.base, self.root)
        out["timeline"] = _timeline(self.requests)
        return out


def _verdicts(page, ui: bool) -> dict:
    """Right after ready: RulesClient.check on the whole raw record of each size (the first is the
    first check after ready); its answer is kept to compare the variants. Then, with `ui`, the
    checker's own check button for each size, when the page has one."""
    out, answers = {}, {}
    for rows in VERDICT_ROWS:
        timed = check_in_page(page, json.dumps({"record": records.record_text(rows)}, ensure_ascii=False))
        response = json.loads(timed["response"])
        out[f"raw_check_{rows}_ms"] = timed["ms"]
        answers[rows] = response.get("error") or _essence(response)
    out["answers"] = answers
    for rows in VERDICT_ROWS:
        out[f"verdict_{rows}_ms"] = check_via_ui(page, records.record_text(rows)) if ui else out[f"raw_check_{rows}_ms"]
    out["verdict_via"] = "ui" if ui else "RulesClient.check"
    return out


def _essence(response: dict) -> dict:
    """The whole answer's digest (identical answers across runtimes), plus its headline for people."""
    return {
        "sha256": hashlib.sha256(json.dumps(response, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16],
        "leave_hours": response.get("leave_hours"),
        "bundles": {b["id"]: b["leave"]["status"] for b in response.get("bundles", [])},
        "reward": response.get("reward", {}).get("status"),
    }


def page_bytes(requests: list[dict], base: str, root: Path) -> dict:
    """Bytes of the files a cold load fetched: as sent (CDP body size), raw file size and gzip -9."""
    total = {"requests": 0, "transferred": 0, "raw": 0, "gzip": 0, "pyodide_raw": 0,
             "service_worker_requests": 0, "service_worker_transferred": 0, "service_worker_raw": 0,
             "service_worker_pyodide_raw": 0}
    for request in requests:
        path = file_for(request["url"], base, root)
        if path is None or not path.is_file():
            continue
        size = path.stat().st_size
        pyodide = "/pyodide/" in request["url"]
        if request["service_worker"]:
            total["service_worker_requests"] += 1
            total["service_worker_transferred"] += max(request["bytes"], 0)
            total["service_worker_raw"] += size
            total["service_worker_pyodide_raw"] += size if pyodide else 0
            continue
        total["requests"] += 1
        total["transferred"] += max(request["bytes"], 0)
        total["raw"] += size
        total["gzip"] += _gzip_size(path)
        total["pyodide_raw"] += size if pyodide else 0
    return total


_GZIP_CACHE: dict[Path, int] = {}


def _gzip_size(path: Path) -> int:
    if path not in _GZIP_CACHE:
        _GZIP_CACHE[path] = len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
    return _GZIP_CACHE[path]


def _timeline(requests: list[dict]) -> dict:
    """Start and end (ms after navigation start) of the runtime's files and the wheel."""
    out = {}
    for request in requests:
        if request["service_worker"]:
            continue
        name = request["url"].rsplit("/", 1)[-1]
        if name.endswith(".whl"):
            name = "wheel"
        if name in ("pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json", "pyodide.js", "wheel",
                    "pyodide.asm.js", "worker.js"):
            out[name] = [request["start_ms"], request["end_ms"]]
    return out


def docs_bytes(browser, base: str, root: Path, path: str = "") -> dict:
    load = Load(browser)
    try:
        load.page.goto(base + path, wait_until="networkidle")
        return page_bytes(load.requests(), base, root)
    finally:
        load.close()


def measure(browser, site: Path, runs: int, variants: dict[str, Path]) -> dict:
    """variants: extra builds of the checker (name -> site root), loaded in the same rounds."""
    with floor_root(site / "pyodide") as floor_dir, serve(floor_dir) as floor_base, serve(site) as site_base:
        servers = [serve(root) for root in variants.values()]
        bases = [server.__enter__() for server in servers]
        try:
            targets = [Target("floor", floor_dir, floor_base, "floor/", is_floor=True),
                       Target("floor-main", floor_dir, floor_base, "floor/main.html", is_floor=True),
                       Target("checker", site, site_base, "checker/", ui=True),
                       Target("instant", site, site_base, "checker/", instant=True)]
            targets += [Target(name, root, base, "checker/")
                        for (name, root), base in zip(variants.items(), bases)]
            _warm_up(browser, targets)
            for run in range(runs):
                for target in targets:
                    target.load(browser)
                    shown = {k: round(v) for k, v in target.loads[-1].items()
                             if k.endswith("ready_ms") and v is not None}
                    print(f"  {run + 1}/{runs} {target.name}: {shown}", flush=True)
            out = {target.name: target.summary() for target in targets}
            out["docs"] = {"bytes": docs_bytes(browser, site_base, site)}
            return out
        finally:
            for server in servers:
                server.__exit__(None, None, None)


def _warm_up(browser, targets: list[Target]) -> None:
    """One uncounted load of each (fills the OS file cache; finds the checker's record input)."""
    for target in targets:
        if target.instant:
            continue
        load = Load(browser)
        try:
            load.goto(target.base + target.path)
            load.wait("window.__floorReady" if target.is_floor else "window.__bench.ready || window.__bench.error")
            if not target.is_floor:
                target.selector = find_usable_selector(load.page)
        finally:
            load.close()
