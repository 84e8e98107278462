"""Settings, read once at the edge: command line, then environment, then .streamlit/secrets.toml."""

from __future__ import annotations

import os
import secrets as random
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent
SECRETS = ROOT / ".streamlit" / "secrets.toml"
LOOPBACK = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}
LOWEST_THRESHOLD = 5  # the Government Statistical Service's usual floor for counts of people; never lower


class SettingRefused(ValueError):
    """A setting that cannot be used as given; its message is one sentence for whoever set it."""


@dataclass(frozen=True)
class Settings:
    db_path: Path
    reference_dir: Path
    suppression_threshold: int  # figures from fewer respondents than this are suppressed
    public_url: str = ""  # the address people outside reach the app at; links in letters and e-mails start with it
    allow_loopback_links: bool = False  # tests only: let letters and e-mails point at 127.0.0.1
    run_by: str = "the council and its Carers Board"  # who runs the surveys, as the start page names them
    contact_email: str = ""  # where carers can ask for help or another format
    contact_phone: str = ""
    session_idle_minutes: int = 30  # a signed-in session ends after this long without an interaction
    session_hours: int = 12  # and this long after signing in, whatever happens
    retention_years: int = 6  # raw rows of a wave are purged this many years after it closes
    backup_dir: str = ""  # where the app writes a backup each day while it serves; none when empty
    backup_keep: int = 14  # backups kept in backup_dir; older ones are deleted

    @property
    def secret_key(self) -> str:
        """The key that signs cookies and short-lived links: CARERS_MONITOR_SECRET_KEY, else a file beside the
        database made once with 256 random bits and readable by the owner only."""
        return os.environ.get("CARERS_MONITOR_SECRET_KEY") or _secrets().get("secret_key") or _key_file(self.db_path)


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

    def text(name: str, default: str = "") -> str:
        # str(): secrets.toml may hold a TOML boolean (allow_loopback_links = true), which has no .strip()
        return str(os.environ.get(f"CARERS_MONITOR_{name.upper()}") or secrets.get(name) or default).strip()

    if not str(threshold).strip().isdigit() or int(threshold) < LOWEST_THRESHOLD:
        raise SettingRefused(
            f"The suppression threshold is set to {threshold}; it cannot be below {LOWEST_THRESHOLD} "
            "(CARERS_MONITOR_SUPPRESS_BELOW or suppress_below in secrets.toml), so figures about a few carers "
            "are never shown."
        )
    return Settings(
        db_path=_from_root(db_path),
        reference_dir=_from_root(reference),
        suppression_threshold=int(threshold),
        public_url=text("public_url").rstrip("/"),
        allow_loopback_links=text("allow_loopback_links").lower() in ("1", "true", "yes"),
        run_by=text("run_by", Settings.run_by),
        contact_email=text("contact_email"),
        contact_phone=text("contact_phone"),
        session_idle_minutes=int(text("session_idle_minutes", str(Settings.session_idle_minutes))),
        session_hours=int(text("session_hours", str(Settings.session_hours))),
        retention_years=int(text("retention_years", str(Settings.retention_years))),
        backup_dir=text("backup_dir"),
        backup_keep=int(text("backup_keep", str(Settings.backup_keep))),
    )


@cache
def current() -> Settings:
    """The settings of this process, for code that is not handed them (the app's pages)."""
    return read(_db_from_argv())


def public_address_problem(config: Settings) -> str | None:
    """Why links made now would not reach people (unset, or this machine's own address); None when they would."""
    return link_address_problem(config.public_url, allow_loopback=config.allow_loopback_links)


def link_address_problem(public_url: str, *, allow_loopback: bool = False) -> str | None:
    """public_address_problem for an address handed in (the pipelines take it as a parameter, to stay testable)."""
    public_url = public_url.strip().rstrip("/")
    if not public_url:
        return (
            "Set the public address first (CARERS_MONITOR_PUBLIC_URL, for example https://carers.example.gov.uk): "
            "without it, links in letters and e-mails would not reach anyone."
        )
    host = urlsplit(public_url).hostname or ""
    if urlsplit(public_url).scheme not in ("http", "https") or not host:
        return f"The public address {public_url} is not a web address starting with https://."
    if (host in LOOPBACK or host.startswith("127.")) and not allow_loopback:
        return (
            f"The public address {public_url} is this computer's own address, which nobody else can open: "
            "set CARERS_MONITOR_PUBLIC_URL to the address people reach the app at."
        )
    return None


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


def _key_file(db_path: Path) -> str:
    """The key in `secret_key` beside the database, made whole before it appears: written to a private temporary
    file, then linked into place, which fails if another thread or process got there first (so all read one key)."""
    path = db_path.parent / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".secret_key.{os.getpid()}.{random.token_hex(4)}")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as key:
            key.write(random.token_urlsafe(32))
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    return path.read_text().strip()
