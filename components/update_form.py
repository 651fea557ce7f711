"""The update form under an objective's details: sign in, fill in, preview the change, save.

A viewer sees none of it: the form exists only when editing is configured in
`.streamlit/secrets.toml` (see `.streamlit/secrets.example.toml`). Saving goes through
tracker.edit.store, the same code as `python -m tracker update`, which checks the editor's
right again itself. The preview shows the exact lines the save will change; if the file
changes on disk in between, the save is refused and what was typed stays in the form.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import streamlit as st

from components import sync_panel
from components.data import clear_cache, load_data
from components.text import escape_markdown
from tracker.edit import auth, store
from tracker.i18n import N_, format_percent, input_day_format, t, tn
from tracker.i18n.sentence import Sentence, spoken
from tracker.model import RECOMMENDED_EVIDENCE_KINDS, Objective
from tracker.statuses import STATUS_LABELS, STATUS_ORDER
from tracker.tables.wording import unit_name

EDITOR_KEY = "ipap_editor"
SAVED_KEY = "ipap_update_saved"
REFUSED_KEY = "ipap_update_refused"
FIELDS = (
    "status",
    "progress",
    "date",
    "note",
    "source",
    "evidence_title",
    "evidence_url",
    "evidence_kind",
    "evidence_internal",
    "evidence_date",
    "measurement",
    "measurement_date",
)


# Where a problem's path in the file (`evidence[1].url`) was typed in the form: the label of
# that field, so a message names what the editor sees, not the file's structure.
_FIELD_OF_PATH: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), label)
    for pattern, label in (
        (r"^(updates\[\d+\]\.)?status$", N_("Status")),
        (r"^(updates\[\d+\]\.)?progress$", N_("Progress (%)")),
        (r"^updates\[\d+\]\.date$", N_("Date of the update")),
        (r"^updates\[\d+\]\.note$", N_("Note: what changed")),
        (
            r"^updates\[\d+\]\.source$",
            N_("Source of this assessment (a web address or a citation)"),
        ),
        (r"^evidence\[\d+\]\.title$", N_("Evidence title")),
        (r"^evidence\[\d+\]\.url$", N_("Evidence link (https://...)")),
        (r"^evidence\[\d+\]\.kind$", N_("Kind")),
        (r"^evidence\[\d+\]\.date$", N_("Date of the evidence")),
        (r"^metric\.measurements\[\d+\]\.value$", N_("New measurement")),
        (r"^metric\.measurements\[\d+\]\.date$", N_("Measured on")),
    )
)
# "objective 'alpha-ammo' evidence[1].url: 'ftp://...' is not a web address ..."
_OBJECTIVE_PROBLEM = re.compile(r"^objective '[^']*' (?P<path>[\w\[\].]+): (?P<text>.+)$", re.S)
# "objective 'alpha-ammo': status is 'completed' but progress is 20%: ..." (the whole update)
_ABOUT_OBJECTIVE = re.compile(r"^objective '[^']*': (?P<text>.+)$", re.S)


def form_problem(problem: object) -> str:
    """A problem as the form says it, in the reader's language: the field's label and the
    sentence; a problem the form's fields did not cause keeps its file and line, so it can
    be found."""
    message = getattr(problem, "message", problem)
    path, text = _about_objective(message)
    if path is not None:
        for pattern, label in _FIELD_OF_PATH:
            if pattern.match(path):
                return t("{field}: {problem}", field=t(label), problem=spoken(text))
    if path is None and text is not None:  # about the update as a whole: it says which fields
        said_text = spoken(text)
        return said_text[:1].upper() + said_text[1:]
    return str(problem)


def _about_objective(message: object) -> tuple[str | None, object | None]:
    """(the part of the objective, the sentence about it) of a problem about an objective:
    ("evidence[1].url", "... is not a web address"), (None, sentence) about the whole
    objective, or (None, None). A Sentence is read by its parts, so the sentence can be said
    in the reader's language; plain English text by its words."""
    if isinstance(message, Sentence):
        values = message.values
        where = values.get("where")
        if (
            message.forms[0] == "{where}: {sentence}"
            and isinstance(where, Sentence)
            and where.forms[0] == "objective '{name}' {path}"
        ):
            return str(where.values["path"]), values["sentence"]
        if message.forms[0] == "objective '{name}': {message}":
            return None, values["message"]
    text = str(message)
    found = _OBJECTIVE_PROBLEM.match(text)
    if found:
        return found["path"], found["text"]
    about = _ABOUT_OBJECTIVE.match(text)
    if about:
        return None, about["text"]
    return None, None


