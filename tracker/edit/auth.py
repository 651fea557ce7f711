"""Who may change the data: the editing settings, password checks, and the editor identity.

The settings come from `.streamlit/secrets.toml` (section `[editing]`), but this module
takes a plain mapping, so the rules are the same for the app, the command line and the
tests. A save needs an `Editor`, and only this module makes one: after a password check,
after a single sign-on whose e-mail is on the list, or for the command line, whose user
already has write access to the files.
"""

from __future__ import annotations

import getpass
import hmac
import os
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from tracker.edit.gitcommit import configured_identity
from tracker.i18n import N_
from tracker.i18n.sentence import said

USER_ENV = "IPAP_USER"
SECRETS_FILE = Path(".streamlit") / "secrets.toml"
SIGNED_IN_WITH_PASSWORD = N_("password")
SIGNED_IN_WITH_SSO = N_("single sign-on")
SIGNED_IN_AT_COMMAND_LINE = N_("command line")

# Argon2id with the library's defaults (RFC 9106's second recommended profile).
_HASHER = PasswordHasher()
_SEAL = object()


@cache
def _dummy_hash() -> str:
    """Checked when the name is unknown, so a wrong name takes as long as a wrong password
    and the time taken does not tell who is an editor."""
    return _HASHER.hash("not the password of anyone")


@dataclass(frozen=True)
class Editor:
    """A person allowed to save; made only by this module's functions."""

    name: str
    email: str = ""
    signed_in_with: str = SIGNED_IN_WITH_PASSWORD
    _seal: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._seal is not _SEAL:
            raise TypeError(
                "an Editor comes from tracker.edit.auth (a password check, single sign-on or "
                "the command line), never built by hand"
            )


def is_editor(candidate: object) -> bool:
    """The check the store makes itself before any write."""
    return isinstance(candidate, Editor) and candidate._seal is _SEAL and bool(candidate.name)


@dataclass(frozen=True)
class Account:
    name: str
    password_hash: str
    email: str = ""


@dataclass(frozen=True)
class EditingSettings:
    """What `[editing]` says; `mistakes` are sentences for whoever set the server up."""

    enabled: bool = False
    git_commit: bool = False
    accounts: tuple[Account, ...] = ()
    sso_emails: frozenset[str] = frozenset()
    sso_provider: str | None = None
    mistakes: tuple[str, ...] = ()

    @property
    def uses_passwords(self) -> bool:
        return self.enabled and bool(self.accounts)

    @property
    def uses_sso(self) -> bool:
        return self.enabled and bool(self.sso_emails)

    @property
    def can_edit(self) -> bool:
        """Editing is on only when it is enabled and at least one way in is configured."""
        return self.uses_passwords or self.uses_sso


def editing_settings(secrets: Mapping[str, Any] | None) -> EditingSettings:
    """Read the `[editing]` section of the secrets; anything missing means read-only."""
    section = _mapping((secrets or {}).get("editing"))
    if section is None:
        return EditingSettings()
    mistakes: list[str] = []
    enabled = _flag(section, "enabled", mistakes)
    git_commit = _flag(section, "git_commit", mistakes)
    accounts: list[Account] = []
    editors = section.get("editors")
    editors_table = _mapping(editors)
    if editors is not None and editors_table is None:
        mistakes.append(said('[editing.editors] should be a table of name = "password hash" lines'))
    for name, value in (editors_table or {}).items():
        account = _account(str(name), value, mistakes)
        if account is not None:
            accounts.append(account)
    sso = _mapping(section.get("oidc")) or {}
    emails_value = sso.get("emails", [])
    if isinstance(emails_value, str) or not isinstance(emails_value, (list, tuple)):
        mistakes.append(
            said('[editing.oidc] emails should be a list: emails = ["name@example.org"]')
        )
        emails_value = []
    emails = frozenset(str(e).strip().lower() for e in emails_value if str(e).strip())
    provider = sso.get("provider")
    if emails and _mapping((secrets or {}).get("auth")) is None:
        mistakes.append(
            said(
                "[editing.oidc] lists e-mails but there is no [auth] section: single sign-on "
                "needs Streamlit's [auth] settings (see .streamlit/secrets.example.toml)"
            )
        )
    return EditingSettings(
        enabled=enabled,
        git_commit=git_commit,
        accounts=tuple(accounts),
        sso_emails=emails,
        sso_provider=str(provider) if provider else None,
        mistakes=tuple(mistakes),
    )


def _mapping(value: Any) -> Mapping[str, Any] | None:
    return value if isinstance(value, Mapping) else None


def _flag(section: Mapping[str, Any], key: str, mistakes: list[str]) -> bool:
    value = section.get(key, False)
    if isinstance(value, bool):
        return value
    mistakes.append(
        said("[editing] {key} should be true or false, not {value}", key=key, value=repr(value))
    )
    return False


