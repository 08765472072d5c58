"""Headline of an HTML page: the article's own title, without the site's name.

``<title>`` and ``og:title`` usually carry the site name ("Headline | Site", "Site - Headline"),
and sometimes an SEO variant of the headline; the headline printed on the page is the ``<h1>``.
Choice, first that applies:

1. an ``<h1>`` that the meta title confirms (equal after the site name is cut off, or contained
   in it): the headline as printed;
2. the ``headline`` of the page's JSON-LD article;
3. the meta title with the site name cut off its start or end (a part equal to ``og:site_name``,
   to the host name, or to a part that both ``<title>`` and ``og:title`` end with);
4. the only ``<h1>`` of the page when there is no meta title.

Site names are never matched against a list of known sites: only against what the page itself
says its name is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

__all__ = ["PageTitle", "choose_title", "printed_byline", "strip_site_name"]

_SEPARATOR = re.compile(r"\s+[|–—\-·»•:/]\s+|\s*(?:\|\||::|[|»•·])\s*")
_WS = re.compile(r"\s+")
_WORD = re.compile(r"[\W_]+", re.UNICODE)
_ARTICLE_TYPES = ("article", "posting", "report", "blogposting", "newsarticle", "webpage", "recipe", "review")
#: longest headline worth taking from an <h1> (longer ones are teaser paragraphs styled as h1)
MAX_HEADLINE = 300


@dataclass(frozen=True)
class PageTitle:
    """The chosen title and why."""

    text: str
    reason: str


def _squash(text: str) -> str:
    return _WORD.sub("", unicodedata.normalize("NFKC", text).casefold())


def _clean(text: str | None) -> str:
    return _WS.sub(" ", text or "").strip()


def _host_names(url: str | None) -> set[str]:
    """Host labels a site name may spell: ``www.battery-news.de`` → {"batterynewsde", "batterynews"}."""
    try:
        host = (urlsplit(url if url and "//" in url else f"//{url or ''}").hostname or "").lower()
    except ValueError:
        return set()
    labels = [lab for lab in host.split(".") if lab and lab != "www"]
    out = {_squash(".".join(labels))} if labels else set()
    if len(labels) >= 2:
        out.add(_squash(labels[-2]))
        out.add(_squash(".".join(labels[-2:])))
    return {n for n in out if len(n) >= 3}


def _is_site_part(part: str, sites: set[str]) -> bool:
    key = _squash(part)
    if len(key) < 2:
        return True  # a stray separator or single letter
    return any(key == s or (len(key) >= 4 and (key in s or s in key) and len(key) <= 2 * len(s) + 4) for s in sites)


def strip_site_name(title: str, sites: set[str]) -> str:
    """Cut parts equal to a site name (squashed, see ``_host_names``) off the start and end of ``title``."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SEPARATOR.finditer(title):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(title)))
    if len(spans) < 2 or not sites:
        return title.strip()
    first, last = 0, len(spans) - 1
    while last > first and _is_site_part(title[spans[last][0] : spans[last][1]], sites):
        last -= 1
    while first < last and _is_site_part(title[spans[first][0] : spans[first][1]], sites):
        first += 1
    return title[spans[first][0] : spans[last][1]].strip() or title.strip()


def _meta(tree: Any, *names: str) -> str:
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or "").lower()
        if key in names:
            value = _clean(el.get("content"))
            if value:
                return value
    return ""


def _jsonld_headline(tree: Any) -> str:
    from lagebild.ingest.page_dates import jsonld_objects

    for obj in jsonld_objects(tree):
        kind = obj.get("@type")
        kinds = [k.lower() for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)]
        if any(k.endswith(_ARTICLE_TYPES) for k in kinds):
            value = obj.get("headline")
            if isinstance(value, str) and _clean(value):
                return _clean(value)
    return ""


# parts of an <h1> that are not the headline: kicker/dachzeile above it, subtitle below it
_KICKER = re.compile(r"kicker|dachzeile|overline|topline|roofline|eyebrow|supertitle|subline|subtitle|rubri[ck]|category", re.I)
# an <h1> inside these is the site's logo or a breadcrumb trail, not the article's headline
_NOT_HEADLINE = re.compile(r"logo|brand|breadcrumb|masthead|site-?title|site-?name", re.I)


