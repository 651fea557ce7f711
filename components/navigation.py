"""The app's pages, registered once: app.py builds its menu from this list, links between
pages name these constants, and the tests open every page from the same list."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    key: str  # a short name for tests and logs
    path: str  # the page's script, relative to the project
    title: str  # the English message; app.py passes it through t()
    icon: str
    editors_only: bool = False  # in the menu only when editing is configured


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

# In menu order; the first is the default page.
PAGES = (
    PageSpec("overview", OVERVIEW, "Overview", ":material/dashboard:"),
    PageSpec("objectives", OBJECTIVES, "Objectives", ":material/table_rows:"),
    PageSpec("objective", OBJECTIVE, "Objective detail", ":material/description:"),
    PageSpec("ammunition", AMMUNITION, "Ammunition destruction", ":material/bomb:"),
    PageSpec("campaign", CAMPAIGN, "Information campaign", ":material/campaign:"),
    PageSpec("partnership_goals", PARTNERSHIP_GOALS, "Partnership goals", ":material/flag:"),
    PageSpec("changes", CHANGES, "Changes since", ":material/history:"),
    PageSpec("evidence", EVIDENCE, "Evidence", ":material/link:"),
    PageSpec("problems", PROBLEMS, "Data problems", ":material/report:"),
    PageSpec("meeting_pack", MEETING_PACK, "Meeting pack", ":material/slideshow:"),
    PageSpec("import_updates", IMPORT_UPDATES, "Import updates", ":material/upload_file:", True),
)


def menu(editing: bool) -> tuple[PageSpec, ...]:
    """The pages a visitor sees: editors' pages only where editing is configured."""
    return tuple(spec for spec in PAGES if editing or not spec.editors_only)


# The detail page's address, for plain HTML links (tiles) that cannot use st.page_link.
OBJECTIVE_URL_PATH = "objective"
