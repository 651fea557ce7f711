"""For each target missed, what stands in the way and what would clear it, in plain sentences.

The sentences are written from this run's figures and profiles, so RESULTS.md never states a
number the run did not measure. What they say about causes comes from the profiles; what they
say about cures names the module that would change.
"""

from __future__ import annotations

from typing import Any

from bench.report import Check, megabytes, seconds, times

# The load profile's functions, grouped by the step of the load they belong to.
STEPS = {
    "the fast path's exactness checks (regular-expression scans of the text and the JSON)": (
        "Pattern.search",
        "Pattern.findall",
        "_has_trailing_comment",
        "str.find",
    ),
    "validation by the pydantic models (with their Python validators)": (
        "validate_python",
        "_iso_date",
        "_web_url",
        "_source_reference",
        "resolve_default_value",
        "Pattern.match",
    ),
    "rapidyaml's parse and JSON output": ("parse_substr", "emit_json_malloc", "parse_in_place"),
    "json.loads with the repeated-key check": ("raw_decode", "_mapping_without_repeats"),
    "the frames (pandas)": ("build_frames", "_from_sequence", "sanitize_array", "fromiter"),
    "the cross-file rules": ("check_portfolio", "_objective_problems"),
}


def load_steps(profile: dict[str, Any]) -> list[tuple[str, float]]:
    """The profiled load's own time per step, largest first."""
    spots = profile.get("profile") or []
    shares: dict[str, float] = {}
    for spot in spots:
        for step, functions in STEPS.items():
            if spot["function"] in functions:
                shares[step] = shares.get(step, 0.0) + spot["share"]
    return sorted(shares.items(), key=lambda item: -item[1])


def _drawing_sentences(visit: dict[str, Any], floor: dict[str, Any]) -> str:
    """What the browser did on the returning visit (bench/browser.py times plotly's drawings
    from the page's start): when plotly began and ended, how many drawings it made."""
    drawn = visit.get("come_back_drawing") or {}
    one = floor.get("come_back_drawing") or {}
    if not drawn.get("charts"):
        return "The run did not time plotly's drawings."
    start, end = drawn.get("first_start_s"), drawn.get("last_end_s")
    span = end - start if isinstance(start, float) and isinstance(end, float) else None
    again = drawn.get("after_complete") or 0
    twice = (
        f"{again} of them over charts already drawn (Streamlit's plotly element copies each "
        "figure as it appears, and plotly drew the copy again)"
        if again
        else "none over a chart already drawn: the second pass over the copy Streamlit's "
        "plotly element makes of each figure is gone, since each chart is sent with "
        "Streamlit's theme in its own layout, no template, plain arrays and a datarevision "
        "(components/chart.py, `on_screen`), so the copy is the same figure to plotly"
    )
    return (
        f"On the returning visit plotly began drawing {seconds(start)} after the page was "
        f"asked for (the one-chart floor: {seconds(one.get('first_start_s'))}) and finished "
        f"its last chart at {seconds(end)} ({seconds(span)} for {drawn['charts']} charts: "
        f"{drawn.get('drawings')} full drawings, the extra ones plotly's own redraw of a "
        f"chart whose labels push its margins out (automargin); {twice}). Before plotly "
        f"begins, the browser builds the page Streamlit sends ({drawn.get('elements') or 0:,} "
        f"elements against the floor's {one.get('elements') or 0:,}: the sidebar's filters, "
        "plan cards, tiles, answer cards, the charts' text alternatives and three tables), "
        "and only when the first chart arrives does it fetch and evaluate plotly's module "
        "(Streamlit's largest script), on every reload. What remains is that page and "
        "plotly's drawing itself (measuring its text for the margins), not anything sent "
        "twice."
    )


