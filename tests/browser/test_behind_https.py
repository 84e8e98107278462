"""The app behind nginx over HTTPS, as deploy/nginx.conf ships it: each security header arrives once and from the
app (on Streamlit's pages and files, the survey forms and the websocket's handshake), HSTS among them because
X-Forwarded-Proto reaches the app, and the app works through the proxy in Chromium.

nginx runs as this user on loopback ports, from deploy/nginx.conf with only its addresses and certificate paths
changed (each change must find its one line, so the test cannot drift from the template), with a self-signed
certificate made here by openssl, in front of the real app; it is always stopped, whatever happens.
"""

from __future__ import annotations

import contextlib
import grp
import http.client
import os
import pwd
import re
import shutil
import socket
import ssl
import subprocess
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from streamlit import config as streamlit_config
from websockets.sync.client import connect as open_websocket
from websockets.typing import Origin, Subprotocol

from accounts import sessions
from accounts.users import add_user
from tests.browser.conftest import free_port, new_page, serve, stop_process_group
from tests.browser.journeys import open_waves, sign_in, submit, visit
from tests.conftest import ROOT
from warehouse.connection import connect
from web.security import DASHBOARDS_POLICY, FORMS_POLICY, HEADERS, HSTS

TEMPLATE = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")  # /usr/sbin: off a user's PATH
OPENSSL = shutil.which("openssl")
SECURITY = [*HEADERS, "content-security-policy", "strict-transport-security"]
PASSWORD = "a long proxied password"  # the Board member's, who signs in through the proxy
# What a proxy rightly answers for itself: its connection, its date and name, the body's framing. Every other
# header must come through exactly as the app sent it.
PROXY_OWN = {"date", "server", "connection", "keep-alive", "transfer-encoding", "content-length"}


@dataclass(frozen=True)
class Proxied:
    https: str  # through nginx: https://127.0.0.1:PORT
    http: str  # nginx's plain-HTTP side, which only redirects
    app: str  # the app itself, on its loopback port behind nginx
    tls: ssl.SSLContext  # trusts the test's certificate and nothing else


def render(template: str, *, http_port: int, https_port: int, app_port: int, certificate: Path, key: Path) -> str:
    """deploy/nginx.conf on loopback ports with the test's certificate; every other line as shipped (IPv4 only)."""
    changes = {
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen [::]:80;": "",
        "listen 443 ssl;": f"listen 127.0.0.1:{https_port} ssl;",
        "listen [::]:443 ssl;": "",
        "server 127.0.0.1:8501;": f"server 127.0.0.1:{app_port};",
        "/etc/letsencrypt/live/carers.example.gov.uk/fullchain.pem": str(certificate),
        "/etc/letsencrypt/live/carers.example.gov.uk/privkey.pem": str(key),
    }
    for old, new in changes.items():
        assert template.count(old) == 1, f"deploy/nginx.conf no longer has exactly one {old!r}"
        template = template.replace(old, new)
    return template