def _headline_text(el: Any) -> str:
    """Text of an ``<h1>`` without a kicker/dachzeile child; child texts joined by spaces."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node is not el and (node.tag == "small" or _KICKER.search(f"{node.get('class') or ''} {node.get('id') or ''}")):
            if node.tail:
                parts.append(node.tail)
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            elif child.tail:
                parts.append(child.tail)
        if node is not el and node.tail:
            parts.append(node.tail)

    walk(el)
    return _clean(" ".join(parts))


def _headlines(tree: Any, sites: set[str]) -> list[str]:
    """Visible ``<h1>`` texts that are not the site's own name (a logo heading)."""
    out = []
    for el in tree.iter("h1"):
        around = [el, *list(el.iterancestors())[:5]]
        if any(a.tag == "nav" or _NOT_HEADLINE.search(f"{a.get('class') or ''} {a.get('id') or ''}") for a in around):
            continue
        text = _headline_text(el)
        if 2 <= len(text) <= MAX_HEADLINE and _squash(text) not in sites:
            out.append(text)
    return out


def _confirms(headline: str, meta_title: str, stripped: str) -> bool:
    h, m, s = _squash(headline), _squash(meta_title), _squash(stripped)
    if not h or len(h) < 4:
        return False
    return h in (s, m) or (h in m and len(h) >= 0.4 * len(s)) or (s in h and len(s) >= 0.6 * len(h))


def choose_title(tree: Any, *, meta_title: str | None, site_name: str | None = None, url: str | None = None) -> PageTitle | None:
    """Return the page's headline (see the module docstring), or ``None`` when it names none."""
    title_tag = tree.find(".//title")
    tag_title = _clean(title_tag.text_content()) if title_tag is not None else ""
    og_title = _meta(tree, "og:title", "twitter:title")
    titles = [t for t in (_clean(meta_title), og_title, tag_title) if t]
    sites = _host_names(url) | {_squash(s) for s in (site_name, _meta(tree, "og:site_name", "application-name")) if s}
    if og_title and tag_title:  # the part <title> adds at the end of og:title is the site's name
        og_parts, tag_parts = _SEPARATOR.split(og_title), _SEPARATOR.split(tag_title)
        if len(tag_parts) > len(og_parts) and [_squash(p) for p in tag_parts[: len(og_parts)]] == [_squash(p) for p in og_parts]:
            sites.update(_squash(p) for p in tag_parts[len(og_parts) :])
    sites.discard("")
    stripped = [strip_site_name(t, sites) for t in titles]
    stripped = [s for s in stripped if not _is_site_part(s, sites)]  # a meta title that is only the site's name
    heads = _headlines(tree, sites)
    for head in heads:
        if any(_confirms(head, t, s) for t, s in zip(titles, stripped, strict=False)):
            return PageTitle(strip_site_name(head, sites), "headline confirmed by the meta title")
    if len(heads) == 1:
        return PageTitle(strip_site_name(heads[0], sites), "only headline on the page")
    headline = _jsonld_headline(tree)
    if headline:
        return PageTitle(strip_site_name(headline, sites), "structured data headline")
    if stripped:
        return PageTitle(stripped[0], "meta title without the site name" if stripped[0] != titles[0] else "meta title")
    return PageTitle(heads[0], "first headline on the page") if heads else None


#: how many elements after the headline may hold its byline
BYLINE_REACH = 40
_BYLINE_CLASS = re.compile(r"author|byline|autor|verfasser|writer", re.I)


def printed_byline(tree: Any) -> str | None:
    """Return the author of a byline printed near the headline ("Von Hans Meier | 12.03.2024"), else ``None``.

    Looks at the short elements that follow the first ``<h1>`` and at elements whose class names
    an author, and reads them with the plain-text byline rules (``headers.byline_author``).
    """
    from lagebild.ingest.headers import byline_author

    texts: list[str] = []
    head = next(iter(tree.iter("h1")), None)
    if head is not None:
        for el in head.xpath("following::*[self::p or self::div or self::span or self::a or self::li or self::address]"
                             f"[position() <= {BYLINE_REACH}]"):
            text = _clean(el.text_content())
            if 3 <= len(text) <= 200:
                texts.append(text)
    for el in tree.iter("span", "div", "p", "a", "address"):
        if _BYLINE_CLASS.search(f"{el.get('class') or ''} {el.get('rel') or ''}"):
            text = _clean(el.text_content())
            if 3 <= len(text) <= 200:
                texts.append(text if re.match(r"(?i)\W*(?:von|by|autor)", text) else f"Von {text}")
    for text in texts:
        who = byline_author(text)
        if who:
            return who
    return None
