"""Words the data itself uses (objective types, evidence kinds), marked for the catalogue.

The code shows them with `t(word)` at run time, which extraction cannot see, so they are
listed here; the English catalogue gives each its English label ("round-table" -> "Round
table"). A test keeps this list equal to the model's types and recommended kinds.
"""

from tracker.i18n import N_

DATA_WORDS = (
    # objective types (tracker.model.OBJECTIVE_TYPES)
    N_("partnership-goal"),
    N_("ammunition-destruction"),
    N_("information-campaign"),
    N_("activity"),
    # evidence kinds (tracker.model.RECOMMENDED_EVIDENCE_KINDS), and "other" for the rest
    N_("decision"),
    N_("report"),
    N_("news"),
    N_("media"),
    N_("panel"),
    N_("round-table"),
    N_("seminar"),
    N_("training"),
    N_("exercise"),
    N_("dataset"),
    N_("other"),
)