def _problem_list(problems: list[str]) -> str:
    """Problems as a list of lines that wrap, not a code block that cuts them off."""
    return "\n".join(f"- {escape_markdown(problem)}" for problem in problems)


def _key(objective_id: str, name: str) -> str:
    """One set of widgets per objective, so what was typed for one never lands on another."""
    return f"ipap_update_{objective_id}_{name}"


def update_form(objective_id: str, data_path: Path) -> None:
    """Render the form for one objective (nothing at all when editing is not configured)."""
    settings = auth.editing_settings(_secrets())
    if not settings.can_edit:
        return
    st.divider()
    st.subheader(t("Record an update"))
    for mistake in settings.mistakes:
        st.warning(t("Editing settings: {mistake}", mistake=escape_markdown(spoken(mistake))))
    _show_saved(objective_id)
    editor = _signed_in_editor(settings)
    if editor is None:
        _sign_in(settings)
        return
    _signed_in_bar(editor)
    _form(objective_id, data_path, editor, settings)


def editing_settings() -> auth.EditingSettings:
    """What `[editing]` in the secrets says; no secrets file means read-only."""
    return auth.editing_settings(_secrets())


def signed_in_editor() -> auth.Editor | None:
    """The editor signed in to this session, or None (a viewer, or editing not configured)."""
    settings = editing_settings()
    return _signed_in_editor(settings) if settings.can_edit else None


def editor_or_sign_in(settings: auth.EditingSettings) -> auth.Editor | None:
    """The signed-in editor (with the sign-out bar), or the sign-in controls and None.

    For other editors' pages (Import updates): one sign-in for the whole session.
    """
    editor = _signed_in_editor(settings)
    if editor is None:
        _sign_in(settings)
        return None
    _signed_in_bar(editor)
    return editor


def _secrets() -> dict[str, Any]:
    """The secrets as a plain dict; no secrets file means no editing."""
    return sync_panel.app_secrets()


def _user() -> dict[str, Any]:
    try:
        return dict(st.user.to_dict())
    except Exception:  # no identity provider configured: nobody is signed in that way
        return {}


def _signed_in_editor(settings: auth.EditingSettings) -> auth.Editor | None:
    if settings.uses_sso:
        editor = auth.sso_editor(settings, _user())
        if editor is not None:
            return editor
    editor = st.session_state.get(EDITOR_KEY)
    if editor is not None and not auth.still_allowed(settings, editor):
        del st.session_state[EDITOR_KEY]  # removed from the secrets since signing in
        return None
    return editor


def _sign_in(settings: auth.EditingSettings) -> None:
    if settings.uses_sso:
        user = _user()
        if user.get("is_logged_in"):
            st.info(
                t(
                    "You are signed in as {email}, who is not on the editors' list: ask the "
                    "administrator to add you.",
                    email=escape_markdown(user.get("email") or "?"),
                )
            )
        else:
            st.button(
                t("Sign in with single sign-on"),
                key="ipap_sso_sign_in",
                on_click=_start_sso,
                args=(settings.sso_provider,),
            )
    if not settings.uses_passwords:
        return
    with st.form("ipap_sign_in", clear_on_submit=True):
        st.caption(t("Editors sign in to record an update."))
        name = st.text_input(t("Editor name"), key="ipap_sign_in_name")
        password = st.text_input(t("Password"), type="password", key="ipap_sign_in_password")
        submitted = st.form_submit_button(t("Sign in"))
    if submitted:
        editor = auth.sign_in(settings, name, password)
        if editor is None:
            st.error(t("Wrong editor name or password: you are not signed in."))
            return
        st.session_state[EDITOR_KEY] = editor
        st.rerun()


