"""What a hostile web must not do to the UI: script injection, framing, DNS rebinding,
an open server on the network.

- `safe_url`: a URL written into a page keeps only the http and https schemes.
- `SecurityHeaders`: every response carries a Content-Security-Policy with no inline
  script, X-Content-Type-Options, frame-ancestors 'none' and a Referrer-Policy.
- `HostAllowList`: requests whose Host header is not one of the served names get 400
  (a DNS-rebinding page cannot reach the store through the user's browser).
- `TokenGate`: with a token set, every request carries it (header, cookie, or ?token= once,
  which sets the cookie); `parley serve` on a non-loopback address requires one.
"""
from __future__ import annotations

import hmac
import ipaddress
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import Errors

SAFE_SCHEMES = frozenset({"http", "https"})
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = ((b"content-security-policy", CSP.encode()),
           (b"x-content-type-options", b"nosniff"),
           (b"x-frame-options", b"DENY"),
           (b"referrer-policy", b"no-referrer"),
           (b"cross-origin-opener-policy", b"same-origin"))
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]", "testserver"})
TOKEN_COOKIE = "parley_token"


def safe_url(url: object) -> str | None:
    """`url` when it is an absolute http(s) URL, else None (javascript:, data:, vbscript:,
    relative or malformed URLs are not linked)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if any(ord(c) < 32 or c.isspace() for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in SAFE_SCHEMES and parts.netloc else None


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class SecurityHeaders:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in HEADERS if k not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HostAllowList:
    """400 for a Host header outside `allowed` (names without port)."""

    def __init__(self, app: ASGIApp, allowed: frozenset[str]):
        self.app = app
        self.allowed = frozenset(h.lower() for h in allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = Headers(scope=scope).get("host", "").lower()
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name not in self.allowed:
                response = PlainTextResponse(Errors.P404.format(host=host, name=name or "NAME"),
                                             status_code=400)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class TokenGate:
    """Every request carries the token: `Authorization: Bearer T`, the cookie, or ?token=T
    (which sets the cookie and redirects to the same page without it)."""

    def __init__(self, app: ASGIApp, token: str):
        self.app = app
        self.token = token

    def _ok(self, value: str | None) -> bool:
        return value is not None and hmac.compare_digest(value.encode(), self.token.encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        bearer = headers.get("authorization", "")
        cookies = dict(p.strip().split("=", 1) for p in headers.get("cookie", "").split(";") if "=" in p)
        if self._ok(bearer.removeprefix("Bearer ").strip() or None) or self._ok(cookies.get(TOKEN_COOKIE)):
            await self.app(scope, receive, send)
            return
        query = [p.split("=", 1) for p in scope.get("query_string", b"").decode("latin-1").split("&") if p]
        given = next((v for k, *v in query if k == "token" and v), None)
        if given and self._ok(given[0]):
            rest = "&".join("=".join([k, *v]) for k, *v in query if k != "token")
            response = RedirectResponse(scope["path"] + ("?" + rest if rest else ""), status_code=303)
            response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict")
            await response(scope, receive, send)
            return
        response = PlainTextResponse(Errors.P405, status_code=401)
        await response(scope, receive, send)
