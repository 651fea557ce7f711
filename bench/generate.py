"""Synthetic portfolio generator for demos and benchmarks.

Writes N made-up objectives, spread over several plan files in the project's YAML
format (see DESIGN.md), so the loader, the charts and the app can be exercised at a
scale far beyond the shipped ``commitments/`` data.  The output is deterministic for
a given seed, every date lies between 2015-01-01 and 2026-06-30, and the text is
formatted by hand (block style for objectives, flow style for updates, evidence and
measurements) because ``yaml.dump`` is far too slow for tens of thousands of records.

Usage::

    python bench/generate.py N OUT_DIR [--seed S] [--plans P]

The files are synthetic: never copy them into ``commitments/``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# The format's own words, so a type or an evidence kind added to the model is generated too.
from tracker.model import OBJECTIVE_TYPES, RECOMMENDED_EVIDENCE_KINDS

FIRST_DAY = date(2015, 1, 1).toordinal()
LAST_DAY = date(2026, 6, 30).toordinal()
# About 2.3 KB an objective: 400 keep each plan file under the loader's default 1 MB limit.
OBJECTIVES_PER_PLAN = 400
UPDATES_PER_OBJECTIVE = 10
MEASUREMENTS_PER_METRIC = 12

TYPES = OBJECTIVE_TYPES
TYPE_ABBR = {
    "partnership-goal": "pg",
    "ammunition-destruction": "ammo",
    "information-campaign": "info",
    "activity": "act",
}
ONGOING = ("on-track", "on-track", "on-track", "on-track", "at-risk", "at-risk", "off-track")
KINDS = RECOMMENDED_EVIDENCE_KINDS
OWNERS = (
    "Ministry of Defence",
    "Serbian Armed Forces",
    "Ministry of Foreign Affairs",
    "Ministry of Interior",
    "Sector for Emergency Management",
    "Ministry of European Integration",
    "University of Defence",
    "Office of the National Security Council",
)
AUTHORS = (
    "Defence Policy desk",
    "Intl. Cooperation unit",
    "Military Liaison Office",
    "Strategic Planning",
    "Trust Fund team",
    "Spokesperson's office",
    "Public Diplomacy",
    "J-5 Directorate",
)
AREAS = (
    ("defence-reform", "Defence reform and planning"),
    ("interoperability", "Interoperability and Partnership Goals"),
    ("ammunition", "Surplus ammunition and weapons"),
    ("public-diplomacy", "Public diplomacy and information"),
    ("civil-emergency", "Civil emergency planning"),
    ("exercises", "Joint military exercises"),
    ("education", "Defence education and training"),
    ("democratic-control", "Democratic control of the armed forces"),
    ("security-sector", "Security sector reform"),
    ("science", "Science for peace and security"),
    ("border-security", "Border security and counter-terrorism"),
    ("cyber", "Cyber defence and resilience"),
)
FIELDS = (
    "Logistics support for deployable units",
    "Military police interoperability",
    "Medical evacuation capability",
    "CBRN defence and decontamination",
    "Air surveillance data exchange",
    "Explosive ordnance disposal teams",
    "Engineer company for peace support",
    "English language training to STANAG 6001 level 2",
    "Deployable communications module",
    "Host nation support arrangements",
    "Military education reform",
    "Civil-military cooperation (CIMIC) capability",
)
AMMO_ITEMS = (
    "small-arms ammunition",
    "artillery shells",
    "white phosphorus munitions",
    "napalm powder",
    "anti-tank mines",
    "rocket propellant",
    "fuzes and primers",
)
SITES = (
    "TRZ Kragujevac",
    "Technical Overhaul Institute Čačak",
    "the depot near Niš",
    "the Mrsać storage site",
    "the Kraljevo facility",
    "the Valjevo plant",
)
CHANNELS = (
    "Round tables",
    "Public lectures",
    "A media workshop",
    "A social media series",
    "Seminars for students",
    "A TV debate series",
    "A brochure and web page",
)
TOPICS = (
    "Serbia's partnership with NATO",
    "civil emergency response",
    "the trust fund for surplus ammunition",
    "peace support operations",
    "military neutrality and cooperation",
    "defence reform results",
)
CITIES = ("Belgrade", "Novi Sad", "Niš", "Kragujevac", "Subotica", "Kraljevo", "Užice")
ACTIVITIES = (
    "Civil emergency training in {city}",
    'Joint exercise "{name} {year}" with partner nations',
    "Staff course at the Military Academy, {city}",
    "Search-and-rescue drill near {city}",
    "Building integrity workshop in {city}",
    "Peace support pre-deployment training: {city} centre",
)
EXERCISES = ("Platinum Wolf", "Double Challenge", "Sava Shield", "Danube Resolve", "Iron Bridge")
NOTES = {
    "not-started": (
        "Lead unit and funding not yet confirmed.",
        "Planning documents in preparation.",
        'Awaiting "terms of reference" from partners.',
    ),
    "on-track": (
        "Quarterly milestones met.",
        "Proceeding to schedule.",
        "Phase two launched: contracts signed.",
        'Partners call the results "encouraging".',
    ),
    "at-risk": (
        "Procurement delayed; schedule under review.",
        "Staff shortages; mitigation agreed.",
        "Site access held up phase two.",
    ),
    "off-track": (
        "Funding gap: deadline will be missed.",
        "Suspended pending the minister's decision.",
        "Contractor withdrew; re-tendering.",
    ),
    "completed": (
        "All deliverables accepted.",
        'Final report: "target reached".',
        "Completed and assessed by partners.",
    ),
    "cancelled": (
        "Cancelled by the steering group.",
        "Dropped at the mid-term review.",
        "Superseded by a new objective.",
    ),
}
TYPE_AREAS = {
    "partnership-goal": ("interoperability", "defence-reform"),
    "ammunition-destruction": ("ammunition",),
    "information-campaign": ("public-diplomacy",),
    "activity": ("exercises", "civil-emergency", "education"),
}
METRICS = {
    "partnership-goal": (("units certified", 20, 80),),
    "ammunition-destruction": (("tonnes", 500, 2500),),
    "information-campaign": (("events", 60, 300), ("people reached", 2000, 50000)),
    "activity": (("personnel trained", 100, 1500), ("hours of training", 200, 5000)),
}


def q(text: str) -> str:
    """Return ``text`` as a YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def iso(day: int) -> str:
    """Format a proleptic ordinal day as ``YYYY-MM-DD``."""
    return date.fromordinal(day).isoformat()


