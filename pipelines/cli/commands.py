"""What each CLI command does, given parsed arguments; printing stays here, work stays in the pipelines."""

from __future__ import annotations

import argparse
import time

from tqdm import tqdm

from accounts import users
import settings
from pipelines.cli import waves as wave_commands
from pipelines.demo.dataset import generate, remove_demo
from pipelines.sources.files import import_file
from pipelines.cli.limesurvey import sync_limesurvey
from pipelines.sources.limesurvey.lss_export import write_lss
from pipelines.reference import load_reference
from pipelines.sources.template import write_template
from pipelines.outreach.waves import find_wave
from warehouse.connection import connect
from warehouse.prepare import prepare
from warehouse.status import table_counts

def run(args: argparse.Namespace) -> int:
    config = settings.read(args.db)
    if args.command == "template":
        for path in write_template(args.survey, args.out):
            print(f"wrote {path}")
        return 0
    if args.command == "questionnaire":
        return wave_commands.questionnaire(args)
    if args.command == "export-lss":
        print(f"wrote {write_lss(args.survey, args.out)}")
        return 0
    con = connect(config.db_path)
    try:
        prepare(con, config.suppression_threshold)
        if args.command in wave_commands.NAMES:
            return wave_commands.run(con, args)
        return {
            "migrate": lambda: 0,
            "reference": lambda: _reference(con, config),
            "setup": lambda: _setup(con, config, args),
            "import": lambda: _import(con, args),
            "demo": lambda: _demo(con, args),
            "status": lambda: _status(con),
            "add-user": lambda: _add_user(con, args),
            "reset-password": lambda: _reset_password(con, args),
            "board-pack": lambda: _board_pack(con, args, config),
            "sync-limesurvey": lambda: sync_limesurvey(con, args),
        }[args.command]()
    finally:
        con.close()


def _reference(con, config) -> int:
    counts = load_reference(con, config.reference_dir)
    print("reference data loaded: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
    return 0


def _setup(con, config, args) -> int:
    fresh = con.execute("select count(*) from organisations").fetchall()[0][0] == 0
    _reference(con, config)
    if fresh and not args.no_demo:
        print("new database: adding demo data (5,000 carers, 4 waves of 2011/12)...")
        _demo(con, argparse.Namespace(carers=5000, seed=2011, remove=False))
        _demo_accounts(con)
    print(f"database ready: {config.db_path}")
    return 0


def _import(con, args) -> int:
    wave_id = find_wave(con, args.survey, args.wave) if args.wave else None
    bar = tqdm(total=4, desc="importing", unit="step", bar_format="{desc}: {n}/{total} {bar} {elapsed}")
    started = time.perf_counter()

    def step(stage: str) -> None:
        bar.set_description(stage)
        bar.update(1)

    result = import_file(con, args.file, args.survey, wave_id=wave_id, progress=step)
    bar.close()
    print(f"{args.file.name}: {result.received:,} rows read in {time.perf_counter() - started:.1f} s: "
          f"{result.landed:,} landed ({result.new_versions:,} as new versions), "
          f"{result.quarantined:,} quarantined, {result.already_present:,} already present")
    if result.extra_columns:
        print("ignored columns not in the survey: " + ", ".join(result.extra_columns))
    for row, field, reason in result.problems[:20]:
        print(f"  row {row}: {reason}")
    if result.quarantined > 20:
        print(f"  ... and more; every reason is in the rejections table (batch {result.batch_id})")
    return 0


def _demo(con, args) -> int:
    if args.remove:
        removed = remove_demo(con)
        print("demo data removed: " + ", ".join(f"{n:,} from {t}" for t, n in removed.items() if n))
        return 0
    started = time.perf_counter()
    counts = generate(con, carers=args.carers, seed=args.seed)
    print(f"demo data landed in {time.perf_counter() - started:.1f} s: "
          + ", ".join(f"{n:,} {survey}" for survey, n in counts.items()))
    return 0


def _status(con) -> int:
    for table, rows in table_counts(con):
        print(f"{table:32} {rows:>12,}")
    return 0


def _add_user(con, args) -> int:
    password = users.add_user(con, args.username, args.role, org_code=args.org, display_name=args.name,
                                 email=args.email)
    print(f"account {args.username.strip().lower()} ({args.role}) created.")
    print(f"password (shown once; sign in and change it): {password}")
    return 0


def _reset_password(con, args) -> int:
    password = users.reset_password(con, args.username)
    print(f"new password for {args.username} (shown once; they must change it on signing in): {password}")
    return 0


def _demo_accounts(con) -> None:
    print("demo accounts (DEMO ONLY, never for real data; passwords shown this once):")
    for username, role, org_code, password in users.add_demo_accounts(con):
        print(f"  {username:22} {role:14} {org_code or '':8} {password}")


def _board_pack(con, args, config) -> int:
    from board.export import make_pack

    as_pdf = args.out.suffix.lower() == ".pdf"
    pack = make_pack(con, args.quarter, username="command line", threshold=config.suppression_threshold, pdf=as_pdf)
    if as_pdf:
        args.out.write_bytes(pack.pdf)
    else:
        args.out.write_text(pack.html, encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KB) in {pack.seconds:.1f} s")
    return 0
