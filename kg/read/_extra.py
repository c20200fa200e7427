"""The web readers' libraries (the optional extra ``kg[web]``), imported when first
needed (private; see :mod:`kg.read`).

Without the extra, text and JSON input read as before; an HTML page, a URL, a feed or
a web archive says, in one line, which extra to install.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from kg._errors import InputError

#: The command that installs the web readers.
INSTALL_WEB = "pip install 'kg[web]'"


def need(module: str, what: str, where: str | None = None) -> ModuleType:
    """Import ``module`` of the web extra, or raise :class:`kg.InputError` saying that
    ``what`` (e.g. "reading HTML") needs ``kg[web]``."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(f"{what} needs the web extra: {INSTALL_WEB}", where) from None