def main_config(folder: Path, site: Path) -> str:
    """nginx's own settings for a run by this user: pid, logs and temporary files in the test's folder, and
    the site included as Debian's nginx.conf includes conf.d/*.conf."""
    temp = folder / "temp"
    # as root, nginx hands its workers to `nobody`, who may not enter pytest's private temporary folder
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};"
    return f"""
{user if os.geteuid() == 0 else ""}
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
events {{ worker_connections 64; }}
http {{
    access_log {folder}/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {site};
}}
"""


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, valid for a day (EC: made in milliseconds, unlike RSA)."""
    assert OPENSSL, "openssl is missing (Debian's openssl package)"
    certificate, key = folder / "certificate.pem", folder / "key.pem"
    subprocess.run(
        [
            *(OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"),
            *("-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"),
            *("-keyout", str(key), "-out", str(certificate)),
        ],
        check=True,
        capture_output=True,
    )
    return certificate, key


@contextlib.contextmanager
def run_nginx(nginx: str, folder: Path, conf: Path, port: int) -> Iterator[None]:
    """Run nginx in the foreground until it listens on `port`; always stop it (and its workers) afterwards."""
    log = folder / "error.log"
    process = subprocess.Popen(
        [nginx, "-p", str(folder), "-e", str(log), "-c", str(conf)],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            if process.poll() is not None:
                assert process.stderr is not None  # started with stderr=PIPE
                found = log.read_text(encoding="utf-8")[-2000:] if log.exists() else ""
                raise RuntimeError(f"nginx stopped: {process.stderr.read().decode()[-2000:]}{found}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("nginx did not listen within 15 seconds")
            time.sleep(0.1)
        yield
    finally:
        stop_process_group(process)


@pytest.fixture(scope="module")
def proxied(demo_db, tmp_path_factory) -> Iterator[Proxied]:
    """The app on its own database with open waves (so a survey can start), nginx in front of it over HTTPS."""
    if NGINX is None:
        pytest.fail("nginx is missing: `make browser-deps` installs it with Chromium (apt-get install nginx)")
    folder = tmp_path_factory.mktemp("https")
    db = folder / "app.duckdb"
    shutil.copy(demo_db, db)
    con = connect(db)
    open_waves(con)
    add_user(con, "chair", "board", display_name="Chair of the Board", password=PASSWORD)
    con.execute("update users set must_change_password = false where username = 'chair'")
    con.close()
    certificate, key = make_certificate(folder)
    tls = ssl.create_default_context(cafile=str(certificate))
    http_port, https_port = free_port(), free_port()
    with serve(db) as app:
        site = folder / "carers-monitor.conf"
        site.write_text(
            render(
                TEMPLATE.read_text(encoding="utf-8"),
                http_port=http_port,
                https_port=https_port,
                app_port=urlsplit(app).port or 0,
                certificate=certificate,
                key=key,
            ),
            encoding="utf-8",
        )
        (folder / "temp").mkdir()
        conf = folder / "nginx.conf"
        conf.write_text(main_config(folder, site), encoding="utf-8")
        with run_nginx(NGINX, folder, conf, https_port):
            yield Proxied(f"https://127.0.0.1:{https_port}", f"http://127.0.0.1:{http_port}", app, tls)


def fetch(url: str, tls: ssl.SSLContext | None = None) -> tuple[int, Message, bytes]:
    with urllib.request.urlopen(url, timeout=30, context=tls) as answer:
        return answer.status, answer.headers, answer.read()


def as_the_app_sent(headers: Message) -> list[tuple[str, str]]:
    return sorted(
        (name.lower(), value)
        for name, value in headers.items()
        if name.lower() not in PROXY_OWN | {"strict-transport-security"}
    )


def test_every_security_header_arrives_once_over_https_on_pages_files_forms_and_the_websocket(proxied):
    _, _, home = fetch(proxied.https + "/", proxied.tls)
    script = re.search(rb'src="\./(static/js/[^"]+\.js)"', home)
    assert script, "Streamlit's page names no script under static/js/"
    for path, policy in (
        ("/", DASHBOARDS_POLICY),
        ("/" + script.group(1).decode(), DASHBOARDS_POLICY),
        ("/healthz", DASHBOARDS_POLICY),
        ("/survey/carer_experience", FORMS_POLICY),
        ("/assets/carers.css", FORMS_POLICY),
    ):
        status, through, _ = fetch(proxied.https + path, proxied.tls)
        _, direct, _ = fetch(proxied.app + path)
        assert status == 200, path
        assert {name: len(through.get_all(name) or []) for name in SECURITY} == dict.fromkeys(SECURITY, 1), path
        assert {name: through[name] for name in HEADERS} == HEADERS, path
        assert through["content-security-policy"] == policy, path
        assert through["strict-transport-security"] == HSTS, path  # the app knew: X-Forwarded-Proto arrived
        assert direct["strict-transport-security"] is None, path  # and only then: plain HTTP gets none
        assert as_the_app_sent(through) == as_the_app_sent(direct), path  # nothing added, hidden or doubled
        assert through["server"] == "nginx", path  # no version (server_tokens off)
    assert "frame-ancestors 'none'" in FORMS_POLICY and "frame-ancestors 'self'" in DASHBOARDS_POLICY

    with open_websocket(
        proxied.https.replace("https", "wss", 1) + "/_stcore/stream",
        ssl=proxied.tls,
        origin=Origin(proxied.https),  # as a browser sends it: Streamlit refuses a websocket from another site
        subprotocols=[Subprotocol("streamlit")],
    ) as websocket:
        assert websocket.response is not None
        handshake = websocket.response
    assert handshake.status_code == 101 and websocket.subprotocol == "streamlit"
    assert {name: len(handshake.headers.get_all(name)) for name in SECURITY} == dict.fromkeys(SECURITY, 1)
    assert {name: handshake.headers[name] for name in HEADERS} == HEADERS
    assert handshake.headers["content-security-policy"] == DASHBOARDS_POLICY
    assert handshake.headers["strict-transport-security"] == HSTS  # scheme wss reached the app

    plain = http.client.HTTPConnection("127.0.0.1", urlsplit(proxied.http).port, timeout=10)
    try:
        plain.request("GET", "/survey/carer_experience?from=letter")
        moved = plain.getresponse()
        assert moved.status == 301
        assert moved.getheader("location") == "https://127.0.0.1/survey/carer_experience?from=letter"
        assert moved.getheader("server") == "nginx"
    finally:
        plain.close()


def test_the_app_works_through_the_proxy_in_chromium(proxied, chromium):
    page = new_page(chromium, {"width": 1280, "height": 900}, ignore_https_errors=True)
    sockets: list[str] = []
    page.on("websocket", lambda websocket: sockets.append(websocket.url))
    try:
        visit(page, proxied.https)  # waits for the first script run, which only the websocket can bring
        page.get_by_role("heading", name="Carers Monitor").wait_for()
        assert "Carers Monitor" in page.title()
        assert proxied.https.replace("https", "wss", 1) + "/_stcore/stream" in sockets
        page.goto(proxied.https + "/survey/carer_experience")
        submit(page, "Start now")  # a POST through the proxy; the journey's cookie is set on the answer
        cookie = next(c for c in page.context.cookies() if c["name"] == "carers_monitor_carer_experience")
        assert cookie["secure"]  # the form saw https too
        assert getattr(page, "refused", None) == []  # Streamlit and the forms work under their policies
    finally:
        page.context.close()


def test_behind_the_proxy_the_session_cookie_is_secure_and_httponly_and_survives_a_reload(proxied, chromium):
    page = new_page(chromium, {"width": 1280, "height": 900}, ignore_https_errors=True)
    try:
        sign_in(page, proxied.https, "chair", PASSWORD)
        cookie = next(c for c in page.context.cookies() if c["name"] == sessions.COOKIE)
        assert cookie["secure"] and cookie["httpOnly"] and cookie["sameSite"] == "Lax"
        page.reload()
        page.wait_for_function("window.__runs > 0", timeout=60_000)
        page.get_by_text("Signed in as").first.wait_for()
        assert "Chair of the Board" in page.get_by_text("Signed in as").first.inner_text()
        assert getattr(page, "refused", None) == []  # the hand-over's one line of script is within the policy
    finally:
        page.context.close()


def test_the_proxy_takes_uploads_as_large_as_streamlit_does():
    """nginx answers a larger body with its own 413 before Streamlit sees it, so the two limits are one number:
    server.maxUploadSize in .streamlit/config.toml, or Streamlit's default while that file does not set it."""
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    megabytes = settings.get("server", {}).get("maxUploadSize")
    if megabytes is None:
        megabytes = streamlit_config._config_options_template["server.maxUploadSize"].default_val
    template = TEMPLATE.read_text(encoding="utf-8")
    assert re.findall(r"^\s*client_max_body_size (\d+)m;", template, re.M) == [str(megabytes)]
