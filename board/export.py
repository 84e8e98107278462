"""Making the board pack for a quarter, logged in the audit log, for the page and the command line."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import duckdb

from board.pack import to_html, to_pdf
from board.review import build_review


@dataclass(frozen=True)
class Pack:
    html: str
    pdf: bytes | None
    seconds: float


def make_pack(con: duckdb.DuckDBPyConnection, quarter: str, *, username: str, threshold: int, pdf: bool = True) -> Pack:
    started = time.perf_counter()
    pack_html = to_html(build_review(con, quarter), threshold)
    pack_pdf = to_pdf(pack_html) if pdf else None
    seconds = time.perf_counter() - started
    con.execute(
        "insert into audit_log (username, action, detail) values (?, 'export', ?)",
        [username, json.dumps({"what": "board pack", "quarter": quarter, "pdf": pdf})],
    )
    return Pack(pack_html, pack_pdf, seconds)
