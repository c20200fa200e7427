"""Read articles: a text file with an optional ``key: value`` header, a folder of them.

>>> from kg.read import parse_article
>>> a = parse_article("title: T\\npublished: 2014-11-18\\n\\nMINSK, November 18. /TASS/. Hi.", "a1")
>>> (a.meta.id, a.meta.published, a.meta.dateline_place, a.body[:5])
('a1', '2014-11-18', 'Minsk', 'MINSK')
"""

from kg.read._article import Article, parse_article, read_article, read_articles

__all__ = ["Article", "parse_article", "read_article", "read_articles"]
