"""Single sign-on in Chromium through a local OpenID Connect provider: only a verified e-mail signs in.

Everything runs for real but the provider's end of the network (tests/oidc_provider.py): the app
served by `streamlit run`, Streamlit's st.login() and its /auth/login and /oauth2callback routes,
Authlib's discovery, code exchange (client secret and PKCE) and RS256 check of the id_token, and the
browser following each redirect. Plain http on the loopback address is enough: Streamlit sets its
identity cookie without `Secure` (and its state cookie `Secure` only when it serves HTTPS itself), and
Authlib fetches the provider's http addresses as it would https ones.

The [auth] settings reach the app through Streamlit's `secrets.files` option (the environment's
STREAMLIT_SECRETS_FILES), pointing at a secrets.toml in the test's own folder, so no secrets file is
ever written into the repository and a developer's ~/.streamlit/secrets.toml is not read.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Page

from accounts import single_sign_on
from accounts.users import add_user
from tests.browser.conftest import free_port, new_page, serve, wait_ready
from tests.browser.journeys import go_to, visit
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, OpenIDProvider
from warehouse.connection import connect

ADDRESS = "board@example.org"
SSO_BUTTON = "Sign in with your organisation's account"


@pytest.fixture
def app_port() -> int:
    return free_port()


@pytest.fixture
def provider(app_port) -> Iterator[OpenIDProvider]:
    """The provider, told the app's address first: it sends the browser back only to the registered one."""
    server = OpenIDProvider(f"http://127.0.0.1:{app_port}/oauth2callback").start()
    yield server
    server.stop()


@pytest.fixture
def pages(chromium) -> Iterator[Callable[[], Page]]:
    """New desktop pages, each in its own browser context (its own cookies: another person), closed after."""
    made: list[Page] = []

    def page() -> Page:
        made.append(new_page(chromium, {"width": 1280, "height": 900}))
        return made[-1]

    yield page
    for each in made:
        each.context.close()


def secrets_for(provider: OpenIDProvider) -> str:
    return (
        "[auth]\n"
        f'redirect_uri = "{provider.redirect_uri}"\n'
        f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
        f'client_id = "{CLIENT_ID}"\n'
        f'client_secret = "{CLIENT_SECRET}"\n'
        f'server_metadata_url = "{provider.metadata_url}"\n'
    )


def sign_in_with_the_provider(page: Page, url: str) -> None:
    """Press the button on the Sign in page and follow the provider's redirects back to a new session."""
    visit(page, f"{url}/sign_in")
    page.get_by_role("button", name=SSO_BUTTON, exact=True).click()
    page.wait_for_url(f"{url}/", timeout=30_000)  # /auth/login, the provider, /oauth2callback, then the app
    page.wait_for_function("window.__runs > 0", timeout=60_000)
    wait_ready(page)


def test_only_an_email_the_provider_verified_signs_in_and_each_refusal_says_why(
    app_db, app_port, provider, pages, tmp_path
):
    con = connect(app_db)
    # a new account must change its first password before using it, but single sign-on never uses it:
    # the person signed in by their organisation reaches every page of their role at once
    add_user(con, "chair", "board", display_name="Board Chair", email=ADDRESS)
    con.close()
    (tmp_path / "secrets.toml").write_text(secrets_for(provider), encoding="utf-8")
    with serve(app_db, env={"STREAMLIT_SECRETS_FILES": str(tmp_path / "secrets.toml")}, port=app_port) as url:
        verified = pages()
        sign_in_with_the_provider(verified, url)
        sidebar = verified.get_by_test_id("stSidebar")
        sidebar.get_by_text("Signed in as").wait_for()
        assert "Signed in as Board Chair (Carers Board member)" in sidebar.inner_text()
        assert "Plan status" in sidebar.inner_text()  # the whole menu: no password to change first
        assert verified.get_by_role("alert").count() == 0

        provider.claims = {"email": ADDRESS, "email_verified": False, "name": "Board Chair"}
        unverified = pages()
        sign_in_with_the_provider(unverified, url)
        unverified.get_by_text("did not confirm your e-mail address").wait_for()
        assert unverified.get_by_role("alert").inner_text().strip() == single_sign_on.refusal_message(provider.claims)
        assert "Signed in as" not in unverified.get_by_test_id("stSidebar").inner_text()
        go_to(unverified, "Sign in")  # a rerun of the same session: the sentence stays, the refusal is not logged again
        unverified.get_by_text("did not confirm your e-mail address").wait_for()
        unverified.get_by_role("button", name="Sign out of your organisation's account").click()
        unverified.wait_for_url(f"{url}/", timeout=30_000)
        unverified.wait_for_function("window.__runs > 0", timeout=60_000)
        wait_ready(unverified)
        assert unverified.get_by_text("did not confirm your e-mail address").count() == 0
        assert unverified.get_by_role("button", name="Sign out of your organisation's account").count() == 0
    assert provider.requests.count("/token") == 2  # each sign-in exchanged its code for real
    assert "/userinfo" not in provider.requests  # the claims come from the ID token alone (docs/operating.md)

    con = connect(app_db)
    lines = con.execute(
        "select username, action, detail from audit_log where action like 'sign_in%' order by audit_id"
    ).fetchall()
    kept_address = con.execute("select count(*) from audit_log where detail ilike ?", [f"%{ADDRESS}%"]).fetchall()
    con.close()
    assert [(username, action, json.loads(detail)) for username, action, detail in lines] == [
        ("chair", "sign_in", {"method": "single sign-on"}),
        (None, "sign_in_failed", {"method": "single sign-on", "reason": single_sign_on.UNVERIFIED}),
    ]
    assert kept_address == [(0,)]
