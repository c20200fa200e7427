"""The on-disk HTTP cache of the web readers, keyed by URL (private; see :mod:`kg.read`).

One file a URL, ``{cache}/{sha256[:2]}/{sha256}.http``: a line of JSON (the URL asked
for, the URL answered after redirects, status, content type, ``ETag``,
``Last-Modified``, when it was fetched), then the body's bytes. A file is written
beside its place and renamed into it, so a copy is whole or absent; an unreadable one
is fetched again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from kg._errors import InputError


@dataclass
class Response:
    """A page as fetched (or as the cache kept it)."""

    url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes
    fetched: float
    etag: str | None = None
    last_modified: str | None = None
    from_cache: bool = False


def default_cache() -> Path:
    """The cache folder: ``$KG_CACHE``, else ``./kg-cache``."""
    return Path(os.environ.get("KG_CACHE") or "kg-cache")


def cache_key(url: str) -> str:
    """The URL a copy is kept under: the URL without its fragment."""
    return url.split("#", 1)[0]


class Cache:
    """The copies of fetched pages under ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, url: str) -> Path:
        h = hashlib.sha256(cache_key(url).encode("utf-8")).hexdigest()
        return self.root / h[:2] / f"{h}.http"

    def load(self, url: str) -> Response | None:
        try:
            with self.path(url).open("rb") as fh:
                head = json.loads(fh.readline())
                body = fh.read()
            response = Response(**{**head, "body": body, "from_cache": True})
        except (OSError, ValueError, TypeError):
            return None
        return response if response.url == cache_key(url) else None

    def save(self, response: Response) -> None:
        head = {k: v for k, v in asdict(response).items() if k not in ("body", "from_cache")}
        target = self.path(response.url)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(json.dumps(head, ensure_ascii=True).encode("ascii") + b"\n")
                    fh.write(response.body)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise InputError(f"cannot write the HTTP cache: {exc.strerror}",
                             str(self.root)) from None
