"""IPAP Tracker core, with no Streamlit: load plan files, judge them, tabulate, chart, export, edit.

The front door: the few names a script needs, so it never has to know the layout inside.

    from tracker import load_portfolio, build_report
    portfolio = load_portfolio("commitments")
    for problem in portfolio.problems:
        print(problem)

Inside, arrows point one way: load -> rules -> tables -> charts -> export, with edit beside
them on the same model (README, "Layout"). The names below are imported on first use, so
`python -m tracker validate` never pays for pandas or python-pptx.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_FRONT_DOOR = {
    "load_portfolio": "tracker.load.loader",
    "Portfolio": "tracker.load.loader",
    "Problem": "tracker.problems",
    "Unreadable": "tracker.load.loader",
    "preview": "tracker.edit.store",
    "save": "tracker.edit.store",
    "StatusChange": "tracker.edit.store",
    "build_report": "tracker.export",
}
__all__ = [
    "Portfolio",
    "Problem",
    "StatusChange",
    "Unreadable",
    "__version__",
    "build_report",
    "load_portfolio",
    "preview",
    "save",
]
assert set(__all__) == {"__version__", *_FRONT_DOOR}

if TYPE_CHECKING:
    from tracker.edit.store import StatusChange, preview, save
    from tracker.export import build_report
    from tracker.load.loader import Portfolio, Unreadable, load_portfolio
    from tracker.problems import Problem


def __getattr__(name: str) -> Any:
    if name not in _FRONT_DOOR:
        raise AttributeError(f"module 'tracker' has no attribute {name!r}")
    value = getattr(import_module(_FRONT_DOOR[name]), name)
    globals()[name] = value
    return value
