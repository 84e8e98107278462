"""The one helper that quotes identifiers generated from survey definitions."""


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A SQL string literal for names and labels (definitions, file headers).

    Answers are always bound or read from tables.
    """
    return "'" + text.replace("'", "''") + "'"
