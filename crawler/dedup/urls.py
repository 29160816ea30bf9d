"""Canonical URLs: one address per article, whatever link brought the crawler there.

``canonical_url`` keeps the page's own same-site ``rel=canonical``/``og:url``
(the extractor already checked it is on the same site) and then normalizes
either that or the fetched URL with w3lib and courlan (keeping its scheme and
``www.``, so the stored address still resolves): host case,
percent-encoding, sorted query, no fragment, no tracking parameters (courlan's
tracker list plus the ones below), AMP and mobile hosts and paths folded. An
outlet can list query parameters that identify its articles
(``Outlet.article_id_params``); those are always kept.

``url_key`` is the one identity of a URL in the crawler: the SURT form (as in
the CDXJ index keys) of the normalized URL. The spiders' link filter, the
incremental state, the replay index and the article ids of dedup all key URLs
by it, so a tracking-parameter, AMP, mobile, ``www.`` or http variant is the
same URL at each of them.

``article_key`` finds the outlet's own article number in a URL, so an article
whose slug was rewritten when its headline changed is still the same article.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import courlan
import surt
from w3lib.url import canonicalize_url, url_query_cleaner

# Trackers and view switches courlan's list does not cover.
EXTRA_TRACKERS = re.compile(
    r"^(?:fbclid|gclid|dclid|msclkid|yclid|igshid|mc_cid|mc_eid|ref|ref_src|ref_url|cmpid|cmp|ocid|smid|"
    r"taid|ito|xtor|at_[a-z_]+|ns_[a-z_]+|fb_[a-z_]+|amp|outputtype|output|platform|share|s_cid|"
    r"from|via|src|phpsessid|sessionid|__twitter_impression|_ga|_gl|_hs[a-z]+|hss_channel|spm|"
    r"utm_[a-z_]+|ga_[a-z_]+|mbid|rss|feed|intcmp|int_source|int_medium|int_campaign)$",
    re.IGNORECASE,
)
# Host labels that serve the same article in another dress.
FOLDED_HOST_PREFIXES = ("www.", "m.", "mobile.", "amp.", "www2.")
# AMP path forms: /amp/…, …/amp, …/amp.html, ….amp
_AMP_PATH = [
    (re.compile(r"^/amp(?=/)", re.IGNORECASE), ""),
    (re.compile(r"/amp/?$", re.IGNORECASE), ""),
    (re.compile(r"[./]amp\.html?$", re.IGNORECASE), ""),
    (re.compile(r"\.amp$", re.IGNORECASE), ""),
]


def fold_host(host: str) -> str:
    host = host.lower().rstrip(".")
    changed = True
    while changed:
        changed = False
        for prefix in FOLDED_HOST_PREFIXES:
            if host.startswith(prefix) and host.count(".") > 1:
                host = host[len(prefix):]
                changed = True
    return host


def is_tracking_param(name: str) -> bool:
    return bool(EXTRA_TRACKERS.match(name) or _courlan_drops(name.lower()))


@lru_cache(maxsize=4096)
def _courlan_drops(name: str) -> bool:
    """Whether courlan's tracker list drops the parameter, asked through its public
    ``normalize_url`` (its pattern itself is not part of courlan's API)."""
    try:
        return "?" not in courlan.normalize_url("https://example.org/?" + urlencode({name: "1"}))
    except ValueError:
        return False


def normalize_url(url: str, keep_params: tuple[str, ...] = ()) -> str:
    """The normalized form of ``url`` (see the module doc)."""
    url = without_tracking(canonicalize_url(url.strip(), keep_fragments=False), keep_params)
    parts = urlsplit(url)
    path = parts.path
    for pattern, replacement in _AMP_PATH:
        path = pattern.sub(replacement, path)
    if len(path) > 1:
        path = path.rstrip("/")
    netloc = fold_host(parts.hostname or "")
    if parts.port and parts.port not in (80, 443):
        netloc = f"{netloc}:{parts.port}"
    scheme = "https" if parts.scheme in ("http", "https") else parts.scheme
    # Loopback and bare IP hosts keep their scheme: tests and mirrors serve plain http.
    if re.fullmatch(r"[\d.]+|localhost|\[[0-9a-f:]+\]", parts.hostname or ""):
        scheme = parts.scheme
    return urlunsplit((scheme, netloc, path or "/", parts.query, ""))


@lru_cache(maxsize=8192)  # listings repeat their links within minutes; a larger cache only grows with the crawl (~300 B a URL)
def url_key(url: str, keep_params: tuple[str, ...] | None = None) -> str:
    """The identity of ``url``: SURT of ``normalize_url(url)``, e.g. ``com,example)/news/1?a=1``.

    ``keep_params`` defaults to the ``article_url_params`` of the outlet that owns the host.
    """
    url = url.strip()
    if keep_params is None:
        keep_params = _outlet_params(urlsplit(url).hostname or "")
    try:
        return surt.surt(normalize_url(url, keep_params))
    except ValueError:  # an unparsable URL is its own identity
        return url


@lru_cache(maxsize=4096)
def _outlet_params(host: str) -> tuple[str, ...]:
    from crawler.outlets import outlet_for_url  # the registry imports the extraction stack: only when needed

    outlet = outlet_for_url(f"https://{host}/") if host else None
    return tuple(getattr(outlet, "article_url_params", ()) or ())


def without_tracking(url: str, keep_params: tuple[str, ...] | None = None) -> str:
    """``url`` still as the outlet serves it, minus its fragment and the parameters ``url_key`` ignores."""
    url = url.strip().split("#", 1)[0]
    if "?" not in url:
        return url
    if keep_params is None:
        keep_params = _outlet_params(urlsplit(url).hostname or "")
    keep = {p.lower() for p in keep_params}
    names = {name for name, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True)}
    drop = [n for n in names if n.lower() not in keep and is_tracking_param(n)]
    return url_query_cleaner(url, drop, remove=True, unique=False) if drop else url


