"""How a figure reads: a count with its share in words, a quantity with thousands separated."""

from __future__ import annotations

from collections.abc import Callable

from tracker.i18n import format_number, t, tn


def share_in_words(part: int, whole: int) -> str:
    """A share as a reader says it ("5% of the objectives"), beside the count it is of."""
    if not whole:
        return t("no objectives in this view")
    return t("{percent}% of the objectives", percent=thousands(round(part / whole * 100, 1)))


def thousands(value: float) -> str:
    """A figure with thousands separated, in the reader's signs: 2,000 rather than 2000,
    12.5 kept as 12.5 (Serbian: 2.000 and 12,5)."""
    return format_number(value, 0 if float(value).is_integer() else 1)


def unit_name(name: object) -> str:
    """A unit of measurement in the reader's words where it is a known one ("tonnes" ->
    "тона"); any other unit as the data writes it."""
    text = "" if name is None else str(name).strip()
    # Without a figure beside it a count unit names the count ("број циљева"), never a bare
    # genitive plural that only a number could govern.
    known = {"tonnes": t("tonnes"), "goals": t("number of goals")}
    return known.get(text, text)


def quantity(value: float, name: object) -> str:
    """A figure with its unit, the unit in the form the figure asks for: Serbian says
    "1 циљ", "2 циља", "5 циљева", "21 циљ", so a counted unit goes through the plural rule."""
    text = "" if name is None else str(name).strip()
    if text == "goals" and float(value).is_integer():
        return tn("{count} goal", "{count} goals", int(value), count=thousands(value))
    return f"{thousands(value)} {t('tonnes') if text == 'tonnes' else text}"


def quarter_name(label: object) -> str:
    """A quarter as the tables key it ("2021 Q1") in the reader's words ("1. тромесечје
    2021."); any other label as it is."""
    text = "" if label is None else str(label).strip()
    year, _, number_of = text.partition(" Q")
    if not (year.isdigit() and number_of.isdigit()):
        return text
    return t("{year} Q{quarter}", year=year, quarter=number_of)


def change_name(kind: str) -> str:
    """A kind of change (the changes table's machine word) as the app's Changes page and the
    meeting pack name it; an unknown kind as written."""
    names = {
        "status": t("Status change"),
        "update": t("Update"),
        "evidence": t("Evidence"),
        "measurement": t("Measurement"),
    }
    return names.get(kind, kind)


def unmeasured_target(target: float, name: object, escape: Callable[[str], str] = str) -> str:
    """The notice for a metric with no measurement yet. After "of" Serbian wants the
    genitive ("од 1 циља", "од 5 циљева", "од 21 циља"), so a counted unit is one plural
    message rather than a figure glued to a fixed unit word. `escape` is applied to the
    unit alone (the data's words), so the page can keep them literal in markdown."""
    text = "" if name is None else str(name).strip()
    if text == "goals" and float(target).is_integer():
        return tn(
            "Not measured yet: no amount is recorded against the target of {count} goal, "
            "so what remains is unknown.",
            "Not measured yet: no amount is recorded against the target of {count} goals, "
            "so what remains is unknown.",
            int(target),
            count=thousands(target),
        )
    return t(
        "Not measured yet: no amount is recorded against the target of {amount} {unit}, "
        "so what remains is unknown.",
        amount=format_number(target),
        unit=escape(unit_name(text)),
    )
