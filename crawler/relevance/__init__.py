"""Relevance to the Cairo talks: ``topic_score`` in [0, 1] and ``on_topic``.

    from crawler.relevance import score_article, score_text, should_fetch

    score_article(item)          # TopicJudgement(topic_score, on_topic, features, terms)
    score_text("https://www.cbc.ca/news/world/gaza-israel-ceasefire-negotiations-sinwar-1.7287711")
    should_fetch(feed_title)     # False only when obviously off topic (pre-fetch filter)

Arabic and English lexicons (plus small ones for other languages met in the
corpus) are data: lexicons/<lang>.json; the weights and the threshold are in
model.json. The scorer is explained in scorer.py; bench/evaluate_relevance.py
measures it.
"""

from .normalize import normalize
from .scorer import TopicJudgement, default_threshold, score_article, score_text, should_fetch, url_words

__all__ = ["TopicJudgement", "default_threshold", "normalize", "score_article", "score_text",
           "should_fetch", "url_words"]
