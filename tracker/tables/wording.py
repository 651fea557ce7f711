"""How a figure reads: a count with its share in words, a quantity with thousands separated."""

from __future__ import annotations

from collections.abc import Callable

from tracker.i18n import format_count, format_number, percent_figure, t, tn, tnp, tp
from tracker.i18n.sentence import Amount, Sentence, said, said_n, said_p
from tracker.statuses import STATUS_LABELS


def share_in_words(part: int, whole: int) -> str:
    """A share as a reader says it ("5% of the objectives"), beside the count it is of."""
    if not whole:
        return t("no objectives in this view")
    return t("{percent}% of the objectives", percent=share_figure(part / whole * 100))


def average_note(average: float | None, known: int, total: int) -> str:
    """What an average progress covers, under its figure wherever one is shown (the briefing's
    and the deck's tile, the app's plan cards): "over 1 of 23 objectives", Serbian „за циљеве:
    1 од 23", as an average of the few that report progress is not the plan's progress; with
    none reporting, "no figure yet" (not "over 0 of 15 objectives" under a dash)."""
    if average is None or not known:
        return t("no figure yet")
    return t(
        "over {known} of {total} objectives",
        known=format_count(known),
        total=format_count(total),
    )


def share_figure(percent: float) -> str:
    """A percentage (0..100) for a message that writes the sign itself, with a decimal only
    where it has one at that precision ("5", "12.5"; Serbian "12,5"), and never "100" for less
    than all or "0" for more than nothing (">99.9", "<0.1": tracker.i18n.format_percent)."""
    decimals = 0 if round(percent, 1).is_integer() else 1
    return percent_figure(percent / 100, decimals)


def status_count(count: int, status: str) -> str:
    """A count of objectives with their status mid-sentence, one message so a language
    orders it as it says it: "22 not assessed", Serbian „није процењено: 22” (a count
    before the label read „22 није процењено”, a singular verb after 22)."""
    return t("{count} {status}", count=count, status=t(STATUS_LABELS[status]).lower())


def labelled_count(label: str, count: int, separator: str = " ") -> str:
    """A label with its count as a bar segment, a bar's end, a strip's tooltip or a hover shows
    it, in one form in every language: "Not assessed: 14", „Није процењено: 14” („Није
    процењено 14” on a bar beside „Завршено: 1” at its end read as two forms). `separator`
    follows the colon: a space, or a line break on a narrow column."""
    return f"{label}:{separator}{thousands(count)}"


def thousands(value: float) -> str:
    """A figure with thousands separated, in the reader's signs: 2,000 rather than 2000,
    12.5 kept as 12.5 (Serbian: 2.000 and 12,5).

    A fraction keeps as many decimals (up to three) as it needs not to read as a whole
    number: 0.6 tonnes is "0.6", never "1" ("1 of 1 tonne" would say the target is met),
    0.96 is "0.96", not "1.0". Float noise past the third decimal (5.0000001) reads whole."""
    figure = float(value)
    if figure.is_integer():
        return format_number(figure, 0)
    for digits in (1, 2, 3):
        if not round(figure, digits).is_integer():
            return format_number(figure, digits)
    return format_number(figure, 0)


def estimate(value: float) -> float:
    """A projected figure (a yearly rate) rounded as far as it is known: whole from 10 up
    (99.96 tonnes a year is "100"), one decimal below ("0.3", never "0", which would say
    nothing is destroyed), two where one would still be 0."""
    if abs(value) >= 10:
        return float(round(value))
    return round(value, 1) if round(value, 1) else round(value, 2)


def unit_name(name: object) -> str:
    """A unit of measurement in the reader's words where it is a known one ("tonnes" ->
    "тона"); any other unit as the data writes it."""
    text = "" if name is None else str(name).strip()
    # Without a figure beside it a count unit names the count ("број циљева"), never a bare
    # genitive plural that only a number could govern.
    known = {"tonnes": t("tonnes"), "goals": t("number of goals")}
    return known.get(text, text)


def quantity(value: float, name: object, escape: Callable[[str], str] = str) -> str:
    """A figure with its unit, the unit in the form the figure asks for.

    A whole figure picks its form by the catalogue's plural rule (ngettext): Serbian says
    "1 тона", "2 тоне", "5 тона", "21 тона", "22 тоне", and "1 циљ", "2 циља", "5 циљева".

    A figure with decimals ("2.000,5") is no case of that rule: gettext's plural forms are
    chosen by a whole number n (the catalogue's Plural-Forms expression is of n % 10 and
    n % 100 only, and Python's gettext refuses a fraction), so it has no form for 2,5. Serbian
    grammar governs the noun of a decimal figure by the fraction ("две целе и пет десетих
    тоне"): the genitive singular, "2,5 тоне", "2.000,5 тоне", "0,5 циља". That is one more
    message per unit, in its own context ("a figure with decimals"), rather than a rule
    written here.

    `escape` is applied to a unit the tracker does not know (the data's words) alone, so a
    page can keep them literal in markdown; any such unit is shown as the data writes it.
    """
    text = "" if name is None else str(name).strip()
    amount = thousands(value)
    whole = float(value).is_integer()
    if text == "tonnes":
        if whole:
            return tn("{count} tonne", "{count} tonnes", int(value), count=amount)
        return tp("a figure with decimals", "{amount} tonnes", amount=amount)
    if text == "goals":
        if whole:
            return tn("{count} goal", "{count} goals", int(value), count=amount)
        return tp("a figure with decimals", "{amount} goals", amount=amount)
    return f"{amount} {escape(text)}" if text else amount


