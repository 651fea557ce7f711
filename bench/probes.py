"""One measurement per process, for bench/run.py: each prints its figures as one JSON line.

Every probe runs in a fresh interpreter so that a figure never benefits from another one's
warm state, and so that peak memory (ru_maxrss) belongs to that measurement alone. The
environment says where the data (IPAP_DATA) and the parse cache (IPAP_CACHE_DIR, IPAP_CACHE)
are; run.py sets them.

Usage::

    python bench/probes.py floors DATA [--repeats N]
    python bench/probes.py load DATA [--profile]
    python bench/probes.py memory DATA
    python bench/probes.py apptest DATA
    python bench/probes.py exports DATA [--since YYYY-MM-DD]
    python bench/probes.py changes DATA [--since YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float | None:
    """This process's resident memory now, from /proc (None where there is no /proc)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def best_of(repeats: int, work: Any) -> float:
    """The fastest of a few runs: on a shared machine, the slow ones measure the neighbours."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def floors(data: Path, repeats: int) -> dict[str, Any]:
    """The parser's own floors on the same files: PyYAML's C loader, json.loads, rapidyaml."""
    import yaml

    files = sorted(data.glob("*.yaml"))
    texts = [path.read_text(encoding="utf-8") for path in files]
    documents: list[Any] = []

    def c_loader() -> None:
        documents[:] = [yaml.load(text, Loader=yaml.CSafeLoader) for text in texts]

    c_seconds = best_of(repeats, c_loader)
    as_json = [json.dumps(document, default=str, ensure_ascii=False) for document in documents]
    json_seconds = best_of(max(5, repeats), lambda: [json.loads(text) for text in as_json])
    try:
        import ryml

        encoded = [text.encode("utf-8") for text in texts]
        ryml_seconds: float | None = best_of(
            max(3, repeats), lambda: [ryml.parse_in_arena(text) for text in encoded]
        )
    except ImportError:  # pragma: no cover - rapidyaml is a runtime dependency
        ryml_seconds = None
    return {
        "files": len(files),
        "yaml_bytes": sum(len(text.encode("utf-8")) for text in texts),
        "json_bytes": sum(len(text.encode("utf-8")) for text in as_json),
        "c_loader_s": c_seconds,
        "json_loads_s": json_seconds,
        "rapidyaml_s": ryml_seconds,
    }


def load(data: Path, profile: bool) -> dict[str, Any]:
    """The tracker's own load as a user gets it: parse, validate, rules, then the frames."""
    started = time.perf_counter()
    from tracker.load import loader
    from tracker.tables.frames import build_frames

    imported = time.perf_counter()
    rss_imported = rss_mb()
    parsed: list[str] = []
    original = loader.load_text

    def counting(text: str, shown: str, fallback_plan_id: str = "") -> loader.FileLoad:
        parsed.append(shown)
        return original(text, shown, fallback_plan_id)

    loader.load_text = counting  # type: ignore[assignment]
    # A file the second core's worker parsed (tracker.load.parallel) is counted when its
    # answer is read back here; one it found in the cache is read from the cache here.
    from tracker.load import parallel

    receive = parallel._received

    def counting_received(answer: tuple[Any, ...], shown: str) -> loader.FileLoad | None:
        found = receive(answer, shown)
        if found is not None:
            parsed.append(shown)
        return found

    parallel._received = counting_received  # type: ignore[assignment]
    profiler = None
    if profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.002)
        profiler.start()
    begin = time.perf_counter()
    portfolio = loader.load_portfolio(data)
    loaded = time.perf_counter()
    rss_loaded = rss_mb()
    frames = build_frames(portfolio)
    framed = time.perf_counter()
    result: dict[str, Any] = {
        "import_s": imported - started,
        "load_s": loaded - begin,
        "frames_s": framed - loaded,
        "total_s": framed - begin,
        "objectives": len(portfolio.objectives),
        "updates": len(frames.updates),
        "problems": len(portfolio.problems),
        "files": len(portfolio.files),
        "files_parsed": len(parsed),
        "peak_rss_mb": peak_rss_mb(),
        "rss_imported_mb": rss_imported,
        "rss_loaded_mb": rss_loaded,
        "rss_framed_mb": rss_mb(),
    }
    if profiler is not None:
        profiler.stop()
        result["profile"] = hot_spots(profiler)
    return result


