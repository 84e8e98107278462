"""The board pack: the review as one self-contained HTML file (charts inline as SVG) and as a PDF."""

from __future__ import annotations

import html
from pathlib import Path

import jinja2
import pandas as pd
import vl_convert

from board.review import Review

TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=jinja2.select_autoescape(["html", "j2"]),
)


def table_html(caption: str, table: pd.DataFrame) -> str:
    head = "".join(f"<th scope='col'>{html.escape(str(c))}</th>" for c in table.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape('' if pd.isna(v) else str(v))}</td>" for v in row) + "</tr>"
        for row in table.itertuples(index=False)
    )
    return (
        f"<table><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def to_html(review: Review, threshold: int) -> str:
    svgs = {s.key: [vl_convert.vegalite_to_svg(chart.to_dict()) for chart in s.charts] for s in review.sections}
    return TEMPLATES.get_template("pack.html.j2").render(
        review=review, section_svgs=svgs, table_html=table_html, threshold=threshold
    )


def to_pdf(pack_html: str) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, which only the PDF needs

    return HTML(string=pack_html).write_pdf()
