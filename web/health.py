"""`/healthz`: whether the process can read its database, for a load balancer or an uptime check."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from dashboards.database import cursor


def _organisations() -> int:
    con = cursor()  # the process's one connection (opened, migrated and loaded the first time), a cursor of it
    try:
        return con.execute("select count(*) from organisations").fetchall()[0][0]
    finally:
        con.close()


async def healthz(request: Request) -> JSONResponse:
    """200 with the number of organisations when the database answers; 503 with a sentence when it does not."""
    try:
        organisations = await run_in_threadpool(_organisations)  # DuckDB blocks: keep it off the event loop
    except Exception:
        return JSONResponse({"status": "unavailable", "detail": "The database does not answer."}, status_code=503)
    return JSONResponse({"status": "ok", "organisations": organisations})


ROUTES = [Route("/healthz", healthz, methods=["GET"])]
