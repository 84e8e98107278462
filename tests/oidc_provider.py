"""A loopback OpenID Connect provider for tests: the far end of single sign-on, and nothing else fake.

The app, Streamlit's st.login() and Authlib run for real against it: they read its discovery document,
send the browser to its authorization endpoint, exchange the code at its token endpoint (client secret
and PKCE checked, the code usable once) and check the id_token's RS256 signature against its key set.
There is no login screen: /authorize sends the browser straight back with a code, for the identity the
test has set in `claims` (e-mail, email_verified, name). The signing key is made when the provider
starts, so no key is kept in the repository.

Only the authorization code flow is served, the one Streamlit uses; anything else is answered with the
error a real provider gives, so a change in how the app talks to a provider shows up as a failing test.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from tests.loopback import LoopbackServer

CLIENT_ID = "carers-monitor-test"
CLIENT_SECRET = "a client secret for the loopback provider only"


class OpenIDProvider(LoopbackServer):
    """The provider's state; `metadata_url` goes into the app's [auth] server_metadata_url."""

    def __init__(self, redirect_uri: str) -> None:
        self.redirect_uri = redirect_uri
        self.claims: dict[str, Any] = {"email": "board@example.org", "email_verified": True, "name": "Board Chair"}
        self.requests: list[str] = []  # the paths asked for, in order, for a test to read
        self._key = RSAKey.generate_key(2048, parameters={"use": "sig", "alg": "RS256"}, auto_kid=True)
        self._codes: dict[str, dict[str, Any]] = {}
        self._tokens: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        super().__init__(self._handler())
        self.issuer = self.origin
        self.metadata_url = f"{self.issuer}/.well-known/openid-configuration"

    def metadata(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "claims_supported": ["sub", "email", "email_verified", "name"],
            "code_challenge_methods_supported": ["S256"],
        }

    def authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str], dict[str, Any] | None]:
        """(status, headers, error body): a redirect back to the client with a code, or why not."""
        if query.get("client_id") != CLIENT_ID or query.get("redirect_uri") != self.redirect_uri:
            # never redirect to an address the client did not register (RFC 6749, 4.1.2.1)
            return 400, {}, {"error": "invalid_request", "error_description": "unknown client or redirect_uri"}
        back = {"state": query["state"]} if "state" in query else {}
        if query.get("response_type") != "code" or "openid" not in query.get("scope", "").split():
            return (
                302,
                {"Location": f"{self.redirect_uri}?{urlencode({'error': 'unsupported_response_type', **back})}"},
                None,
            )
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._codes[code] = {
                "nonce": query.get("nonce"),
                "challenge": query.get("code_challenge"),
                "method": query.get("code_challenge_method"),
                "claims": dict(self.claims),
            }
        return 302, {"Location": f"{self.redirect_uri}?{urlencode({'code': code, **back})}"}, None

    def token(self, form: dict[str, str], authorization: str | None) -> tuple[int, dict[str, Any]]:
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        if authorization and authorization.startswith("Basic "):
            client_id, _, client_secret = base64.b64decode(authorization[6:]).decode().partition(":")
        if client_id != CLIENT_ID or client_secret != CLIENT_SECRET:
            return 401, {"error": "invalid_client"}
        with self._lock:
            grant = self._codes.pop(form.get("code", ""), None)  # a code works once
        if form.get("grant_type") != "authorization_code" or grant is None:
            return 400, {"error": "invalid_grant"}
        if form.get("redirect_uri") != self.redirect_uri or not _pkce_matches(grant, form.get("code_verifier")):
            return 400, {"error": "invalid_grant"}
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": "subject-" + hashlib.sha256(str(grant["claims"].get("email")).encode()).hexdigest()[:16],
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "auth_time": now,
            **({"nonce": grant["nonce"]} if grant["nonce"] else {}),
            **grant["claims"],
        }
        access_token = secrets.token_urlsafe(24)
        with self._lock:
            self._tokens[access_token] = claims
        id_token = jwt.encode({"alg": "RS256", "kid": self._key.kid}, claims, self._key)
        return 200, {"access_token": access_token, "token_type": "Bearer", "expires_in": 300, "id_token": id_token}

    def userinfo(self, authorization: str | None) -> tuple[int, dict[str, Any]]:
        with self._lock:
            claims = self._tokens.get((authorization or "").removeprefix("Bearer "))
        if claims is None:
            return 401, {"error": "invalid_token"}
        return 200, {key: claims[key] for key in ("sub", *self.claims) if key in claims}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                url = urlsplit(self.path)
                provider.requests.append(url.path)
                if url.path == "/.well-known/openid-configuration":
                    self._json(200, provider.metadata())
                elif url.path == "/jwks":
                    self._json(200, dict(KeySet([provider._key]).as_dict(private=False)))
                elif url.path == "/authorize":
                    status, headers, body = provider.authorize({k: v[0] for k, v in parse_qs(url.query).items()})
                    if body:
                        self._json(status, body, headers)
                    else:
                        self._send(status, b"", headers)
                elif url.path == "/userinfo":
                    self._json(*provider.userinfo(self.headers.get("Authorization")))
                else:
                    self._json(404, {"error": "not_found"})

            def do_POST(self) -> None:
                url = urlsplit(self.path)
                provider.requests.append(url.path)
                if url.path != "/token":
                    self._json(404, {"error": "not_found"})
                    return
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                form = {k: v[0] for k, v in parse_qs(body).items()}
                self._json(*provider.token(form, self.headers.get("Authorization")))

            def _json(self, status: int, body: dict[str, Any] | None, headers: dict[str, str] | None = None) -> None:
                self._send(status, json.dumps(body).encode(), {"Content-Type": "application/json", **(headers or {})})

            def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                self.send_response(status)
                for name, value in {**headers, "Cache-Control": "no-store", "Content-Length": str(len(body))}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: a test reads `requests` instead."""

        return Handler


def _pkce_matches(grant: dict[str, Any], verifier: str | None) -> bool:
    """RFC 7636: with a challenge at /authorize, the token request must bring the verifier that makes it."""
    if not grant["challenge"]:
        return True
    if grant["method"] != "S256" or not verifier:
        return False
    digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return secrets.compare_digest(digest, grant["challenge"])
