"""Read articles: text files with an optional ``key: value`` header, JSON Lines and JSON
arrays of records, and (with ``kg[web]``) saved web pages, URLs, RSS/Atom feeds and
WARC web archives.

>>> from kg.read import parse_article
>>> a = parse_article("title: T\\npublished: 2014-11-18\\n\\nMINSK, November 18. /TASS/. Hi.", "a1")
>>> (a.meta.id, a.meta.published, a.meta.dateline_place, a.body[:5])
('a1', '2014-11-18', 'Minsk', 'MINSK')
"""

from kg.read._article import (
    ARTICLE_GLOBS,
    Article,
    article_files,
    parse_article,
    read_article,
    read_articles,
    url_id,
)
from kg.read._cache import Response
from kg.read._extra import INSTALL_WEB
from kg.read._fetch import Fetcher, FetchOptions, user_agent
from kg.read._html import parse_html
from kg.read._jsonl import parse_record, read_jsonl
from kg.read._skipped import Skipped
from kg.read._sources import is_url, read_inputs, read_url_list

__all__ = ["ARTICLE_GLOBS", "INSTALL_WEB", "Article", "FetchOptions", "Fetcher", "Response",
           "Skipped", "article_files", "is_url", "parse_article", "parse_html", "parse_record",
           "read_article", "read_articles", "read_inputs", "read_jsonl", "read_url_list",
           "url_id", "user_agent"]
