"""Score extracted facts against gold facts (the facts format's scoring rules).

A user scores the builder on their own annotated articles with ``kg eval GOLD_DIR``:
GOLD_DIR holds ``NAME.json`` gold files and the articles are ``NAME.txt`` in
``GOLD_DIR/../articles`` (or an explicit folder).

>>> from kg.evaluate import prf
>>> [round(x, 3) for x in prf(8, 2, 2)]
[0.8, 0.8, 0.8]
"""

from kg.evaluate._by_rule import confidence_table, rule_table, save_confidence
from kg.evaluate._score import EvalResult, evaluate, prf, score_documents

__all__ = ["EvalResult", "confidence_table", "evaluate", "prf", "rule_table", "save_confidence",
           "score_documents"]
