"""Short talks articles written for the tests: the same text for every crawl that needs one."""

from __future__ import annotations


def article_html(title: str, paragraphs: list[str], lang: str = "en", charset: str = "utf-8") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="{charset}"><title>{title}</title>'
            f'<meta property="og:title" content="{title}">'
            f'<meta property="article:published_time" content="2026-11-20T10:00:00+02:00"></head>'
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")


EN_PARAGRAPHS = [
    "Egyptian mediators hosted delegations in Cairo on Tuesday for a new round of ceasefire talks, "
    "officials familiar with the meetings said.",
    "The proposal under discussion links a phased truce to an exchange of hostages and prisoners, "
    "according to two people briefed on the draft.",
    "A spokesman for the Egyptian foreign ministry said the negotiations would continue through the week "
    "and that both sides had engaged seriously with the text.",
]
AR_PARAGRAPHS = [
    "استضافت القاهرة جولة جديدة من المفاوضات بشأن وقف إطلاق النار في غزة بمشاركة وفود من عدة أطراف.",
    "وقال مصدر مطلع إن المقترح المصري يتضمن مراحل متتالية لتبادل الأسرى والمحتجزين وإدخال المساعدات.",
    "وأضاف المصدر أن الوسطاء يأملون التوصل إلى اتفاق خلال الأيام المقبلة رغم الخلافات القائمة حول التفاصيل.",
]