def hot_spots(profiler: Any, limit: int = 14) -> list[dict[str, Any]]:
    """The functions that took the most time themselves, with their share of the whole."""
    session = profiler.last_session
    root = session.root_frame()
    total = root.time if root is not None else 0.0
    own: dict[tuple[str, str, int], float] = {}

    def walk(frame: Any) -> None:
        # pyinstrument's "[self]" and similar rows are time spent in the parent frame itself.
        if not str(frame.function).startswith("["):
            key = (frame.function, Path(frame.file_path or "?").name, frame.line_no or 0)
            own[key] = own.get(key, 0.0) + frame.total_self_time
        for child in frame.children:
            walk(child)

    if root is not None:
        walk(root)
    ranked = sorted(own.items(), key=lambda item: item[1], reverse=True)[:limit]
    return [
        {"function": name, "file": file, "line": line, "seconds": seconds, "share": seconds / total}
        for (name, file, line), seconds in ranked
        if total
    ]


def memory(data: Path) -> dict[str, Any]:
    """What a loaded portfolio is made of, in MB: where the app's memory goes."""
    import gc
    import sys as system

    from tracker.load.loader import load_portfolio
    from tracker.tables.frames import build_frames

    portfolio = load_portfolio(data)
    sizes: dict[str, float] = {}
    seen: set[int] = set()
    stack: list[Any] = list(portfolio.objectives)

    def add(part: str, value: Any) -> None:
        sizes[part] = sizes.get(part, 0.0) + system.getsizeof(value) / 1e6

    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if hasattr(item, "__pydantic_fields_set__"):
            add("model instances", item)
            add("models' __dict__", item.__dict__)
            add(
                "models' fields-set sets (pydantic's model_fields_set)",
                item.__pydantic_fields_set__,
            )
            stack.extend(item.__dict__.values())
        elif isinstance(item, list):
            add("lists", item)
            stack.extend(item)
        elif isinstance(item, str):
            add("strings", item)
        else:
            add(type(item).__name__ + " values", item)
    frames = build_frames(portfolio)
    gc.collect()
    sizes["frames (pandas, deep)"] = sum(
        frame.memory_usage(deep=True).sum() / 1e6
        for frame in (frames.objectives, frames.updates, frames.evidence, frames.measurements)
    )
    return {"parts_mb": sizes, "rss_mb": rss_mb(), "peak_rss_mb": peak_rss_mb()}


def apptest(data: Path) -> dict[str, Any]:
    """AppTest runs: the one-line floor, then the overview cold (empty caches) and warm."""
    from streamlit.testing.v1 import AppTest

    floor_script = "import streamlit as st\nst.write('IPAP Tracker')\n"

    def floor_run() -> None:
        AppTest.from_string(floor_script, default_timeout=60).run()

    floor_run()  # the first run imports Streamlit's script machinery; not the floor
    floor_seconds = best_of(3, floor_run)
    app = str(PROJECT / "app.py")
    assembling = _timed_assembly()
    started = time.perf_counter()
    cold = AppTest.from_file(app, default_timeout=600).run()
    cold_seconds = time.perf_counter() - started
    # The cold run in three parts: until the data is asked for (the app's imports), the data
    # assembled in the app's child, and the rest (reading its answer, the first build).
    parts = {}
    if assembling:
        began, ended = assembling[0]
        parts = {
            "before_s": began - started,
            "child_s": ended - began,
            "after_s": started + cold_seconds - ended,
        }
    warm_times = []
    warm = cold
    for _ in range(3):
        started = time.perf_counter()
        warm = AppTest.from_file(app, default_timeout=600).run()
        warm_times.append(time.perf_counter() - started)
    charts = [chart_points(element) for element in warm.get("plotly_chart")]
    return {
        "floor_s": floor_seconds,
        "cold_s": cold_seconds,
        "cold_parts": parts,
        "warm_s": min(warm_times),
        "exceptions": [str(e.value)[:300] for e in list(cold.exception) + list(warm.exception)],
        "charts": charts,
        "peak_rss_mb": peak_rss_mb(),
    }


