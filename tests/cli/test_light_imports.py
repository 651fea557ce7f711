"""A command that only checks or prints help starts without pandas or plotly.

`validate` runs in CI and the pre-commit hook on every push: the exporters' and tables'
imports would cost it more than the data does. Each case runs in a fresh interpreter, the
only place where sys.modules says what a command itself imported.
"""

from __future__ import annotations

import pytest

from tests.support import SHIPPED, python_json

HEAVY = ("pandas", "plotly", "pptx", "openpyxl", "streamlit")
_PROBE = """
import contextlib, io, json, sys
from tracker.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        code = main(sys.argv[1:])
    except SystemExit as exit_request:
        code = exit_request.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _run(*args: str, cache: str = "off") -> dict[str, object]:
    env = {"PATH": "/usr/bin:/bin", "IPAP_CACHE": cache, "IPAP_LANG": "en"}
    return python_json(_PROBE, *args, env=env)


@pytest.mark.parametrize(
    "args",
    [
        ("validate", str(SHIPPED)),
        ("validate", "--format", "json", str(SHIPPED)),
        ("validate", "--help"),
        ("summary", "--help"),
        ("report", "--help"),
        ("--help",),
    ],
)
def test_checking_and_help_leave_pandas_and_plotly_out(args: tuple[str, ...]) -> None:
    outcome = _run(*args)
    assert outcome["code"] == 0
    modules = set(outcome["modules"])  # type: ignore[arg-type]
    assert "tracker.cli" in modules
    assert [name for name in HEAVY if name in modules] == []


def test_summary_and_a_dry_run_update_leave_pandas_and_plotly_out(tmp_path) -> None:
    """`summary` counts from the objectives and `update --dry-run` only validates: at 10,000
    objectives pandas' import and the frames were most of their time (issue 19)."""
    summary = _run("summary", str(SHIPPED))
    assert summary["code"] == 0
    update = _run(
        "update", "ipap2-ammo", "--status", "on-track", "--note", "probe", "--by", "Probe",
        "--dry-run", "--data", str(SHIPPED),
    )  # fmt: skip
    assert update["code"] == 0
    for outcome in (summary, update):
        modules = set(outcome["modules"])  # type: ignore[arg-type]
        assert "tracker.load.loader" in modules  # the data was loaded: the probe saw the work
        assert [name for name in HEAVY if name in modules] == []


def test_the_probe_sees_a_heavy_import() -> None:
    """The probe can fail: `report` builds its pack with pandas."""
    outcome = _run("report", "--format", "md", "--data", str(SHIPPED))
    assert outcome["code"] == 0
    assert "pandas" in outcome["modules"]  # type: ignore[operator]


def test_validate_and_summary_from_a_kept_verdict_leave_the_models_out(tmp_path) -> None:
    """Nothing changed since the last run: the portfolio's verdict is read back
    (tracker.load.verdict), without the loader, pydantic or a model (issue 19)."""
    env = {
        "PATH": "/usr/bin:/bin",
        "IPAP_CACHE_DIR": str(tmp_path / "cache"),
        "IPAP_LANG": "en",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    first = python_json(_PROBE, "validate", str(SHIPPED), env=env)
    assert "tracker.load.loader" in first["modules"]  # judged, and the verdict kept
    for args in (("validate", str(SHIPPED)), ("summary", str(SHIPPED))):
        outcome = python_json(_PROBE, *args, env=env)
        assert outcome["code"] == first["code"] == 0
        modules = set(outcome["modules"])
        assert "tracker.load.verdict" in modules
        assert [
            m for m in ("tracker.load.loader", "tracker.model", "pydantic") if m in modules
        ] == []
