"""Editors only: the editing settings, password checks, single sign-on and who `--by` is."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tracker.edit import auth
from tracker.edit.auth import Editor, editing_settings, hash_password, sign_in, sso_editor

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def password_hash() -> str:
    return hash_password(PASSWORD)


@pytest.fixture
def settings(password_hash: str) -> auth.EditingSettings:
    return editing_settings(
        {"editing": {"enabled": True, "editors": {"Ana Petrovic": password_hash}}}
    )


def test_without_an_editing_section_the_app_is_read_only() -> None:
    for secrets in (None, {}, {"other": {"x": 1}}):
        assert not editing_settings(secrets).can_edit


def test_editing_needs_both_the_switch_and_a_way_to_sign_in(password_hash: str) -> None:
    assert not editing_settings({"editing": {"enabled": True}}).can_edit
    switched_off = {"editing": {"enabled": False, "editors": {"Ana": password_hash}}}
    assert not editing_settings(switched_off).can_edit


def test_a_plain_password_in_the_settings_is_refused_with_what_to_do() -> None:
    settings = editing_settings({"editing": {"enabled": True, "editors": {"Ana": "secret123"}}})
    assert not settings.can_edit
    assert any("hash-password" in mistake and "Ana" in mistake for mistake in settings.mistakes)
    assert sign_in(settings, "Ana", "secret123") is None


def test_wrong_types_in_the_settings_are_named() -> None:
    settings = editing_settings({"editing": {"enabled": "yes", "git_commit": 1}})
    assert not settings.enabled
    assert any("enabled should be true or false" in m for m in settings.mistakes)
    assert any("git_commit" in m for m in settings.mistakes)


def test_the_right_password_signs_in_and_a_wrong_one_does_not(
    settings: auth.EditingSettings,
) -> None:
    editor = sign_in(settings, "Ana Petrovic", PASSWORD)
    assert editor is not None and editor.name == "Ana Petrovic"
    assert auth.is_editor(editor)
    assert sign_in(settings, "Ana Petrovic", PASSWORD + "!") is None
    assert sign_in(settings, "Ana Petrovic", "") is None
    assert sign_in(settings, "Marko Markovic", PASSWORD) is None  # not an editor


def test_hashes_are_salted_argon2id() -> None:
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first.startswith("$argon2id$") and second.startswith("$argon2id$")
    assert first != second  # a fresh salt each time


def test_an_account_may_carry_an_email_for_the_git_author(password_hash: str) -> None:
    settings = editing_settings(
        {
            "editing": {
                "enabled": True,
                "editors": {"Ana": {"password_hash": password_hash, "email": "ana@example.org"}},
            }
        }
    )
    editor = sign_in(settings, "Ana", PASSWORD)
    assert editor is not None and editor.email == "ana@example.org"


def test_an_editor_cannot_be_made_by_hand() -> None:
    with pytest.raises(TypeError, match=r"tracker\.edit\.auth"):
        Editor("Intruder")
    assert not auth.is_editor(object())
    assert not auth.is_editor(None)


def test_single_sign_on_admits_only_listed_emails() -> None:
    settings = editing_settings(
        {
            "auth": {"redirect_uri": "http://localhost:8501/oauth2callback"},
            "editing": {"enabled": True, "oidc": {"emails": ["Ana@Example.gov.rs"]}},
        }
    )
    assert settings.can_edit and not settings.mistakes
    listed = {"is_logged_in": True, "email": "ana@example.gov.rs", "name": "Ana Petrovic"}
    editor = sso_editor(settings, listed)
    assert editor is not None and editor.name == "Ana Petrovic"
    assert editor.signed_in_with == auth.SIGNED_IN_WITH_SSO
    assert sso_editor(settings, {**listed, "email": "someone@example.org"}) is None
    assert sso_editor(settings, {**listed, "is_logged_in": False}) is None


def test_single_sign_on_without_an_auth_section_is_a_named_mistake() -> None:
    settings = editing_settings({"editing": {"enabled": True, "oidc": {"emails": ["a@b.rs"]}}})
    assert any("[auth]" in mistake for mistake in settings.mistakes)


def test_a_session_loses_the_right_when_its_editor_is_removed(
    settings: auth.EditingSettings, password_hash: str
) -> None:
    editor = sign_in(settings, "Ana Petrovic", PASSWORD)
    assert auth.still_allowed(settings, editor)
    others = editing_settings({"editing": {"enabled": True, "editors": {"Marko": password_hash}}})
    assert not auth.still_allowed(others, editor)
    assert not auth.still_allowed(settings, auth.command_line_editor("Ana Petrovic"))


def test_the_command_line_user_comes_from_ipap_user_then_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPAP_USER", "Jelena Jovanovic")
    assert auth.default_user(tmp_path)[0] == "Jelena Jovanovic"
    monkeypatch.delenv("IPAP_USER")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "config", "user.name", "Desk Officer"], check=True)
    subprocess.run(
        ["git", "-C", str(tmp_path), "config", "user.email", "desk@mod.gov.rs"], check=True
    )
    assert auth.default_user(tmp_path) == ("Desk Officer", "desk@mod.gov.rs")


def test_secrets_files_are_merged_and_a_broken_one_is_named(tmp_path: Path) -> None:
    home = tmp_path / "home.toml"
    home.write_text("[editing]\nenabled = true\n", encoding="utf-8")
    local = tmp_path / "local.toml"
    local.write_text("[editing]\ngit_commit = true\n", encoding="utf-8")
    broken = tmp_path / "broken.toml"
    broken.write_text("[editing\n", encoding="utf-8")
    merged, mistakes = auth.read_secrets([home, local, broken, tmp_path / "missing.toml"])
    assert merged == {"editing": {"git_commit": True}}  # later files win, as in Streamlit
    assert len(mistakes) == 1 and "broken.toml" in mistakes[0] and "line 1" in mistakes[0]


def _hash_password_cli(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracker", "hash-password", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        timeout=120,
        check=False,
    )


def test_hash_password_prints_a_line_to_paste_into_the_secrets() -> None:
    result = _hash_password_cli("Ana Petrović", stdin=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    pasted = tomllib.loads("[editing.editors]\n" + result.stdout)
    settings = editing_settings({"editing": {"enabled": True, **pasted["editing"]}})
    assert sign_in(settings, "Ana Petrović", PASSWORD) is not None
    assert PASSWORD not in result.stdout


def test_hash_password_refuses_a_short_or_missing_password() -> None:
    assert _hash_password_cli("Ana", stdin="short\n").returncode == 2
    assert _hash_password_cli("Ana", stdin="").returncode == 2


def test_the_example_secrets_file_is_valid_and_safe_as_copied() -> None:
    example = Path(__file__).resolve().parents[2] / ".streamlit" / "secrets.example.toml"
    settings = editing_settings(tomllib.loads(example.read_text(encoding="utf-8")))
    assert settings.enabled and not settings.mistakes
    assert not settings.can_edit  # no editor until someone pastes a hash line