def plan_count(n: int, plans: int | None) -> int:
    """Number of plan files: the requested one, or one per 400 objectives (min 2)."""
    if plans is not None:
        if plans < 1:
            raise ValueError("plans must be at least 1")
        return plans
    return max(2, -(-n // OBJECTIVES_PER_PLAN))


def plan_periods(count: int) -> list[tuple[int, int]]:
    """Start and end days of ``count`` consecutive plans between 2015 and mid-2026."""
    first = FIRST_DAY + 14
    step = (LAST_DAY - 400 - first) / count
    starts = [first + int(k * step) for k in range(count)]
    periods = []
    for k, start in enumerate(starts):
        end = starts[k + 1] - 1 if k + 1 < count else start + max(int(step), 730)
        periods.append((start, min(LAST_DAY, max(end, start + 180))))
    return periods


def trajectory(rng: random.Random, min_final: int) -> tuple[list[str], list[int]]:
    """Statuses and progress values of the ten updates, oldest first."""
    n = UPDATES_PER_OBJECTIVE
    roll = rng.random()
    if roll < 0.3:
        outcome, final = "completed", 100
    elif roll < 0.36:
        outcome, final = "cancelled", rng.randint(min_final, 70)
    else:
        outcome, final = "ongoing", rng.randint(min_final, 95)
    # progress before the last update rises monotonically towards its final level,
    # often after one or more updates saying the work has not started yet
    reach = final if outcome != "completed" else rng.randint(50, 95)
    idle = (0, 1, 1, 2, 3)[rng.randrange(5)]
    steps = sorted(rng.random() for _ in range(n - 1 - idle))
    progress = [0] * idle + [round(reach * s / steps[-1]) for s in steps] + [final]
    statuses: list[str] = []
    status = "not-started"
    for i, p in enumerate(progress):
        if i == n - 1 and outcome != "ongoing":
            status = outcome
        elif p == 0:
            status = "not-started"
        elif status == "not-started" or rng.random() < 0.4:  # assessments tend to persist
            status = ONGOING[rng.randrange(len(ONGOING))]
        statuses.append(status)
    return statuses, progress


def objective_title(rng: random.Random, otype: str, field: str, year: int) -> str:
    """A plausible title for an objective of the given type."""
    if otype == "partnership-goal":
        return f"Partnership Goal {rng.choice('EGLM')} {rng.randint(1, 9999):04d} — {field}"
    if otype == "ammunition-destruction":
        return f"Destroy surplus {rng.choice(AMMO_ITEMS)} at {rng.choice(SITES)}"
    if otype == "information-campaign":
        return f"{rng.choice(CHANNELS)} on {rng.choice(TOPICS)}"
    return rng.choice(ACTIVITIES).format(
        city=rng.choice(CITIES), name=rng.choice(EXERCISES), year=year
    )


def write_objective(
    out: list[str],
    rng: random.Random,
    oid: str,
    index: int,
    plan: tuple[int, int],
    areas: list[str],
    continues: str | None,
    depends_on: list[str],
    with_metric: bool,
) -> None:
    """Append the YAML lines of one objective to ``out``."""
    plan_start, plan_end = plan
    otype = TYPES[index % len(TYPES)]
    start = min(plan_start + rng.randint(0, max(0, (plan_end - plan_start) // 3)), LAST_DAY - 60)
    due = min(LAST_DAY, rng.randint(start + 60, max(start + 60, plan_end)))
    window_end = min(LAST_DAY, due + 120)
    owner = OWNERS[rng.randrange(len(OWNERS))]
    field = FIELDS[rng.randrange(len(FIELDS))]
    title = objective_title(rng, otype, field, date.fromordinal(start).year)
    out.append(f"  - id: {oid}")
    out.append(f"    title: {q(title)}")
    description = f"Synthetic {otype} no. {index + 1} for demos and benchmarks."
    out.append(f"    description: {q(description)}")
    out.append(f"    type: {otype}")
    matching = [a for a in areas if a.split("-", 1)[1] in TYPE_AREAS[otype]]
    if matching and rng.random() < 0.7:
        out.append(f"    area: {matching[rng.randrange(len(matching))]}")
    else:
        out.append(f"    area: {areas[rng.randrange(len(areas))]}")
    if otype == "partnership-goal":
        out.append(f"    field: {q(field)}")
    out.append(f"    owner: {q(owner)}")
    out.append(f"    start: {iso(start)}")
    out.append(f"    due: {iso(due)}")

    statuses, progress = trajectory(rng, 20 if with_metric else 0)
    # the current assessment falls in the later half of the window
    last_day = rng.randint((start + 30 + window_end) // 2, window_end)
    days = sorted(rng.sample(range(start, last_day), UPDATES_PER_OBJECTIVE - 1))
    days.append(last_day)
    out.append(f"    status: {statuses[-1]}")
    out.append(f"    progress: {progress[-1]}")
    if continues:
        out.append(f"    continues: {continues}")
    if depends_on:
        out.append(f"    depends_on: [{', '.join(depends_on)}]")

    if with_metric:
        unit, low, high = rng.choice(METRICS[otype])
        target = rng.randint(low // 10, high // 10) * 10
        final = max(MEASUREMENTS_PER_METRIC, round(target * progress[-1] / 100))
        values = [*sorted(rng.sample(range(1, final), MEASUREMENTS_PER_METRIC - 1)), final]
        mdays = sorted(rng.sample(range(start, last_day), MEASUREMENTS_PER_METRIC - 1))
        mdays.append(last_day)
        out.append("    metric:")
        out.append(f"      unit: {q(unit)}")
        out.append("      baseline: 0")
        out.append(f"      target: {target}")
        out.append("      cumulative: true")
        out.append("      measurements:")
        for j, (day, value) in enumerate(zip(mdays, values, strict=True), 1):
            out.append(
                f"        - {{date: {iso(day)}, value: {value}, "
                f'source: "https://example.org/m/{oid}/{j}"}}'
            )

    evidence = rng.randint(0, 3)
    if evidence:
        out.append("    evidence:")
        for j in range(1, evidence + 1):
            kind = KINDS[rng.randrange(len(KINDS))]
            day = rng.randint(start, last_day)
            access = ", access: internal" if rng.random() < 0.08 else ""
            out.append(
                f"      - {{title: {q(f'{kind.capitalize()}: {title}')}, "
                f'url: "https://example.org/e/{oid}/{j}", date: {iso(day)}, kind: {kind}{access}}}'
            )

    out.append("    updates:")
    for j, (day, status, pct) in enumerate(zip(days, statuses, progress, strict=True), 1):
        notes = NOTES[status]
        # about half the updates cite a document; the rest are desk assessments
        source = f', source: "https://example.org/u/{oid}/{j}"' if rng.random() < 0.5 else ""
        out.append(
            f"      - {{date: {iso(day)}, status: {status}, progress: {pct}, "
            f"note: {q(notes[rng.randrange(len(notes))])}, "
            f"by: {q(AUTHORS[rng.randrange(len(AUTHORS))])}{source}}}"
        )


def generate(n: int, out_dir: Path | str, seed: int = 42, plans: int | None = None) -> list[Path]:
    """Write a synthetic portfolio of ``n`` objectives to ``out_dir``; return the files."""
    if n < 0:
        raise ValueError("n must not be negative")
    rng = random.Random(seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    count = plan_count(n, plans)
    width = max(2, len(str(count)))
    periods = plan_periods(count)
    sizes = [n // count + (1 if k < n % count else 0) for k in range(count)]
    with_metric = set(rng.sample(range(n), round(n / 10)))

    paths: list[Path] = []
    earlier: list[str] = []  # ids of all objectives written so far
    previous: dict[str, list[str]] = {}  # ids of the previous plan's objectives, by type
    index = 0
    for k, ((plan_start, plan_end), size) in enumerate(zip(periods, sizes, strict=True)):
        number = f"{k + 1:0{width}d}"
        plan_id = f"plan-{number}"
        chosen = sorted(rng.sample(range(len(AREAS)), rng.randint(5, 8)))
        areas = [f"p{number}-{AREAS[a][0]}" for a in chosen]
        out = [
            "# Synthetic IPAP portfolio made by bench/generate.py "
            f"(seed {seed}, {n} objectives). Not real data.",
            "plan:",
            f"  id: {plan_id}",
            f"  title: {q(f'Synthetic Individual Partnership Action Plan {k + 1}')}",
            f"  adopted: {iso(plan_start)}",
            f"  start: {iso(plan_start)}",
            f"  end: {iso(plan_end)}",
            "  areas:",
        ]
        for area_id, a in zip(areas, chosen, strict=True):
            out.append(f"    - {{id: {area_id}, title: {q(AREAS[a][1])}}}")
        out.append("  sources:")
        out.append(
            f"    - {{title: {q(f'Plan {k + 1} as adopted')}, "
            f'url: "https://example.org/plans/{plan_id}", date: {iso(plan_start)}}}'
        )
        out.append("")
        out.append("objectives:" if size else "objectives: []")

        current: dict[str, list[str]] = {}
        for _ in range(size):
            otype = TYPES[index % len(TYPES)]
            oid = f"p{number}-{TYPE_ABBR[otype]}-{index + 1:05d}"
            continues = None
            if previous and rng.random() < 0.2:
                pool = previous.get(otype) or [i for ids in previous.values() for i in ids]
                continues = pool[rng.randrange(len(pool))]
            depends_on: list[str] = []
            if earlier and rng.random() < 0.05:
                depends_on = rng.sample(earlier[-500:], min(len(earlier), rng.randint(1, 2)))
            write_objective(
                out,
                rng,
                oid,
                index,
                (plan_start, plan_end),
                areas,
                continues,
                depends_on,
                index in with_metric,
            )
            earlier.append(oid)
            current.setdefault(otype, []).append(oid)
            index += 1
        if current:
            previous = current

        path = out_dir / f"plan-{number}.yaml"
        path.write_text("\n".join(out) + "\n", encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Write a synthetic IPAP portfolio.")
    parser.add_argument("n", type=int, help="number of objectives")
    parser.add_argument("out_dir", type=Path, help="folder for the plan files")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--plans", type=int, default=None, help="number of plan files")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    try:
        paths = generate(args.n, args.out_dir, seed=args.seed, plans=args.plans)
    except ValueError as exc:
        parser.error(str(exc))
    size = sum(p.stat().st_size for p in paths)
    print(
        f"wrote {args.n} objectives in {len(paths)} files to {args.out_dir} "
        f"({size / 1e6:.1f} MB) in {time.perf_counter() - began:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