def of_quantity(value: float, name: object, escape: Callable[[str], str] = str) -> str:
    """quantity() as it reads after "of" ("{destroyed} of {target}", "the target of
    {amount}"): its own messages in the context "a figure after of" (the contexts are
    written as literals: Babel's extraction reads only literals), so a language whose preposition
    governs a case has the forms of that case. Serbian „од” takes the genitive, which differs
    from quantity()'s nominative where the figure ends in 1 (not 11): „21 тона” but „од 21
    тоне”, „1 циљ” but „од 1 циља”. A figure with decimals is in the genitive singular
    either way („од 2.000,5 тоне”), still its own message for other languages.

    Serbian: gen. sg. „од 1 тоне”, „од 21 тоне”; after 2-4 the paucal „од 2 тоне”, „од 22
    тоне”; gen. pl. „од 5 тона”, „од 11 тона”, „од 2.000 тона”; masculine „од 1 циља”, „од 2
    циља”, „од 5 циљева”."""
    text = "" if name is None else str(name).strip()
    amount = thousands(value)
    whole = float(value).is_integer()
    if text == "tonnes":
        if whole:
            return tnp(
                "a figure after of", "{count} tonne", "{count} tonnes", int(value), count=amount
            )
        return tp("a figure with decimals after of", "{amount} tonnes", amount=amount)
    if text == "goals":
        if whole:
            return tnp(
                "a figure after of", "{count} goal", "{count} goals", int(value), count=amount
            )
        return tp("a figure with decimals after of", "{amount} goals", amount=amount)
    return f"{amount} {escape(text)}" if text else amount


def said_quantity(value: float, name: object) -> Sentence:
    """quantity() for a sentence made once for every reader (a rule's warning, spoken later
    in each reader's language): the same messages, the form chosen when it is said. The
    figure is an Amount, so the English text reads "2,000 tonnes" and Serbian "2.000 тона"."""
    text = "" if name is None else str(name).strip()
    amount = Amount(value)
    whole = float(value).is_integer()
    if text == "tonnes":
        if whole:
            return said_n("{count} tonne", "{count} tonnes", amount)  # type: ignore[arg-type]
        return said_p("a figure with decimals", "{amount} tonnes", amount=amount)
    if text == "goals":
        if whole:
            return said_n("{count} goal", "{count} goals", amount)  # type: ignore[arg-type]
        return said_p("a figure with decimals", "{amount} goals", amount=amount)
    return said("{amount} {unit}", amount=amount, unit=text)


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
        # One row is one new item: "Доказ", where the Evidence page's title is "Докази".
        "evidence": tp("a kind of change", "Evidence"),
        "measurement": t("Measurement"),
    }
    return names.get(kind, kind)


def unmeasured_target(target: float, name: object, escape: Callable[[str], str] = str) -> str:
    """The notice for a metric with no measurement yet. After "of" Serbian wants the
    genitive ("од 1 циља", "од 5 циљева", "од 21 циља"; "од 1 тоне", "од 2 тоне", "од 5
    тона", "од 21 тоне"), so a whole figure of a counted unit is one plural message rather
    than a figure glued to a fixed unit word. A figure with decimals already stands in the
    genitive singular ("од 2,5 тоне", see quantity()), and a unit the tracker does not know
    is shown as written. `escape` is applied to the unit alone (the data's words), so the
    page can keep them literal in markdown."""
    text = "" if name is None else str(name).strip()
    if float(target).is_integer():
        count = int(target)
        if text == "goals":
            return tn(
                "Not measured yet: no amount is recorded against the target of {count} goal, "
                "so what remains is unknown.",
                "Not measured yet: no amount is recorded against the target of {count} goals, "
                "so what remains is unknown.",
                count,
                count=thousands(target),
            )
        if text == "tonnes":
            return tn(
                "Not measured yet: no amount is recorded against the target of {count} tonne, "
                "so what remains is unknown.",
                "Not measured yet: no amount is recorded against the target of {count} tonnes, "
                "so what remains is unknown.",
                count,
                count=thousands(target),
            )
    return t(
        "Not measured yet: no amount is recorded against the target of {amount}, "
        "so what remains is unknown.",
        amount=quantity(target, text, escape),
    )
