"""How the API names a screening option in its messages: the form field of
``POST /screenings`` that sets it (``the `sheet` field``, ``decimal=comma``), never a
command-line flag (see :func:`countersight.exc.mention`)."""

from __future__ import annotations

from countersight.exc import administrator_option, word

# Options whose API field has another name, and the yes/no options.
_FIELDS = {"holdings": "fund_key"}
_SWITCHES = frozenset({"skip_invalid", "identifiers_only"})


def as_field(option: str, value: str | None) -> str:
    """``the `sheet` field``, ``decimal=comma``, ``skip_invalid=true``; an option of the
    administrator's ``update`` as what an administrator can do."""
    if (admin := administrator_option(option)) is not None:
        return admin
    field = _FIELDS.get(option, option)
    if option in _SWITCHES:
        return f"`{field}=true`"
    if value is None or option == "holdings":
        return f"the `{field}` field"
    return f"`{field}={value}`"


def api_text(text: str | None) -> str | None:
    """A stored message (a failed screening's) as the API words it."""
    return None if text is None else word(text, as_field)


__all__ = ["api_text", "as_field"]
