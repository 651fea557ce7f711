"""A refused update points at the mistake where it stands in the file on disk."""

from __future__ import annotations

from pathlib import Path


def test_an_existing_problem_is_reported_at_its_line_on_disk(shipped_copy: Path, run_cli) -> None:
    plan = shipped_copy / "ipap2.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            "    area: emergency-response\n", "    area: emergency-responze\n", 1
        ),
        encoding="utf-8",
    )
    before = plan.read_bytes()
    validated = run_cli("validate", str(shipped_copy))
    (located,) = [line.split(": ", 1)[0] for line in validated.out.splitlines()]
    refused = run_cli(
        "update", "ipap2-ammo", "--status", "on-track", "--note", "x", "--data", str(shipped_copy)
    )
    assert refused.code == 1
    assert located + ": objective" in refused.out + refused.err
    assert f"python -m tracker validate {shipped_copy}" in refused.out + refused.err
    assert plan.read_bytes() == before
