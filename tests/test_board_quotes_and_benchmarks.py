"""Carers' words and benchmarks in the review and pack (issue 18): quotes only from waves and areas
with at least the threshold's number of comments, one per theme, never the same words twice; a
benchmark always says which year it is for."""

from board.sections import quotes_section
from pipelines.landing.land import land
from pipelines.outreach.waves import ensure_wave

BIG, SMALL = "E08000035", "E06000001"  # Leeds with five comments; Hartlepool with two
BOTH = "Breaks for me and money for the bus would help."  # themes: breaks and money


def _comments(con, period: str, by_area: dict[str, list[str]]) -> None:
    wave = ensure_wave(con, "carer_experience", period)
    rows = [{"AREA": area, "DIFFERENCE": said} for area, comments in by_area.items() for said in comments]
    land(con, "carer_experience", rows, source="file", wave_id=wave)


def test_quotes_come_only_from_areas_at_the_threshold_and_never_twice(con):
    _comments(
        con,
        "2024-Q1",
        {
            BIG: [
                BOTH,
                "  breaks FOR me and money for the bus would help. ",
                "A GP who asks about my health.",
                "x",
                "y",
            ],
            SMALL: ["A short break at the seaside.", "Money for respite."],
        },
    )
    quotes = quotes_section(con, "2024-Q1", threshold=5).quotes
    said = [q.words for q in quotes]
    # money's only words in Leeds are already the breaks quote (once as written, once re-spaced): not again
    assert {q.theme for q in quotes} == {"Breaks", "Health"}
    assert not any("seaside" in s or "respite" in s.lower() for s in said)  # two comments: too few to quote
    normalised = [" ".join(s.split()).casefold() for s in said]
    assert len(normalised) == len(set(normalised))  # the same words (even re-spaced) are quoted once


def test_a_wave_with_fewer_comments_than_the_threshold_is_not_quoted(con):
    _comments(con, "2024-Q2", {BIG: ["Breaks at weekends.", "More breaks.", "Breaks please."]})
    section = quotes_section(con, "2024-Q2", threshold=5)
    assert section.quotes == []
    assert "too few carers commented" in section.intro


def test_a_benchmark_names_its_year_even_when_the_year_is_unknown():
    import pandas as pd

    from board.sections import published_words

    assert published_words(72.3, "2011-12", True) == "72.3 (same year)"
    assert published_words(72.3, "2014-15", False) == "72.3 (nearest published year, 2014-15)"
    assert published_words(72.3, "2014-15", pd.NA) == "72.3 (nearest published year, 2014-15)"
    assert published_words(pd.NA, pd.NA, pd.NA) == "not published"
