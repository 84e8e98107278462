"""Settings, read once at the edge: command line, then environment, then .streamlit/secrets.toml."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SECRETS = ROOT / ".streamlit" / "secrets.toml"


@dataclass(frozen=True)
class Settings:
    db_path: Path
    reference_dir: Path
    suppression_threshold: int  # figures from fewer respondents than this are suppressed


def _secrets() -> dict:
    if SECRETS.exists():
        return tomllib.loads(SECRETS.read_text(encoding="utf-8"))
    return {}


def read(db: str | None = None) -> Settings:
    """Build settings: `db` from --db wins, then CARERS_MONITOR_DB, then the default."""
    secrets = _secrets()
    db_path = db or os.environ.get("CARERS_MONITOR_DB") or secrets.get("db_path") or "data/carers.duckdb"
    reference = os.environ.get("CARERS_MONITOR_REFERENCE") or ROOT / "reference"
    threshold = os.environ.get("CARERS_MONITOR_SUPPRESS_BELOW") or secrets.get("suppress_below") or 5
    return Settings(
        db_path=_from_root(db_path),
        reference_dir=_from_root(reference),
        suppression_threshold=int(threshold),
    )


@cache
def current() -> Settings:
    """The settings of this process, for code that is not handed them (the app's pages)."""
    return read(_db_from_argv())


def _db_from_argv() -> str | None:
    # `streamlit run app.py -- --db PATH` passes PATH after the script name
    import sys

    args = sys.argv[1:]
    if "--db" in args and args.index("--db") + 1 < len(args):
        return args[args.index("--db") + 1]
    return None


def _from_root(path: str | Path) -> Path:
    path = Path(path)
    return path if path.is_absolute() else ROOT / path
