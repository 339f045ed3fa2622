"""Where each record of an XML list starts, so an error can name its line.

ElementTree keeps no line numbers; a second pass with expat (the parser ElementTree uses
itself) records the line of every start tag with a given local name, in document order,
which is the order ElementTree's ``children`` returns them in.
"""

from __future__ import annotations

from xml.parsers import expat


def start_lines(data: bytes, local_name: str) -> list[int]:
    """Line numbers of every element named ``local_name`` (any namespace), in order.

    Only called on data that :func:`~countersight.files.parse_xml` already parsed,
    so a syntax error cannot happen here.
    """
    lines: list[int] = []
    parser = expat.ParserCreate(namespace_separator="}")

    def start(tag: str, _attrs: object) -> None:
        if tag.rsplit("}", 1)[-1] == local_name:
            lines.append(parser.CurrentLineNumber)

    parser.StartElementHandler = start
    body = data.lstrip(b"\xef\xbb\xbf").lstrip()
    parser.Parse(body, True)
    skipped = data[: len(data) - len(body)].count(b"\n")
    return [line + skipped for line in lines]


def line_of(lines: list[int], index: int) -> int | None:
    """The line of the ``index``-th record, or ``None`` when out of range."""
    return lines[index] if 0 <= index < len(lines) else None
