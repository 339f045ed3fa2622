"""How the web app words what it shows: a screening option in a message names the upload
form's control, and times read as people read them.

A screening option in a message is named by the label the form shows (``the “Worksheet”
field``), never as a command-line flag (see :func:`countersight.exc.mention`). The form
takes its labels from :data:`CONTROLS` too, so a message and the control it names cannot
drift apart."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import TypeVar

from markupsafe import Markup

from countersight.exc import InputError, administrator_option, mention, word

_Choice = TypeVar("_Choice", bound=StrEnum)

# Each option's control on the upload form, by the option's name.
CONTROLS = {
    "map": "Column mapping",
    "sheet": "Worksheet",
    "decimal": "Number format",
    "kind": "The file lists",
    "skip_invalid": "Skip rows that cannot be read",
    "identifiers_only": "Screen on identifiers alone",
    "encoding": "Text encoding",
    "holdings": "Fund row to look through",
}
_BOXES = frozenset({"skip_invalid", "identifiers_only"})


def as_control(option: str, value: str | None) -> str:
    """``the “Worksheet” field``, ``“Number format”: comma``, ``the line name=Firm in
    “Column mapping”``, ``the “Skip rows that cannot be read” box``; an option of the
    administrator's ``update`` as what an administrator can do."""
    if (admin := administrator_option(option)) is not None:
        return admin
    label = CONTROLS.get(option, option.replace("_", " "))
    if option in _BOXES:
        return f"the “{label}” box"
    if option == "map" and value:
        return f"the line {value} in “{label}”"
    if value is None or option == "holdings":
        return f"the “{label}” field"
    return f"“{label}”: {value}"


def web_text(text: str | None) -> str:
    """A stored message (a failed screening's) as the web app words it."""
    return "" if text is None else word(text, as_control)


def choice(kind: type[_Choice], value: str, option: str) -> _Choice | None:
    """A select's value as its enum; an empty value is "tell from the file"."""
    if not value:
        return None
    try:
        return kind(value)
    except ValueError:
        choices = " or ".join(repr(str(c)) for c in kind)
        raise InputError(f"{mention(option)} is {value!r}; choose {choices}") from None


def when(iso: str) -> Markup:
    """A stored UTC time, readable ("3 Dec 2026, 10:45 UTC"), in a ``<time>`` element that
    the pages' script turns into the reader's local time."""
    moment = datetime.fromisoformat(iso)
    moment = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
    shown = f"{moment.day} {moment:%b %Y, %H:%M} UTC"
    return Markup('<time class="local-time" datetime="{}">{}</time>').format(
        moment.isoformat(), shown
    )


__all__ = ["CONTROLS", "as_control", "choice", "web_text", "when"]