def explain(
    big: dict[str, Any],
    floor_run: dict[str, Any],
    checks: list[Check],
    load_profile: dict[str, Any] | None,
    memory_parts: dict[str, Any] | None,
) -> str:
    missed = {check.item: check for check in checks if check.met is False}
    if not missed:
        return "Every target was met."
    paragraphs: list[str] = []
    n = f"{big['n']:,}"
    floors = big.get("floors", {})
    cold = big.get("cold", {})
    if "1 (stretch)" in missed or "1" in missed:
        steps = load_steps(load_profile or {})
        listed = "; ".join(f"{step} {share:.0%}" for step, share in steps) or "no profile"
        paragraphs.append(
            f"**Full load ({seconds(cold.get('total_s'))} at {n} objectives against "
            f"10× json.loads = {seconds(10 * floors.get('json_loads_s', 0))}).** The bare parse "
            f"is already at the floor (rapidyaml {seconds(floors.get('rapidyaml_s'))} against "
            f"json.loads {seconds(floors.get('json_loads_s'))}); the rest is the work that makes "
            f"the answer exact and validated. Own time by step in the profile: {listed}. The "
            "checks read every character once more to prove that rapidyaml means what PyYAML "
            "means (the price of never giving a different answer from the located parser); "
            "validation is pydantic building a model for each of the "
            f"{n} objectives and {cold.get('updates', 0):,} updates (and their evidence and "
            "measurements). What would clear it: fewer Python validators per value in "
            "tracker/model.py (every date and every web address goes through a Python "
            "function), and frames built from the cached rows rather than from the models "
            "(tracker/frames.py)."
        )
    if "3" in missed:
        apptest = big.get("apptest", {})
        parts = apptest.get("cold_parts") or {}
        full = cold.get("total_s") or 0.0
        floor = apptest.get("floor_s") or 0.0
        target = 1.5 * full + floor
        before, child, after = (parts.get(k) for k in ("before_s", "child_s", "after_s"))
        if None in (before, child, after):
            split = "The cold run was not split into its parts in this run."
        else:
            split = (
                f"The cold run in its three parts, measured in this run: {seconds(before)} "
                "before the data's child starts (AppTest's own start, Streamlit's script "
                "machinery and the imports the child needs: pandas, pydantic, the loader), "
                f"{seconds(child)} from the child's start until its answer is read (the rest of "
                "the app's imports and its sidebar run beside it), against the full load's "
                f"{seconds(full)} in one process (the child also writes the parse cache, which "
                "the full load's figure leaves off, gathers the objectives' texts after the "
                "frames, packs the objectives in a worker, and sends its answer), and "
                f"{seconds(after)} after it (the first build: every chart, answer card, plan "
                f"card and attention list over all {n} objectives, cached for every later "
                f"run). The target, 1.5 × {seconds(full)} + {seconds(floor)} = "
                f"{seconds(target)}, leaves {seconds(max(target - child, 0.0))} beside the "
                f"child for the rest, which takes {seconds(before + after)}."
            )
        paragraphs.append(
            f"**Overview in AppTest (warm {seconds(apptest.get('warm_s'))}, cold "
            f"{seconds(apptest.get('cold_s'))}; one-line app {seconds(apptest.get('floor_s'))}).**"
            " A warm run rebuilds nothing: the overview's figures, counts, plan cards and "
            "attention lists are cached in components/pages/overview.py, keyed on the data's "
            "file versions (`Data.versions`), today, the filters and the language, and each "
            f"attention list sends at most 100 rows. {split} The loading runs on both cores "
            "(components/data.py: a worker parses a third of the large files, as `validate` "
            "does, and another packs the objectives while the frames are built; the child runs "
            "with the cycle collector paused, and starts first thing in app.py, so the rest of "
            "the app's imports overlap it), but three parts stay on one core: the imports the "
            "child needs before it can start (pandas, pydantic and the loader), rebuilding the "
            "worker's files as models for the rules, and the rules themselves. The first build's "
            "largest part is the charts, plotly setting and validating each figure's "
            "properties one by one (see the py-spy table). What would clear it: a "
            "cheaper cold load (the child's share above: the parse and the rules), the parse "
            "cache written after the child has answered rather than on its way "
            "(tracker/load/cache.py), and figures built as plain dictionaries rather than "
            "through "
            "plotly's validated objects. Running "
            "`python -m tracker validate` on the data after each pull (CI and the pre-commit "
            "hook already do) leaves the cache warm, and the app's first load is then the "
            f"warm start ({seconds(big.get('warm', {}).get('load_s'))} + frames)."
        )
    if "4" in missed:
        browser = big.get("browser", {})
        floor = floor_run.get("browser_floor", {})
        paragraphs.append(
            "**Overview in Chromium (a new visitor "
            f"{seconds(browser.get('next', {}).get('charts_drawn_s'))}, the same visitor again "
            f"{seconds(browser.get('next', {}).get('come_back_s'))}).** Streamlit's own floor "
            "on this machine, a page with one two-bar chart, takes "
            f"{seconds(floor.get('next', {}).get('charts_drawn_s'))} for a new visitor (about "
            f"{megabytes((floor.get('next', {}).get('http') or 0) / 1e6)} of JavaScript to "
            "fetch and compile) and "
            f"{seconds(floor.get('next', {}).get('come_back_s'))} for a returning one. On top "
            "of that the overview runs its script (the AppTest warm time above), then the "
            f"browser receives {megabytes((browser.get('next', {}).get('websocket') or 0) / 1e6)}"
            " over the websocket and draws four charts and three tables of at most 100 rows; "
            "the charts send aggregates only (see Points per chart). "
            + _drawing_sentences(browser.get("next", {}), floor.get("next", {}))
            + " The targets are 2× "
            "the floor, for a new visitor "
            f"{seconds(2 * (floor.get('next', {}).get('charts_drawn_s') or 0))} and for a "
            "returning one "
            f"{seconds(2 * (floor.get('next', {}).get('come_back_s') or 0))}."
        )
    if "2" in missed:
        warm = big.get("warm", {})
        paragraphs.append(
            f"**Warm start ({seconds(warm.get('load_s'))} at {n} objectives against 3× "
            f"json.loads = {seconds(3 * (floors.get('json_loads_s') or 0))}).** Reading the "
            "cache is msgpack's decoding in C; the rest is a pydantic model made again for each "
            "cached row (an objective, each update, evidence item and measurement: some "
            "140,000), through a builder written for each model's fields and pydantic's own "
            "`__setstate__` (tracker/load/cache.py), then the cross-file rules and the "
            "warnings' positions (see the warm start's profile below). What would clear it: "
            "frames and rules that read the cached rows themselves, so that no model is made "
            "for an update at all."
        )
    if "5" in missed:
        parts = (memory_parts or {}).get("parts_mb") or {}
        models = sum(size for name, size in parts.items() if not name.startswith("frames"))
        paragraphs.append(
            f"**App memory ({_memory_figures(checks, big)}).** "
            f"Python, Streamlit's imports, pandas and plotly take "
            f"{megabytes(big.get('warm', {}).get('rss_imported_mb'))} before any data; the "
            f"{n} objectives as pydantic models take about {megabytes(models)} (the biggest "
            "part is pydantic's per-model `model_fields_set`, a Python set for each of ~140,000 "
            "models, then the models' `__dict__`s), the frames about "
            f"{megabytes(parts.get('frames (pandas, deep)'))}, and each file's bytes are kept "
            "(23 MB) so that a problem found later can still be placed exactly. None of this "
            "stays in the app server: it assembles the data in a forked child "
            "(components/data.py, tracker/forked.py) and keeps the frames, the plans, the "
            "objectives packed as msgpack rows and the problems packed with their counts "
            "(tracker/load/stored.py), and it builds every meeting pack in a child too. What "
            "the server holds is Streamlit, pandas and plotly (plotly's validator cache, which "
            "Streamlit's chart theme loads at import, is 8.5 MB of JSON objects), the frames, "
            "the packed objectives and problems, each session's page state (the one pack file "
            "it offers) and the page of at most 500 rows a table is sending (see the "
            "step-by-step table of the app server's memory)."
        )
    return "\n\n".join(paragraphs)