def _timed_assembly() -> list[tuple[float, float]]:
    """When the app's data assembly (components.data's child, `_assemble_compact`) began and
    when its answer was read, noted by wrapping tracker.forked's start_forked and
    Forked.answer before the app imports them: the clock only, nothing of the app imported
    here ahead of the cold run."""
    from tracker import forked

    noted: list[tuple[float, float]] = []
    began: dict[int, float] = {}
    plain_start, plain_answer = forked.start_forked, forked.Forked.answer

    def start(work: Any, *args: Any, **kwargs: Any) -> Any:
        now = time.perf_counter()
        child = plain_start(work, *args, **kwargs)
        if child is not None and getattr(work, "__name__", "") == "_assemble_compact":
            began[id(child)] = now
        return child

    def answer(child: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return plain_answer(child, *args, **kwargs)
        finally:
            if id(child) in began:
                noted.append((began.pop(id(child)), time.perf_counter()))

    forked.start_forked = start  # type: ignore[assignment]
    forked.Forked.answer = answer  # type: ignore[method-assign]
    return noted


def chart_points(element: Any) -> dict[str, Any]:
    """How much one chart sends: its traces, its points, and the size of its JSON."""
    spec = element.proto.spec
    figure = json.loads(spec)
    traces = figure.get("data", [])
    points = 0
    for trace in traces:
        values = trace.get("x") or trace.get("y") or trace.get("values") or []
        points += len(values) if isinstance(values, list) else 1
    title = figure.get("layout", {}).get("title", {})
    name = title.get("text") if isinstance(title, dict) else str(title)
    return {"title": name or "", "traces": len(traces), "points": points, "bytes": len(spec)}


# The formats timed in process: the deck, the briefing and the workbook (the PDF needs
# Chromium and the Markdown summary is small; bench/app_memory.py builds all five in the app).
EXPORT_FORMATS = ("pptx", "html", "xlsx")


def _profiled(work: Any) -> dict[str, Any]:
    """cProfile's two tables (bench/cprofiled.py) for one call of `work`, with the threads
    it starts."""
    import cProfile
    import pstats
    import threading

    from bench import cprofiled

    profiler = cProfile.Profile()
    # AppTest runs the script in a thread of its own, which a profiler enabled here never
    # sees (the Changes page's profile came out empty): every thread started during `work`
    # is profiled too, and its figures added to this thread's.
    in_threads: list[cProfile.Profile] = []
    plain_run = threading.Thread.run

    def profiled_run(thread: threading.Thread) -> None:
        own = cProfile.Profile()
        in_threads.append(own)
        own.runcall(plain_run, thread)

    threading.Thread.run = profiled_run  # type: ignore[method-assign]
    started = time.perf_counter()
    try:
        profiler.runcall(work)
    finally:
        threading.Thread.run = plain_run  # type: ignore[method-assign]
    whole = time.perf_counter() - started
    stats = pstats.Stats(profiler)
    for own in in_threads:
        stats.add(own)
    return cprofiled.summarise(stats, PROJECT, whole)


def exports(data: Path, profile: bool = False, since: date | None = None) -> dict[str, Any]:
    """The meeting deck, the HTML briefing and the Excel workbook, from a loaded portfolio,
    timed by bench/export_times.py's own builder; the workbook with every change since
    `since` (issue 19's figure: since the first plan's start), the deck and the briefing with
    the default window. With `profile`, a cProfile of one more build of the workbook."""
    from bench.export_times import build_each
    from tracker.load.loader import load_portfolio
    from tracker.tables.frames import build_frames

    portfolio = load_portfolio(data)
    frames = build_frames(portfolio)
    result = build_each(frames, portfolio, [f for f in EXPORT_FORMATS if f != "xlsx"])
    result.update(build_each(frames, portfolio, ["xlsx"], since))
    result["xlsx_since"] = since.isoformat() if since else None
    result["peak_rss_mb"] = peak_rss_mb()
    if profile:
        result["xlsx_profile"] = _profiled(lambda: build_each(frames, portfolio, ["xlsx"], since))
    return result


# The Changes page's four tiles (English labels), which count every change in the window.
CHANGE_TILES = ("Status changes", "Other updates", "New evidence", "New measurements")


def changes(data: Path, since: str, profile: bool = False) -> dict[str, Any]:
    """The Changes page since `since` in AppTest, with the data already loaded (the load has
    its own figures): the one-line floor, the page's first run in a session, then a rerun.

    Also what the page sends: the rows and the Arrow bytes of its tables, and the changes
    its tiles count (every change, shown or not). With `profile`, a cProfile of one more
    run of the page."""
    from streamlit.testing.v1 import AppTest

    from components import navigation

    floor_script = "import streamlit as st\nst.write('IPAP Tracker')\n"

    def floor_run() -> None:
        AppTest.from_string(floor_script, default_timeout=60).run()

    floor_run()  # the first run imports Streamlit's script machinery; not the floor
    floor_seconds = best_of(3, floor_run)
    app = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=600)
    app.query_params["since"] = since
    app.run()  # the overview: loads the data (and imports the pages' modules)
    app.switch_page(next(spec.path for spec in navigation.PAGES if spec.key == "changes"))
    app.query_params["since"] = since
    started = time.perf_counter()
    app.run()
    first_seconds = time.perf_counter() - started
    rerun_times = []
    for _ in range(3):
        started = time.perf_counter()
        app.run()
        rerun_times.append(time.perf_counter() - started)
    tables = list(app.dataframe)
    counted = sum(
        int(str(metric.value).replace(",", ""))
        for metric in app.metric
        if metric.label in CHANGE_TILES
    )
    shown_since = next((str(m.value) for m in app.markdown if "**since" in str(m.value)), "")
    profiled = _profiled(app.run) if profile else None
    return {
        "profile": profiled,
        "floor_s": floor_seconds,
        "first_s": first_seconds,
        "rerun_s": min(rerun_times),
        "since": since,
        "since_text": shown_since[:120],
        "changes_counted": counted,
        "rows_sent": sum(len(table.value) for table in tables),
        "tables": len(tables),
        "arrow_bytes": sum(len(table.proto.arrow_data.data) for table in tables),
        "exceptions": [str(e.value)[:300] for e in app.exception],
        "peak_rss_mb": peak_rss_mb(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="One benchmark measurement, as JSON.")
    parser.add_argument(
        "probe", choices=["floors", "load", "memory", "apptest", "exports", "changes"]
    )
    parser.add_argument("data", type=Path)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--since", help="the Changes page's (default 2015-01-01) and the workbook's first day"
    )
    args = parser.parse_args()
    os.environ.setdefault("IPAP_DATA", str(args.data))
    if args.probe == "floors":
        result = floors(args.data, args.repeats)
    elif args.probe == "load":
        result = load(args.data, args.profile)
    elif args.probe == "memory":
        result = memory(args.data)
    elif args.probe == "apptest":
        result = apptest(args.data)
    elif args.probe == "changes":
        result = changes(args.data, args.since or "2015-01-01", args.profile)
    else:
        since = date.fromisoformat(args.since) if args.since else None
        result = exports(args.data, args.profile, since)
    result["today"] = date.today().isoformat()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
