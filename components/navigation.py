"""Where each page lives, so links between pages and app.py's page list name them once."""

from __future__ import annotations

OVERVIEW = "components/pages/overview.py"
OBJECTIVES = "components/pages/objectives.py"
OBJECTIVE = "components/pages/objective.py"
AMMUNITION = "components/pages/ammunition.py"
CAMPAIGN = "components/pages/campaign.py"
PARTNERSHIP_GOALS = "components/pages/partnership_goals.py"
CHANGES = "components/pages/changes.py"
PROBLEMS = "components/pages/problems.py"

# The detail page's address, for plain HTML links (tiles) that cannot use st.page_link.
OBJECTIVE_URL_PATH = "objective"
EVIDENCE = "components/pages/evidence.py"
