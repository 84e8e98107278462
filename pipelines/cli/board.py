"""CLI command for the Carers Board: make the quarter's board pack."""

from __future__ import annotations

from pathlib import Path

from pipelines.cli.database import with_database


def add_parsers(sub) -> None:
    pack = sub.add_parser("board-pack", help="make the Carers Board's pack for a quarter (PDF or HTML)")
    pack.add_argument("--quarter", required=True, help="the quarter, e.g. 2011-Q3")
    pack.add_argument("--out", type=Path, required=True, help="file to write: .pdf or .html")
    pack.set_defaults(run=board_pack)


@with_database
def board_pack(con, args, config) -> int:
    from board.export import make_pack  # WeasyPrint loads in about a second: only for this command

    as_pdf = args.out.suffix.lower() == ".pdf"
    pack = make_pack(con, args.quarter, username="command line", threshold=config.suppression_threshold, pdf=as_pdf)
    if as_pdf:
        args.out.write_bytes(pack.pdf)
    else:
        args.out.write_text(pack.html, encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KB) in {pack.seconds:.1f} s")
    return 0