def _start_sso(provider: str | None) -> None:
    if provider:
        st.login(provider)
    else:
        st.login()


def _signed_in_bar(editor: auth.Editor) -> None:
    left, right = st.columns([4, 1])
    left.caption(
        t(
            "Signed in as **{name}** ({how}).",
            name=escape_markdown(editor.name),
            how=t(editor.signed_in_with),
        )
    )
    if right.button(t("Sign out"), key="ipap_sign_out"):
        st.session_state.pop(EDITOR_KEY, None)
        if editor.signed_in_with == auth.SIGNED_IN_WITH_SSO:
            st.logout()
        st.rerun()


def _show_saved(objective_id: str) -> None:
    """The outcome of the save made in the previous run (the page has reloaded since)."""
    saved = st.session_state.get(SAVED_KEY, {})
    message = saved.pop(objective_id, None) if isinstance(saved, dict) else None
    if message:
        st.success(message)


def _form(
    objective_id: str,
    data_path: Path,
    editor: auth.Editor,
    settings: auth.EditingSettings,
) -> None:
    objective = load_data(data_path).portfolio.objective(objective_id)
    if objective is None:
        st.info(
            t(
                "This objective has a problem in its file, so it cannot be updated here. "
                "Fix the file first (see Data problems), or use `python -m tracker update`."
            )
        )
        return
    change, mistake = _fields(objective)
    preview_key = _key(objective_id, "preview")
    _show_refused(objective_id)
    if st.button(t("Preview the change"), key=_key(objective_id, "preview_button")):
        if mistake:
            st.error(mistake)
            st.session_state.pop(preview_key, None)
        else:
            _preview(data_path, change, editor, preview_key)
    shown = st.session_state.get(preview_key)
    if shown is None:
        return
    if shown["change"] != change or mistake:
        st.caption(t("The form has changed since the preview: preview again to save."))
        return
    if shown["rewritten"]:
        # Lines the writer gives back another way (an escape written out) sit in the diff
        # among the lines of the change; say so, or they read as part of it.
        lines = ", ".join(str(number) for number in shown["rewritten"])
        st.info(
            tn(
                "This save also rewrites line {lines}, which you did not change: its values "
                "stay the same, only written out (an escape such as \\u0161 becomes the "
                "letter itself).",
                "This save also rewrites {count} lines you did not change ({lines}): their "
                "values stay the same, only written out (an escape such as \\u0161 becomes "
                "the letter itself).",
                len(shown["rewritten"]),
                lines=lines,
            )
        )
    if shown["internal"]:
        st.info(
            t(
                "Internal evidence: '{title}' is shown to the ministry's own users only and left "
                "out of the public view and public editions.",
                title=escape_markdown(shown["internal"]),
            ),
            icon=":material/lock:",
        )
    st.code(shown["diff"] or t("(no change)"), language="diff")
    if shown["warnings"]:
        st.warning(
            t("Check before saving: the data would then say something unlikely.")
            + "\n\n"
            + _problem_list(shown["warnings"])
        )
    if shown["problems"]:
        st.error(
            t("This change would make the file invalid, so it cannot be saved:")
            + "\n\n"
            + _problem_list(shown["problems"])
        )
        return
    if st.button(t("Save"), type="primary", key=_key(objective_id, "save_button")):
        _save(data_path, change, editor, settings, shown["base_hash"], preview_key)


