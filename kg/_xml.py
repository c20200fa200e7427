"""Text that XML 1.0 can hold (private; used by the graph formats and kg serve)."""

from __future__ import annotations

import re

_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` with each character XML 1.0 cannot hold, even escaped (C0 controls but
    tab and line breaks, lone surrogates, U+FFFE, U+FFFF), replaced by U+FFFD.

    >>> xml_safe("a\\x01b\\x1b[31m\\tc")
    'a\\ufffdb\\ufffd[31m\\tc'
    """
    return _XML_ILLEGAL.sub("\ufffd", text)
