"""`report`: meeting material (deck, briefing, PDF, workbook, text) written atomically to a file."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from tracker.cli.common import add_command, add_data_option, chosen_path
from tracker.cli.exits import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from tracker.editions import AUDIENCES, DEFAULT_AUDIENCE, FORMATS, SUFFIXES
from tracker.i18n import (
    LANGUAGE_ENV,
    available_languages,
    current_language,
    format_number,
    set_language,
    t,
    tn,
    tp,
)


def add_parser(subparsers: Any) -> None:
    parser = add_command(
        subparsers,
        "report",
        run,
        help=t("write meeting material: a deck, a briefing, a PDF, a workbook or a text summary"),
        description=t(
            "Write meeting material from the data. The format comes from --format or from the "
            "output file's ending (.pptx .html .pdf .xlsx .md). Exit 0 when written, 1 when "
            "there is nothing to report (no valid objectives), 2 on a usage error or when the "
            "PDF's browser is missing."
        ),
    )
    parser.add_argument("--format", choices=FORMATS, help=t("pptx, html, pdf, xlsx or md"))
    parser.add_argument(
        "--plan",
        metavar=tp("a placeholder on the command line", "ID"),
        help=t("only this plan (default: every plan)"),
    )
    parser.add_argument(
        "--since",
        metavar="YYYY-MM-DD",
        help=t(
            "list the changes since this day, the last review (default: 90 days before the "
            "newest entry, as in the app)"
        ),
    )
    parser.add_argument(
        "--audience",
        choices=AUDIENCES,
        help=t("public leaves internal evidence out (default: internal for xlsx, else public)"),
    )
    parser.add_argument(
        "--lang",
        choices=available_languages(),
        help=t(
            "the report's language and these messages' (default: ${variable}, else en)",
            variable=LANGUAGE_ENV,
        ),
    )
    add_data_option(parser)
    parser.add_argument(
        "-o",
        "--output",
        metavar=tp("a placeholder on the command line", "FILE"),
        help=t("where to write (default: ipap-meeting-pack[-PLAN]-DATADATE-AUDIENCE.EXT here)"),
    )


def run(args: argparse.Namespace) -> int:
    """Write the report in the language --lang names (else IPAP_LANG's), then restore the
    caller's language: a test or a script calling run() twice gets what it asked each time."""
    before = current_language() if args.lang else None
    if args.lang:
        set_language(args.lang)
    try:
        return _run(args)
    finally:
        if args.lang:
            set_language(before)


def _run(args: argparse.Namespace) -> int:
    # The exporters, pandas and the loader only for a report: every other command starts
    # without them (tests/cli/test_imports.py).
    from tracker.export import ReportError, build_report, report_date, report_filename
    from tracker.export.files import check_content, write_atomically
    from tracker.load.loader import load_portfolio
    from tracker.problems import problem_total
    from tracker.tables.frames import build_frames

    fmt = _chosen_format(args)
    if fmt is None:
        return EXIT_USAGE
    since = _since(args.since)
    if args.since and since is None:
        return EXIT_USAGE
    chosen = chosen_path(args)
    if chosen and not Path(chosen).exists():
        print(t("error: {path}: no such file or folder", path=chosen), file=sys.stderr)
        return EXIT_USAGE
    audience = args.audience or DEFAULT_AUDIENCE[fmt]
    portfolio = load_portfolio(chosen)
    if args.plan and args.plan not in portfolio.plans:
        known = ", ".join(sorted(portfolio.plans)) or t("none were loaded")
        print(
            t(
                "error: no plan has the id '{plan}'; the plans are: {known}",
                plan=args.plan,
                known=known,
            ),
            file=sys.stderr,
        )
        return EXIT_USAGE
    frames = build_frames(portfolio, audience=audience)
    if portfolio.errors():  # sanity warnings are `validate`'s to show
        problems = tn("{count} problem", "{count} problems", problem_total(portfolio.errors()))
        valid = tn("{count} valid objective", "{count} valid objectives", len(portfolio.objectives))
        print(
            t(
                "warning: {problems} in the data; the report shows the {valid} and says so on "
                "its first page. Run `python -m tracker validate` to see the problems.",
                problems=problems,
                valid=valid,
            ),
            file=sys.stderr,
        )
    try:
        content = build_report(frames, portfolio, fmt, args.plan, since, audience)
        check_content(fmt, content)
    except ReportError as error:
        print(t("error: {reason}", reason=error), file=sys.stderr)
        return EXIT_USAGE if getattr(error, "usage_error", False) else EXIT_PROBLEMS
    as_of = report_date(frames, args.plan, audience)
    target = Path(args.output or report_filename(fmt, args.plan, as_of, audience))
    try:
        write_atomically(target, content)
    except ReportError as error:
        print(t("error: {reason}", reason=error), file=sys.stderr)
        return EXIT_USAGE
    edition = t("public edition") if audience == "public" else t("internal edition")
    print(
        t(
            "wrote {file} ({format}, {edition}, {size} bytes)",
            file=target,
            format=fmt,
            edition=edition,
            size=format_number(len(content)),
        )
    )
    return EXIT_OK


def _chosen_format(args: argparse.Namespace) -> str | None:
    """--format, or the output file's ending; both given must agree."""
    suffix = Path(args.output).suffix.lower() if args.output else ""
    implied = next((fmt for fmt, ending in SUFFIXES.items() if ending == suffix), None)
    if args.format and implied and args.format != implied:
        print(
            t(
                "error: --format {format} does not match the file name {file}: "
                "end it in {suffix} or leave --format out",
                format=args.format,
                file=args.output,
                suffix=SUFFIXES[args.format],
            ),
            file=sys.stderr,
        )
        return None
    fmt = args.format or implied
    if fmt is None:
        print(
            t(
                "error: choose a format with --format pptx|html|pdf|xlsx|md, "
                "or give -o a file ending in one of .pptx .html .pdf .xlsx .md"
            ),
            file=sys.stderr,
        )
    return fmt


def _since(raw: str | None) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        print(
            t("error: --since '{value}' is not a date: write it as YYYY-MM-DD", value=raw),
            file=sys.stderr,
        )
        return None