def _fields(objective: Objective) -> tuple[store.StatusChange, str | None]:
    """The form's widgets, read into a change (and what is missing, if anything)."""
    objective_id = objective.id
    keys = {name: _key(objective_id, name) for name in FIELDS}
    if st.session_state.pop(_key(objective_id, "clear"), False):
        for key in keys.values():
            st.session_state.pop(key, None)
    today = datetime.date.today()
    first, second = st.columns(2)
    status = first.selectbox(
        t("Status"),
        STATUS_ORDER,
        index=STATUS_ORDER.index(objective.status),
        format_func=lambda value: t(STATUS_LABELS[value]),
        key=keys["status"],
    )
    progress = second.number_input(
        t("Progress (%)"),
        min_value=0.0,
        max_value=100.0,
        value=None,
        step=5.0,
        placeholder=t("unchanged"),
        key=keys["progress"],
    )
    day = first.date_input(
        t("Date of the update"),
        value=today,
        max_value=today,
        format=input_day_format(),
        key=keys["date"],
    )
    measurement = None
    measured_on = None
    if objective.metric is not None:
        measurement = second.number_input(
            t("New measurement ({unit})", unit=unit_name(objective.metric.unit)),
            value=None,
            placeholder=t("none"),
            key=keys["measurement"],
        )
        measured_on = second.date_input(
            t("Measured on"),
            value=None,
            max_value=today,
            format=input_day_format(),
            help=t("The day of the measurement; empty: the update's date."),
            key=keys["measurement_date"],
        )
    note = st.text_area(t("Note: what changed"), key=keys["note"])
    source = st.text_input(
        t("Source of this assessment (a web address or a citation)"),
        key=keys["source"],
        placeholder=t("https://... or 'Ministry of Defence report, 2020-03-02'"),
    )
    with st.expander(t("Evidence (optional)")):
        title = st.text_input(t("Evidence title"), key=keys["evidence_title"])
        url = st.text_input(t("Evidence link (https://...)"), key=keys["evidence_url"])
        kind = st.selectbox(
            t("Kind"),
            RECOMMENDED_EVIDENCE_KINDS,
            index=None,
            format_func=t,
            accept_new_options=True,
            placeholder=t("report, news, decision, ..."),
            key=keys["evidence_kind"],
        )
        evidence_day = st.date_input(
            t("Date of the evidence"),
            value=None,
            max_value=today,
            format=input_day_format(),
            help=t("The document's own date; empty: the update's date."),
            key=keys["evidence_date"],
        )
        internal = st.checkbox(
            t("Internal: for the ministry only (left out of the public view and editions)"),
            key=keys["evidence_internal"],
        )
    evidence = None
    mistake = None
    if title.strip() or url.strip():
        if not title.strip():
            mistake = t("Evidence needs a title.")
        elif not url.strip() and not internal:
            mistake = t("Public evidence needs a link; an internal document may have none.")
        evidence = store.EvidenceLink(
            title.strip(),
            url.strip() or None,
            kind or None,
            access="internal" if internal else "public",
            date=evidence_day if isinstance(evidence_day, datetime.date) else None,
        )
    change = store.StatusChange(
        objective_id=objective_id,
        status=str(status),
        date=day if isinstance(day, datetime.date) else today,
        progress=progress,
        note=note.strip() or None,
        evidence=evidence,
        measurement=measurement,
        source=source.strip() or None,
        measurement_date=measured_on if isinstance(measured_on, datetime.date) else None,
    )
    return change, mistake


