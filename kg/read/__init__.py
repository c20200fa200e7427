"""Read articles: a text file with an optional ``key: value`` header, a folder of them.

>>> from kg.read import parse_article
>>> a = parse_article("title: T\\npublished: 2014-11-18\\n\\nMINSK, November 18. /TASS/. Hi.", "a1")
>>> (a.meta.id, a.meta.published, a.meta.dateline_place, a.body[:5])
('a1', '2014-11-18', 'Minsk', 'MINSK')
"""

from kg.read._article import Article, article_files, parse_article, read_article, read_articles
from kg.read._jsonl import parse_record, read_jsonl

__all__ = ["Article", "article_files", "parse_article", "parse_record", "read_article",
           "read_articles", "read_jsonl"]
