"""The helpers that quote identifiers generated from survey definitions, and trim the answers read with them."""

# every character Python's str.isspace() counts: spaces, tabs, line breaks, and the non-breaking and
# ideographic spaces that Excel and pasted text carry around a value; one set, so that validation, the
# content hash and the tests trim the same way
WHITESPACE = "".join(c for c in map(chr, range(0x3001)) if c.isspace())


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A SQL string literal for names and labels (definitions, file headers).

    Answers are always bound or read from tables.
    """
    return "'" + text.replace("'", "''") + "'"


def trimmed(expression: str) -> str:
    """SQL of the text with all surrounding whitespace dropped, and blank as missing (an unanswered question)."""
    return f"nullif(trim({expression}, {literal(WHITESPACE)}), '')"
