"""Import updates (editors only): upload a filled update workbook, see each row's result
and the exact change, then save them all, or none.

The page is in the menu only when editing is configured, shows nothing but the sign-in to
a visitor who is not an editor, and saves through tracker.sheets.updates, the same code as
`python -m tracker import` (which goes through the same store as the update form).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import update_form
from components.data import clear_cache
from components.import_result import ImportDone, ImportStopped, upload_of
from components.layout import footer, page_header
from components.text import escape_markdown
from components.view import current_view
from tracker.edit import auth
from tracker.i18n import t, tn
from tracker.i18n.sentence import spoken
from tracker.sheets.guard import APP_UPLOAD_MB
from tracker.sheets.updates import Checked, ImportRefused, apply_checked, check_upload, summary

CHECKED_KEY = "import_updates_checked"
DONE_KEY = "import_updates_done"
REFUSED_KEY = "import_updates_refused"
ROUND_KEY = "import_updates_round"  # a new uploader after a save, so the saved file goes


def _checked(content: bytes, name: str, force: bool, editor: auth.Editor) -> Checked:
    """Checked once per file, option and data version (each widget click reruns the page)."""
    stamp = (*upload_of(content, name), force, view.data.versions)
    kept = st.session_state.get(CHECKED_KEY)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    checked = check_upload(content, name, view.data.path, editor, force=force)
    st.session_state[CHECKED_KEY] = (stamp, checked)
    return checked


def _show(checked: Checked) -> None:
    if checked.problems:
        table = pd.DataFrame(
            [
                {
                    t("Cell"): problem.where.removeprefix(checked.shown + ":"),
                    t("Result"): t("refused") if problem.is_error else t("warning"),
                    t("Message"): problem.text,
                }
                for problem in sorted(checked.problems)
            ]
        )
        cell, result, message = t("Cell"), t("Result"), t("Message")
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_config={
                cell: st.column_config.TextColumn(cell, width=130),
                result: st.column_config.TextColumn(result, width=90),
                message: st.column_config.TextColumn(message, width="large"),
            },
        )
    for answer in checked.answers:
        with st.expander(
            t(
                "Row {row}: {id}",
                row=answer.row,
                id=answer.change.objective_id,
            ),
            expanded=len(checked.answers) <= 3,
        ):
            st.code(answer.proposal.diff or t("(no change)"), language="diff")
            if answer.proposal.note:
                st.caption(escape_markdown(spoken(answer.proposal.note)))


def _save(
    checked: Checked,
    upload: tuple[str, str],
    editor: auth.Editor,
    settings: auth.EditingSettings,
) -> None:
    if not auth.still_allowed(settings, editor):
        st.error(t("You are no longer on the editors' list: nothing was saved."))
        return
    try:
        imported = apply_checked(checked, view.data.path, editor, git_commit=settings.git_commit)
    except ImportRefused as refusal:
        st.session_state.pop(CHECKED_KEY, None)
        st.session_state[REFUSED_KEY] = ImportStopped(upload, refusal)
        st.rerun()
    clear_cache()
    failed = [commit.detail for commit in imported.commits if not commit.committed]
    st.session_state[DONE_KEY] = ImportDone(
        len(imported.saved),
        tuple(sorted({saved.proposal.shown for saved in imported.saved})),
        failed[0] if failed else None,
    )
    st.session_state.pop(CHECKED_KEY, None)
    st.session_state.pop(REFUSED_KEY, None)
    st.session_state[ROUND_KEY] = st.session_state.get(ROUND_KEY, 0) + 1
    st.rerun()


view = current_view()
page_header(
    view,
    t("Import updates"),
    t(
        "Upload a workbook an institution filled in (made by `python -m tracker workbook`, "
        "or saved from it as CSV UTF-8): every row is checked, each mistake named by its "
        "cell, and the updates are saved all together or not at all."
    ),
)
editing = update_form.editing_settings()
if not editing.can_edit:
    st.info(t("Editing is not configured on this server, so nothing can be imported here."))
    footer(view)
    st.stop()
signed_in = update_form.editor_or_sign_in(editing)
if signed_in is None:
    footer(view)
    st.stop()
done = st.session_state.get(DONE_KEY)
if isinstance(done, ImportDone):
    st.success(done.text())  # until the next file is uploaded
uploaded = st.file_uploader(
    t("Filled workbook (.xlsx) or CSV"),
    type=["xlsx", "csv"],
    max_upload_size=APP_UPLOAD_MB,
    key=f"import_updates_file_{st.session_state.get(ROUND_KEY, 0)}",
)
# Streamlit's own line under the drop zone ("1MB per file • XLSX, CSV") is English only and
# hidden (components/layout.py); this says the same in the reader's language.
st.caption(
    t(
        "Drop the file on the box above, or choose it with its button: one workbook (.xlsx) "
        "or CSV file of at most {limit} MB.",
        limit=APP_UPLOAD_MB,
    )
)
force = st.checkbox(
    t("Also apply rows whose objective changed since the workbook was made"),
    key="import_updates_force",
)
if uploaded is not None:
    st.session_state.pop(DONE_KEY, None)  # a new file: the last import's result has been read
    if uploaded.size > APP_UPLOAD_MB * 1024 * 1024:
        st.error(
            t("The file is over {limit} MB: split it into several workbooks.", limit=APP_UPLOAD_MB)
        )
    else:
        content = uploaded.getvalue()
        upload = upload_of(content, uploaded.name)
        stopped = st.session_state.get(REFUSED_KEY)
        if isinstance(stopped, ImportStopped) and stopped.upload == upload:
            st.error(stopped.text())  # until this file is saved, or another one uploaded
        result = _checked(content, uploaded.name, force, signed_in)
        if result.can_import:
            st.info(escape_markdown(summary(result)))
        else:
            st.error(
                escape_markdown(summary(result))
                + ". "
                + t("Nothing will be saved until every row named below is fixed.")
            )
        _show(result)
        if (
            result.can_import
            and result.answers
            and st.button(
                tn("Save {count} update", "Save {count} updates", len(result.answers)),
                type="primary",
                key="import_updates_save",
            )
        ):
            _save(result, upload, signed_in, editing)
footer(view)