def canonical_url(url: str, declared: str | None = None, keep_params: tuple[str, ...] = ()) -> str:
    """The declared canonical (same site), else the fetched URL, normalized.

    The result is stored and shown to users, so it must stay an address the outlet
    serves: the chosen URL's scheme and its ``www.`` label are kept (normalize_url
    folds them only for matching); mobile and AMP hosts stay folded.
    """
    chosen = declared if declared and _same_site(declared, url) else url
    normalized = urlsplit(normalize_url(chosen, keep_params))
    original = urlsplit(chosen.strip())
    netloc = normalized.netloc
    host = (original.hostname or "").lower()
    if host.startswith("www.") and fold_host(host) == normalized.hostname:
        netloc = "www." + netloc
    scheme = original.scheme.lower() or normalized.scheme
    return urlunsplit((scheme, netloc, normalized.path, normalized.query, ""))


def _same_site(a: str, b: str) -> bool:
    return fold_host(urlsplit(a).hostname or "") == fold_host(urlsplit(b).hostname or "")


# An article number: a path token of 5+ digits (not a yyyymmdd date), or a long hex id.
_NUMBER = re.compile(r"(?<![0-9a-z])(\d{5,})(?![0-9a-z])", re.IGNORECASE)
_HEX_ID = re.compile(r"(?<![0-9a-z])([0-9a-f]{16,})(?![0-9a-z])", re.IGNORECASE)
_DATE8 = re.compile(r"^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$")


def article_key(url: str, keep_params: tuple[str, ...] = ()) -> str | None:
    """``host|id`` when the URL carries an article number, else None.

    News sites put a database id in the path (/NewsContent/1/1234/541022/slug,
    /story/2023/11/27/slug/6391842, /5195634-slug) and keep it when an edit
    changes the slug; two URLs with the same host and number are one article.
    The last such token wins (ids come after section numbers). Outlet
    ``article_id_params`` count too (?id=…).
    """
    parts = urlsplit(normalize_url(url, keep_params))
    host = parts.netloc
    if keep_params:
        params = dict(parse_qsl(parts.query))
        found = [f"{p}={params[p]}" for p in keep_params if params.get(p)]
        if found:
            return f"{host}|{'&'.join(found)}"
    tokens = [m.group(1) for m in _NUMBER.finditer(parts.path) if not _DATE8.match(m.group(1))]
    tokens += [m.group(1).lower() for m in _HEX_ID.finditer(parts.path) if re.search(r"\d", m.group(1))
               and re.search(r"[a-f]", m.group(1), re.IGNORECASE)]
    if not tokens:
        return None
    return f"{host}|{tokens[-1]}"
