"""Text checks at the edges, for the server's request guard and the upload service: the
rule itself is :mod:`countersight.normalize.storable`."""

from countersight.normalize.storable import check_text, text_problem

__all__ = ["check_text", "text_problem"]
