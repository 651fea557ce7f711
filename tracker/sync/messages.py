"""What a sync did, in the reader's words: the same sentences in the terminal and the app.

Each function returns plain lines through t()/tn(); the app escapes them for Markdown.
"""

from __future__ import annotations

from tracker.i18n import t, tn
from tracker.sync.objectives import PLAN_HEADER, Arrival, Author, Conflict
from tracker.sync.procedure import Outcome, Reason, State

TAKE_THEIRS = "python -m tracker sync --take-theirs"
KEEP_MINE = "python -m tracker sync --keep-mine"


def _objective(name: str) -> str:
    return t("the plan header") if name == PLAN_HEADER else name


def _objectives(arrival: Arrival) -> str:
    names = list(dict.fromkeys(_objective(name) for name in arrival.objectives))
    return ", ".join(names) if names else t("no objective")


def _authors(authors: tuple[Author, ...]) -> str:
    if not authors:
        return t("unknown")
    names = list(dict.fromkeys(author.name for author in authors))
    commits = ", ".join(author.commit[:10] for author in authors)
    return t("{names} (commit {commits})", names=", ".join(names), commits=commits)


def came_in(outcome: Outcome) -> list[str]:
    return [
        t(
            "In: {objectives}, by {name} ({commit})",
            objectives=_objectives(arrival),
            name=arrival.author.name,
            commit=arrival.author.commit[:10],
        )
        for arrival in outcome.came_in
    ]


def went_out(outcome: Outcome) -> list[str]:
    return [
        t(
            "Out: {objectives}, by {name} ({commit})",
            objectives=_objectives(arrival),
            name=arrival.author.name,
            commit=arrival.author.commit[:10],
        )
        for arrival in outcome.went_out
    ]


def conflict_lines(conflict: Conflict, kept_on: str) -> list[str]:
    return [
        t(
            "Conflict: {objective} in {file} was changed both here and in the shared repository.",
            objective=_objective(conflict.objective),
            file=conflict.file,
        ),
        t("Changed here by {who}.", who=_authors(conflict.mine)),
        t("Changed in the shared repository by {who}.", who=_authors(conflict.theirs)),
    ]


def resolution(outcome: Outcome) -> list[str]:
    return [
        t(
            "Nothing was lost: your commits stay in this clone and on the branch {branch}; "
            "nothing was pushed.",
            branch=outcome.kept_on,
        ),
        t("To resolve it, choose one:"),
        t(
            "take theirs: `{command}` (the shared version stays; yours stays on {branch});",
            command=TAKE_THEIRS,
            branch=outcome.kept_on,
        ),
        t(
            "keep mine: `{command}` (your change goes on top of theirs; theirs stays in the "
            "history);",
            command=KEEP_MINE,
        ),
        t(
            "edit: take theirs, then record the objective again in the app or with "
            "`python -m tracker update` (`git show {branch}` shows what you had).",
            branch=outcome.kept_on,
        ),
    ]


def headline(outcome: Outcome) -> str:
    """One sentence for the outcome as a whole."""
    state = outcome.state
    if state == State.IN_SYNC:
        if outcome.review and outcome.pushed_to:
            return t(
                "In sync with {shared}; your changes went to {branch} and await review.",
                shared=outcome.shared_branch,
                branch=outcome.pushed_to,
            )
        return t("In sync with {shared}.", shared=outcome.shared_branch)
    if state == State.CONFLICT:
        return tn(
            "Not synced: {count} objective was changed on both sides.",
            "Not synced: {count} objectives were changed on both sides.",
            len(outcome.conflicts),
        ) if outcome.conflicts else t(
            "Not synced: git could not combine the changes to {files}.",
            files=", ".join(outcome.unmergeable),
        )  # fmt: skip
    if state == State.INVALID:
        return t(
            "Not synced: the combined plan files would have problems, so nothing was brought "
            "in or pushed; your commits are kept."
        )
    if state == State.UNREACHABLE:
        return tn(
            "The shared repository cannot be reached ({detail}); {count} commit waits here "
            "and goes out at the next sync.",
            "The shared repository cannot be reached ({detail}); {count} commits wait here "
            "and go out at the next sync.",
            outcome.waiting,
            detail=outcome.detail,
        )
    if state == State.NOT_A_CLONE:
        return t(
            "{path} is not inside a git clone: clone the data repository and point "
            "IPAP_DATA at it (README, 'Many offices, one history').",
            path=outcome.detail,
        )
    if state == State.NO_UPSTREAM:
        return t(
            "The branch {branch} has no shared branch to sync with: run "
            "`git branch --set-upstream-to=origin/main` in the clone.",
            branch=outcome.detail,
        )
    if state == State.BUSY:
        return t("Another sync of this clone is running; try again in a moment.")
    if state == State.LOCKED:
        return _locked(outcome)
    return _refusal(outcome)


def _locked(outcome: Outcome) -> str:
    if outcome.reason == Reason.LOCK_IN_USE:
        return t(
            "Not synced: a push to the shared repository held {lock} all the while this sync "
            "waited; your commits are kept here and go out at a later sync.",
            lock=outcome.detail,
        )
    return t(
        "Not synced: the shared repository is locked by {lock}, a file git leaves behind when "
        "a push is cut off. If no push is running there, remove that file where the shared "
        "repository is kept, then sync again; your commits are kept here until then.",
        lock=outcome.detail,
    )


def _refusal(outcome: Outcome) -> str:
    if outcome.reason == Reason.UNCOMMITTED:
        return t(
            "Not synced: these files have changes that are not committed: {files}. Commit "
            "them (`git commit`) or undo them (`git checkout -- FILE`), then sync.",
            files=outcome.detail,
        )
    if outcome.reason == Reason.PASSWORD:
        return t(
            "Not synced: the shared repository's address holds a password ({url}). Remove "
            "it (`git remote set-url`) and let git's credential helper or an SSH key "
            "answer instead.",
            url=outcome.detail,
        )
    if outcome.reason == Reason.UNRELATED:
        return t(
            "Not synced: this clone and {shared} have no history in common; clone the data "
            "repository again.",
            shared=outcome.detail,
        )
    return t("Not synced: git failed: {detail}. Nothing was changed.", detail=outcome.detail)


def describe(outcome: Outcome) -> list[str]:
    """Every line to show for a sync: the headline, what came in and went out, and for a
    conflict which objective, who changed it on each side and how to resolve it."""
    lines = []
    if outcome.recovered:
        lines.append(t("An interrupted sync was finished first."))
    lines.append(headline(outcome))
    for lock in outcome.cleared_locks:
        lines.append(
            t(
                "Removed {lock}: a lock file left by a git that was stopped in the middle of "
                "an update.",
                lock=lock,
            )
        )
    lines += came_in(outcome)
    lines += went_out(outcome)
    for conflict in outcome.conflicts:
        lines += conflict_lines(conflict, outcome.kept_on)
    if outcome.state == State.CONFLICT:
        lines += resolution(outcome)
    lines += [str(problem) for problem in outcome.problems]
    if outcome.state == State.IN_SYNC and not (outcome.came_in or outcome.went_out):
        lines.append(t("Nothing came in and nothing went out."))
    return lines
