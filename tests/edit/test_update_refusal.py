"""A refused update points at the mistake where it stands in the file on disk."""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml

from tracker.load.loader import display_path


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


def test_a_value_the_writer_would_change_is_refused_at_its_line(tmp_path: Path, run_cli) -> None:
    # The escapes above it alone could be written out (same values); `-095`, text for YAML
    # 1.1, would come back as the number -95, so the save stops there, and says where.
    # Fresh dates each time: PyYAML writes one object used twice as an anchor and alias.
    document = {
        "plan": {
            "id": "p",
            "title": "Plan",
            "start": datetime.date(2020, 1, 1),
            "end": datetime.date(2030, 1, 1),
            "areas": [{"id": "obuka", "title": "Obuka"}],
        },
        "objectives": [
            {
                "id": "obuka-nis",
                "title": "Obuka u Nišu",
                "type": "activity",
                "area": "obuka",
                "owner": "Ministarstvo odbrane – Sektor",
                "start": datetime.date(2020, 1, 1),
                "due": datetime.date(2030, 1, 1),
                "status": "on-track",
                "field": "-095",
            }
        ],
    }
    plan = tmp_path / "p.yaml"
    plan.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    before = plan.read_bytes()
    line = before.decode().splitlines().index("  field: -095") + 1
    refused = run_cli(
        "update", "obuka-nis", "--status", "at-risk", "--by", "Ana", "--data", str(tmp_path)
    )
    assert refused.code == 1
    assert f"{display_path(plan)}:{line}:" in refused.err
    assert "nothing was written" in refused.err
    assert plan.read_bytes() == before
