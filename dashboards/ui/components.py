"""Widgets every dashboard shares: the filters that persist across pages, downloads, suppression."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboards import queries
from dashboards.ui.access import User, require_role
from pipelines import exports
from presentation import labels
from presentation.formats import period_name
from presentation.tables import for_people

SUPPRESSED = "suppressed"
SUPPRESSION_NOTE = (
    "Figures from fewer than 5 respondents are shown as “suppressed”, never as a number, "
    "so no carer can be singled out."
)


# Characters that start Markdown anywhere in a line: code, emphasis, strikethrough, links and images, HTML,
# entities, maths, tables, headings; and those that start a list, heading or quote at the start of one.
MARKUP = re.compile(r"([\\`*_~\[\]<>&$|#])")
LINE_MARKUP = re.compile(r"^(\s*\d*)([-+=.)])", re.M)
# What Streamlit's renderer turns into a link, an emoji or an icon after parsing, in the words themselves,
# where a backslash no longer reaches: bare addresses (`http://`, `www.`, `name@host`) and shortcodes
# (`:smile:`, `:material/home:`). A word joiner (U+2060: invisible, never a line break) in each place one
# would start (after the `:` of `://` or of a shortcode, inside `www.`, after `@`) breaks the pattern and
# changes nothing a reader sees.
LINKED = re.compile(r"(?<=:)(?=//|[\w+/-]+:)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)
WORD_JOINER = "\u2060"
FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"
# Bidirectional classes that can reorder a line: right-to-left letters and numbers, and the explicit
# embeddings, overrides and isolates. Text without any reads left to right and cannot reorder ours.
TURNING = {"R", "AL", "AN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


def isolate(text: object) -> str:
    """Free text set apart for the bidirectional algorithm where it shares a line with ours: a
    right-to-left override (U+202E) or embedding in it then ends where the text ends, so it reverses only
    the writer's own words, never the rest of our line ("Owner: ... · target date: ..."), and a comment in
    Arabic or Hebrew reads in its own direction (the isolate takes it from the text's first strong letter).
    This is Unicode's way of doing what HTML's `<bdi>` does, for the places where Streamlit takes only a
    string: a select box's options (text as text) and, through `escape_markdown`, everything that reads
    Markdown. Text that holds nothing `TURNING` is left as it is. Every character the writer typed stays."""
    text = str(text)
    if not any(unicodedata.bidirectional(char) in TURNING for char in text):
        return text
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"


def escape_markdown(text: object) -> str:
    """Text someone typed or uploaded, made safe for `st.markdown`, `st.write`, `st.caption`, the message
    boxes, `st.metric`, progress bars and widget and expander labels, which all read Markdown: a carer's
    comment holding `[call us](http://...)`, `![](http://...)`, a bare `http://...` or `**` would otherwise
    show as a link, fetch an image from elsewhere, or turn bold on a Board member's screen. A backslash
    before a markup character is CommonMark's escape for it; the word joiners of `LINKED` stop the links
    and emoji Streamlit makes after parsing; other punctuation is left alone so that the message still
    reads plainly; and the result is `isolate`d. Escape each piece of free text where it goes into our
    sentence, not the sentence: only then is it the piece that is isolated. (A table, `st.dataframe`, an
    Altair tooltip and a select box's options show text as text already.)"""
    escaped = LINE_MARKUP.sub(r"\1\\\2", MARKUP.sub(r"\\\1", str(text)))
    return isolate(LINKED.sub(WORD_JOINER, escaped))


ALL = "all"  # how "all regions", "all types" and the like read in the page address


def _in_address(option: object) -> str:
    return ALL if option is None else str(option)


def remembered_select(
    where, label: str, options: list, state_key: str, key: str, url_key: str, *, format_func=str, **options_kw
):
    """A selectbox whose choice lives in the page address (`?url_key=...`, so a bookmarked or shared link
    opens the same view) and in `state_key` (so it carries over to the next page). It starts on the
    address's value, else the remembered choice, else the first option; a value that is not offered here
    (an old bookmark, a quarter not yet published, a typing slip) is passed over, never an error.

    The widget itself holds each option as the address writes it ("all" for None): Streamlit reads a
    select box holding None as "nothing chosen" and would show "Choose an option" for "All regions"."""
    offered = {_in_address(option): option for option in options}
    if key not in st.session_state or st.session_state[key] not in offered:  # its own choice wins while offered
        wanted = st.query_params.get(url_key)
        remembered = st.session_state.get(state_key)
        start = wanted if wanted in offered else _in_address(remembered if remembered in options else options[0])
        st.session_state[key] = start
    shown = where.selectbox(
        label, list(offered), key=key, format_func=lambda address: format_func(offered[address]), **options_kw
    )
    choice = offered[shown]
    st.session_state[state_key] = choice
    st.query_params[url_key] = shown
    return choice


def unchosen_radio(label: str, codes, kind: str, *, key: str) -> None:
    """A choice that starts with nothing chosen, each option named from labels.toml (`kind`): a RAG status
    or an action's ending is the Board's judgement, so no default may choose it for them."""
    st.radio(label, codes, index=None, horizontal=True, key=key, format_func=lambda code: labels.value(kind, code))


def wave_picker(survey_code: str | None, key: str, *, published_only: bool = False) -> str | None:
    """A quarter picker whose choice is in the address (`?quarter=2011-Q3`) and carries over to the next
    page (kept in `filter_period`); `survey_code` None offers the quarters of every survey's waves."""
    periods = queries.periods(survey_code, queries.data_version(), published_only)
    if not periods:
        return None
    return remembered_select(
        st,
        "Quarter",
        periods,
        "filter_period",
        key,
        "quarter",
        format_func=period_name,
        help="The survey wave. Your choice is kept as you move between pages, and in the page's address.",
    )


TYPE_NAMES = {"PCT": "PCTs", "CCG": "CCGs", "ICB": "ICBs", "LA": "councils"}


@dataclass(frozen=True)
class CommissionerFilter:
    """The chosen region code ('none' = no region) and organisation type; None means all."""

    region: str | None
    org_type: str | None
    region_label: str = "All regions"

    def describe(self, commissioners: int) -> str:
        """The filter in words with the number of commissioners it leaves, e.g.
        "North East SHA, PCTs only: 12 commissioners asked"."""
        parts = [self.region_label if self.region else "All regions"]
        parts.append(f"{TYPE_NAMES.get(self.org_type, self.org_type)} only" if self.org_type else "all types")
        noun = "commissioner" if commissioners == 1 else "commissioners"
        return f"{', '.join(parts)}: {commissioners:,} {noun} asked"


def commissioner_filters(period: str, key: str) -> CommissionerFilter:
    """Region (or SHA) and organisation type pickers for the commissioner dashboards, offering only what
    the wave's commissioners have; the choices carry over between pages (`filter_region`, `filter_org_type`)
    and live in the address (`?region=Q30&type=PCT`, `all` for all)."""
    offered = queries.commissioner_filter_options(period, queries.data_version())
    regions = dict(zip(offered["region_code"], offered["region_label"], strict=False))
    types = sorted(set(offered["type"]))
    left, right = st.columns(2)
    region = remembered_select(
        left,
        "Region or SHA",
        [None, *sorted(regions, key=lambda c: regions[c])],
        "filter_region",
        f"{key}_region",
        "region",
        format_func=lambda c: "All regions" if c is None else regions[c],
        help="The commissioner's SHA (PCTs) or NHS region (CCGs, ICBs). Kept across pages.",
    )
    org_type = remembered_select(
        right,
        "Organisation type",
        [None, *types],
        "filter_org_type",
        f"{key}_type",
        "type",
        format_func=lambda t: "All types" if t is None else TYPE_NAMES.get(t, t),
        help="PCTs, CCGs, ICBs or councils. Kept across pages.",
    )
    return CommissionerFilter(region, org_type, regions.get(region, "All regions"))


def filter_note(chosen: CommissionerFilter, commissioners: int) -> bool:
    """Says which filter the figures below are for; False (with a note) when it leaves no commissioner."""
    st.markdown(f"**Showing: {chosen.describe(commissioners)}**")
    if not commissioners:
        st.info("No commissioner in this quarter matches both filters. Choose another region or type.")
    return bool(commissioners)


def open_dashboard(title: str, intro: str, survey_code: str, key: str, nothing_yet: str) -> tuple[User, str]:
    """How every Board dashboard starts: the role check, title and intro, then the quarter; with no
    wave yet it shows the empty state and stops. Returns the signed-in user and the chosen period."""
    user = require_role("board", "administrator")
    st.title(title)
    st.write(intro)
    period = wave_picker(survey_code, key=f"{key}_wave")
    if period is None:
        empty_state(nothing_yet)
        st.stop()
    return user, period


def open_commissioner_dashboard(title: str, intro: str, key: str) -> tuple[User, str, CommissionerFilter]:
    """`open_dashboard` for the commissioners' returns, with the region and type filters under the quarter."""
    user, period = open_dashboard(title, intro, "commissioner_return", key, "commissioners' return")
    return user, period, commissioner_filters(period, key=key)


def empty_state(what: str) -> None:
    st.info(
        f"There is no {what} yet. It appears here once answers for a wave have landed "
        "(an administrator opens waves and imports files; `python -m pipelines demo` adds demo data)."
    )


def downloads(table: pd.DataFrame, name: str, key: str) -> None:
    """The table as CSV and as Excel, side by side, written by `pipelines.exports` so no cell runs as a formula."""
    left, right = st.columns(2)
    left.download_button("Download CSV", exports.csv_bytes(table), f"{name}.csv", "text/csv", key=f"{key}_csv")
    right.download_button(
        "Download Excel",
        exports.excel_bytes({"table": table}),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
    )


def table(
    frame: pd.DataFrame,
    name: str,
    key: str,
    columns: list[str] | None = None,
    *,
    headings: dict[str, str] | None = None,
    **options,
) -> None:
    """A mart's rows as people read them (`presentation.tables.for_people`: headings in words, every value
    formatted), with the very same table to download, so the page and the spreadsheet never differ."""
    shown = for_people(frame, columns, headings=headings)
    st.dataframe(shown, hide_index=True, **options)
    downloads(shown, name, key)