def _memory_figures(checks: list[Check], big: dict[str, Any]) -> str:
    """Each missed memory figure with its measure, and where the server's peak was reached
    (bench/app_memory.py's steps), so the paragraph names the figure that missed."""
    figures = [
        f"{check.figure.rsplit(' at ', 1)[0]}: {megabytes(check.measured)} against "
        f"{megabytes(check.limit)}"
        for check in checks
        if check.item == "5" and check.met is False
    ]
    steps = (big.get("app_memory") or {}).get("steps") or []
    peaks = [step for step in steps if step.get("peak_rss_mb") is not None]
    if peaks:
        top = max(step["peak_rss_mb"] for step in peaks)
        first = next(step for step in peaks if step["peak_rss_mb"] == top)
        figures.append(f"the peak reached at the step '{first['step']}'")
    return "; ".join(figures)


def whole_process(
    decade: dict[str, Any], cold_profile: list[tuple[str, float, float]] | None
) -> str:
    """Plain words for a missed whole-process `validate` target at 10 files x 1,000, from this
    run's figures and its cold profile (bench/processes.py: stage, seconds, share)."""
    cold, warm = decade.get("cold_s"), decade.get("warm_s")
    c_loader, json_load = decade.get("c_loader_s"), decade.get("json_load_s")
    opening = (
        f"**Cold: {seconds(cold)} against 0.15× the C loader's {seconds(c_loader)} "
        f"({_times(cold, c_loader)} of it; the target is {seconds(_part(c_loader, 0.15))}); "
        f"warm: {seconds(warm)} against 3× json.load's {seconds(json_load)} "
        f"({_times(warm, json_load)}).** Both floors only read: the C loader builds plain "
        "dicts and json.load reads JSON in C."
    )
    stages = [
        (name, spent, share)
        for name, spent, share in cold_profile or []
        if not name.startswith(("the whole process", "the portfolio's verdict", "…"))
        and spent >= 0.005
    ]
    stages.sort(key=lambda stage: -stage[1])
    whole = next(
        (spent for name, spent, _ in cold_profile or [] if name.startswith("the whole")), 0
    )
    listed = "; ".join(f"{name} {spent:.2f} s ({share:.0%})" for name, spent, share in stages)
    where = (
        f" Where a cold run goes (cProfile, {whole:.2f} s profiled; the worker's loads run "
        f"beside it and are not in it): {listed}."
        if stages
        else ""
    )
    return (
        f"{opening}{where} The two cores are both used: a forked worker loads four of the ten "
        "files (tracker/load/parallel.py) while this process loads six, then this process "
        "builds the worker's files' models again from its rows, judges every file and prints; "
        "that path is the wall time. Along it, each part is Python work per value or per model: "
        "the fast parse is rapidyaml (C++, about a quarter of it) inside the checks that vouch it "
        "reads the text as PyYAML does (regular-expression scans of the text, then of its "
        "JSON for strings PyYAML would read as another type, the dearest of them, and "
        "json.loads with a Python hook per mapping for repeated keys); the schema is pydantic "
        "building some 140,000 models (an objective, each update, evidence item and "
        "measurement); the rules place each warning by parsing its objective's lines again. "
        "What would clear it: the verdict judged from the parsed values, so that neither the "
        "worker's files nor the updates need a model here (then half the files could go to "
        "the worker, and the read-back would go), and a proof of the fast path that reads the "
        "text and its JSON once in C instead of a pattern per shape."
    )


def _times(measured: Any, floor: Any) -> str:
    return times(measured / floor if measured and floor else None)


def _part(value: Any, share: float) -> float | None:
    return value * share if value else None
