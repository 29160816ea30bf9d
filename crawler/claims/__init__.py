"""Claims: who said what, through whom, in Arabic and English.

Entry point: ``extract_claims(paragraphs, language, published=...)`` returns one
dict per attributed statement (the gold schema of ``shared/gold/README.md`` plus
polarity, hedging, offsets, time expressions, rule and confidence).

Modules: ``text`` (folding, tokens with offsets, sentences), ``lexicon`` (loads
``data/``: cue lexicons, actors gazetteer, word lists), ``actors`` (speaker -> actor
id, kind, anonymity), ``arabic`` / ``english`` (the patterns, producing ``found.Found``
spans), ``enrich`` (quantities, time expressions, polarity, hedging), ``extractor``
(article-level driver: coreference, carried-over channels, ids), ``clusters`` (the
same claim carried by several outlets, persisted across runs).
"""

from crawler.claims.extractor import extract_claims, claims_for_text

__all__ = ["extract_claims", "claims_for_text"]
