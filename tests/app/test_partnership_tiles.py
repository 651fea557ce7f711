"""Past MAX_TILES goals the partnership-goals page says how many it shows of how many, the
goals in the form the whole count asks for after "of" (Serbian "од 302 циља", "од 305
циљева")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import markdown_text, open_app


def _many_goals(folder: Path, count: int) -> Path:
    goals = "\n".join(
        f"""
  - id: mg-goal-{number}
    title: Partnership goal {number}
    type: partnership-goal
    area: mg-work
    owner: Ministry of Defence
    start: 2025-01-01
    due: 2027-12-31
    status: on-track"""
        for number in range(1, count + 1)
    )
    text = f"""plan:
  id: mg
  title: Many goals
  start: 2025-01-01
  end: 2027-12-31
  areas:
    - {{id: mg-work, title: Practical work}}
  sources:
    - {{title: Many goals as agreed}}

objectives:{goals}
"""
    (folder / "many.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("language", "count", "said"),
    [
        ("sr-Cyrl", 302, "Као плочице приказано је првих 300 од 302 циља партнерства"),
        ("sr-Latn", 305, "Kao pločice prikazano je prvih 300 od 305 ciljeva partnerstva"),
        ("en", 305, "Showing the first 300 of 305 goals as tiles"),
    ],
)
def test_the_tile_limit_says_of_how_many_in_the_plural_form(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, language: str, count: int, said: str
) -> None:
    app = open_app(
        monkeypatch, _many_goals(tmp_path, count), "partnership_goals", {"lang": language}
    )
    text = " ".join([markdown_text(app), *(info.value for info in app.info)])
    assert said in text