def _account(name: str, value: Any, mistakes: list[str]) -> Account | None:
    """`"Name" = "$argon2id$..."`, or a table with `password_hash` and `email`."""
    email = ""
    password_hash = value
    table = _mapping(value)
    if table is not None:
        password_hash = table.get("password_hash")
        email = str(table.get("email", "") or "")
    if not name.strip():
        mistakes.append(said("[editing.editors] has an entry with an empty name"))
        return None
    if not isinstance(password_hash, str) or not password_hash.startswith("$argon2"):
        mistakes.append(
            said(
                "[editing.editors] the entry for '{name}' is not an argon2 password hash: run "
                "`python -m tracker hash-password` and paste the line it prints (never a "
                "plain password)",
                name=name,
            )
        )
        return None
    return Account(name=name.strip(), password_hash=password_hash, email=email)


def hash_password(password: str) -> str:
    """A salted argon2id hash to put in the secrets file instead of the password."""
    return _HASHER.hash(password)


def _name_key(name: str) -> bytes:
    """An editor name as sign-in compares it: case, composed accents and surrounding spaces
    make no difference (the password is what proves who it is)."""
    return unicodedata.normalize("NFC", name.strip()).casefold().encode("utf-8")


def sign_in(settings: EditingSettings, name: str, password: str) -> Editor | None:
    """The editor when the name and password match a configured account, else None.

    Every account's name is compared in constant time and a hash is always checked, so
    neither a near-miss name nor an unknown one answers faster than a wrong password.
    """
    if not settings.uses_passwords or not password:
        return None
    # Names are compared as people write them: "ana petrovic" is "Ana Petrovic".
    wanted = _name_key(name)
    found: Account | None = None
    for account in settings.accounts:
        if hmac.compare_digest(_name_key(account.name), wanted) and found is None:
            found = account
    password_hash = found.password_hash if found is not None else _dummy_hash()
    try:
        _HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if found is None:
        return None
    return Editor(found.name, found.email, SIGNED_IN_WITH_PASSWORD, _seal=_SEAL)


def sso_editor(settings: EditingSettings, user: Mapping[str, Any] | None) -> Editor | None:
    """The editor for a person signed in through the identity provider, if listed."""
    if not settings.uses_sso or not user or not user.get("is_logged_in"):
        return None
    email = str(user.get("email") or "").strip().lower()
    if not email or not any(hmac.compare_digest(email, e) for e in settings.sso_emails):
        return None
    name = str(user.get("name") or "").strip() or email
    return Editor(name, email, SIGNED_IN_WITH_SSO, _seal=_SEAL)


def still_allowed(settings: EditingSettings, editor: Editor | None) -> bool:
    """Whether a signed-in editor is still configured, checked again before every save.

    Removing a name or an e-mail from the secrets takes the right away from a session
    that signed in earlier; a command-line identity never counts in the app.
    """
    if not is_editor(editor) or not settings.can_edit:
        return False
    assert editor is not None
    if editor.signed_in_with == SIGNED_IN_WITH_PASSWORD:
        return any(account.name == editor.name for account in settings.accounts)
    if editor.signed_in_with == SIGNED_IN_WITH_SSO:
        return editor.email.lower() in settings.sso_emails
    return False


def command_line_editor(name: str, email: str = "") -> Editor:
    """Whoever runs the command line can already write the files: no password is asked."""
    if not name.strip():
        raise ValueError(
            said("an editor needs a name: pass --by NAME or set {setting}", setting=USER_ENV)
        )
    return Editor(name.strip(), email, SIGNED_IN_AT_COMMAND_LINE, _seal=_SEAL)


def default_user(folder: Path) -> tuple[str, str]:
    """Name and e-mail for `--by`: IPAP_USER, else git's user.name there, else the OS user."""
    from_env = os.environ.get(USER_ENV, "").strip()
    if from_env:
        return from_env, ""
    name, email = configured_identity(folder if folder.is_dir() else folder.parent)
    if name:
        return name, email
    try:
        return getpass.getuser(), ""
    except (OSError, KeyError):
        return "", ""


def read_secrets(paths: list[Path] | None = None) -> tuple[dict[str, Any], list[str]]:
    """The secrets files the app reads, merged (later wins), for the command line.

    Streamlit reads ~/.streamlit/secrets.toml, then the one in the working folder; the
    command line reads the same files so `git_commit` means the same in both.
    """
    if paths is None:
        paths = [Path.home() / SECRETS_FILE, Path.cwd() / SECRETS_FILE]
    merged: dict[str, Any] = {}
    mistakes: list[str] = []
    for path in paths:
        if not path.is_file():
            continue
        try:
            content = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            mistakes.append(
                said(
                    "{path}: cannot read the secrets file: {error}",
                    path=str(path),
                    error=str(error),
                )
            )
            continue
        merged.update(content)
    return merged, mistakes
