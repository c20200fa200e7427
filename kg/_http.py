"""kg's one HTTP client for uploads, used by ``kg push`` and ``kg build --push``
(private to kg; reading web pages is :mod:`kg.read`'s fetcher).

One request at a time with the standard library: kg's user agent, authorisation from
the environment, and every failure as a :class:`kg.KgError`.

>>> auth_header({"KG_PUSH_TOKEN": "t0k"})
'Bearer t0k'
>>> check_url("ftp://x", "--endpoint")
Traceback (most recent call last):
...
kg._errors.KgError: --endpoint must be an http(s) URL, not 'ftp://x'
"""

from __future__ import annotations

import base64
import os
import urllib.error
import urllib.request
from collections.abc import Mapping
from urllib.parse import urlsplit

from kg._errors import KgError

__all__ = ["HttpError", "Unreachable", "auth_header", "check_url", "send"]


class HttpError(KgError):
    """The server answered with an HTTP error ``status``."""

    def __init__(self, method: str, url: str, status: int, reason: str, detail: str) -> None:
        self.status = status
        super().__init__(f"{method} {url}: HTTP {status} {reason}"
                         + (f": {detail}" if detail else ""))


class Unreachable(KgError):
    """The server could not be reached (``reason`` says why)."""

    def __init__(self, url: str, reason: object) -> None:
        self.reason = reason
        super().__init__(f"cannot reach {url}: {reason}")


def auth_header(env: Mapping[str, str] | None = None) -> str | None:
    """The ``Authorization`` header from ``KG_PUSH_TOKEN`` or ``KG_PUSH_USER``/``_PASSWORD``."""
    env = os.environ if env is None else env
    token = env.get("KG_PUSH_TOKEN")
    if token:
        return f"Bearer {token}"
    user = env.get("KG_PUSH_USER")
    if user:
        pair = f"{user}:{env.get('KG_PUSH_PASSWORD', '')}".encode()
        return "Basic " + base64.b64encode(pair).decode("ascii")
    return None


def check_url(url: str, option: str, error: type[KgError] = KgError) -> str:
    """``url`` if it is an http(s) URL, else ``error`` naming the ``option`` it came from."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise error(f"{option} must be an http(s) URL, not {url!r}")
    return url


def send(url: str, method: str, body: bytes, content_type: str, *, timeout: float,
         agent: str = "kg", auth: str | None = None) -> int:
    """Send one request; the status of the answer.

    Raises :class:`HttpError` for an error status (with the first 300 bytes of the
    answer's body), :class:`Unreachable` when there is no answer.
    """
    headers = {"Content-Type": content_type, "User-Agent": agent}
    if auth:
        headers["Authorization"] = auth
    req = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            resp.read()
            return int(resp.status)
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read(300).decode("utf-8", "replace").split())
        raise HttpError(method, url, exc.code, str(exc.reason), detail) from None
    except (urllib.error.URLError, OSError) as exc:
        raise Unreachable(url, getattr(exc, "reason", exc)) from None
