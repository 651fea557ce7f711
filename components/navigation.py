"""The app's pages, registered once: app.py registers every page from this list, links between
pages name these constants, and the tests open every page from the same list.

Presentation mode is a page too: not in the menu (the sidebar's toggle, `?present=1` on any
address, or its own address /presentation opens it), and Exit goes back to the pages."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.i18n import N_


@dataclass(frozen=True)
class PageSpec:
    key: str  # a short name for tests and logs
    path: str  # the page's script, relative to the project
    title: str  # the English message; app.py passes it through t()
    icon: str
    editors_only: bool = False  # in the menu only when editing is configured
    in_menu: bool = True  # False: registered (its address opens it) but not listed


OVERVIEW = "components/pages/overview.py"
OBJECTIVES = "components/pages/objectives.py"
OBJECTIVE = "components/pages/objective.py"
AMMUNITION = "components/pages/ammunition.py"
CAMPAIGN = "components/pages/campaign.py"
PARTNERSHIP_GOALS = "components/pages/partnership_goals.py"
CHANGES = "components/pages/changes.py"
EVIDENCE = "components/pages/evidence.py"
PROBLEMS = "components/pages/problems.py"
MEETING_PACK = "components/pages/meeting_pack.py"
IMPORT_UPDATES = "components/pages/import_updates.py"
PRESENTATION = "components/pages/presentation.py"

# In menu order; the first is the default page.
PAGES = (
    PageSpec("overview", OVERVIEW, N_("Overview"), ":material/dashboard:"),
    PageSpec("objectives", OBJECTIVES, N_("Objectives"), ":material/table_rows:"),
    PageSpec("objective", OBJECTIVE, N_("Objective detail"), ":material/description:"),
    PageSpec("ammunition", AMMUNITION, N_("Ammunition destruction"), ":material/bomb:"),
    PageSpec("campaign", CAMPAIGN, N_("Information campaign"), ":material/campaign:"),
    PageSpec("partnership_goals", PARTNERSHIP_GOALS, N_("Partnership goals"), ":material/flag:"),
    PageSpec("changes", CHANGES, N_("Changes since"), ":material/history:"),
    PageSpec("evidence", EVIDENCE, N_("Evidence"), ":material/link:"),
    PageSpec("problems", PROBLEMS, N_("Data problems"), ":material/report:"),
    PageSpec("meeting_pack", MEETING_PACK, N_("Meeting pack"), ":material/slideshow:"),
    PageSpec(
        "import_updates", IMPORT_UPDATES, N_("Import updates"), ":material/upload_file:", True
    ),
    PageSpec(
        "presentation",
        PRESENTATION,
        N_("Presentation mode"),
        ":material/co_present:",
        in_menu=False,
    ),
)


def menu(editing: bool) -> tuple[PageSpec, ...]:
    """The pages a visitor can open: editors' pages only where editing is configured."""
    return tuple(spec for spec in PAGES if editing or not spec.editors_only)


# The detail page's address, for plain HTML links (tiles) that cannot use st.page_link.
OBJECTIVE_URL_PATH = "objective"