def _preview(
    data_path: Path, change: store.StatusChange, editor: auth.Editor, preview_key: str
) -> None:
    try:
        proposal = store.preview(data_path, change, editor)
    except store.StoreError as refusal:
        st.session_state.pop(preview_key, None)
        _show_refusal(refusal)
        return
    # Sanity warnings (a negative amount, a total going down) are shown, never blocking.
    found = [*proposal.problems, *getattr(proposal, "warnings", [])]
    warnings = [form_problem(p) for p in found if getattr(p, "severity", "error") == "warning"]
    errors = [form_problem(p) for p in found if getattr(p, "severity", "error") != "warning"]
    internal = change.evidence is not None and change.evidence.access == "internal"
    st.session_state[preview_key] = {
        "change": change,
        "base_hash": proposal.base_hash,
        "diff": proposal.diff,
        "problems": errors,
        "warnings": list(dict.fromkeys(warnings)),
        "rewritten": [rewrite.line for rewrite in proposal.rewritten],
        "internal": change.evidence.title if internal and change.evidence else None,
    }


def _save(
    data_path: Path,
    change: store.StatusChange,
    editor: auth.Editor,
    settings: auth.EditingSettings,
    base_hash: str,
    preview_key: str,
) -> None:
    if not auth.still_allowed(settings, editor):
        st.error(t("You are no longer on the editors' list: nothing was saved."))
        return
    syncing = sync_panel.app_sync_settings()
    if syncing.enabled:
        # Pull first: a save on files older than the shared ones is refused below as a
        # change on disk since the preview, and the editor previews against the new files.
        sync_panel.pull_before_save(data_path, syncing, editor.name)
    try:
        saved = store.save(
            data_path,
            change,
            editor,
            expected_hash=base_hash,
            # In a synced clone a save is a commit: that is how it reaches the others.
            git_commit=settings.git_commit or syncing.enabled,
        )
    except store.StoreError as refusal:
        # The typed values stay in the widgets; the stale preview and its Save go, and the
        # page is drawn again so the refusal is not left below a diff that no longer holds.
        st.session_state.pop(preview_key, None)
        st.session_state.setdefault(REFUSED_KEY, {})[change.objective_id] = _refusal_shown(refusal)
        st.rerun()
    clear_cache()
    message = t(
        "Saved to {file}: {id} is now **{status}**",
        file=escape_markdown(saved.proposal.shown),
        id=escape_markdown(change.objective_id),
        status=t(STATUS_LABELS[change.status]),
    )
    if change.progress is not None:
        message += f" ({format_percent(change.progress / 100)})"
    message += "."
    if saved.commit is not None:
        message += " " + (
            t(
                "Recorded in git as {commit}, by {name}.",
                commit=saved.commit.detail,
                name=escape_markdown(editor.name),
            )
            if saved.commit.committed
            else t("Not recorded in git: {reason}.", reason=escape_markdown(saved.commit.detail))
        )
    if syncing.enabled and saved.commit is not None and saved.commit.committed:
        message += " " + sync_panel.after_save(data_path, syncing, editor.name)
    results = st.session_state.setdefault(SAVED_KEY, {})
    results[change.objective_id] = message
    st.session_state.pop(preview_key, None)
    st.session_state[_key(change.objective_id, "clear")] = True
    st.rerun()


def _refusal_shown(refusal: store.StoreError) -> dict[str, object]:
    """What the editor reads of a refusal: kept across the rerun that clears the preview."""
    return {
        "conflict": isinstance(refusal, store.Conflict),
        "message": refusal.message,  # said in the reader's language when shown
        "problems": [form_problem(problem) for problem in refusal.problems],
    }


def _show_refusal(refusal: store.StoreError | dict[str, object]) -> None:
    shown = refusal if isinstance(refusal, dict) else _refusal_shown(refusal)
    text = escape_markdown(spoken(shown["message"]))
    if shown["problems"]:
        text += "\n\n" + _problem_list(list(shown["problems"]))
    if shown["conflict"]:
        st.warning(text)
    else:
        st.error(text)


def _show_refused(objective_id: str) -> None:
    """The refusal of the save tried in the previous run, shown once where the preview was."""
    refused = st.session_state.get(REFUSED_KEY, {})
    shown = refused.pop(objective_id, None) if isinstance(refused, dict) else None
    if shown:
        _show_refusal(shown)
