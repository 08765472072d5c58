"""Boilerplate filter for article text that is already plain (scraped, copied, extracted).

The text is cut into lines. Each line is first judged on its own (a cue such as "Diesen Artikel
teilen" or a date-only line; "good" body text: long, with sentence punctuation and function
words; or "neutral": headings, short lines), then in context, the way a reader scans a page:

- the *header zone* before the first body paragraph holds the title (kept), section word,
  date, author and reading-time lines, photo captions and navigation (removed);
- a *related-links block* starts at a heading such as "Mehr zum Thema" and runs over teaser
  items (short titles, dates, truncated descriptions) until body text resumes;
- the *tail* after the last body paragraph holds share/comment widgets and link lists;
- a line repeated verbatim (a lead or headline printed twice) is kept once.

On whole flattened pages a small line model (by default two ensembles of gradient-boosted trees in
``line_trees.py``, evaluated with numpy by ``Forest``; with ``use_model="logistic"`` / the stage's
``line_model = "logistic"``, two logistic regressions in ``line_weights.py``; both trained by
``python -m lagebild.ingest.train_lines``) then re-decides every
line the rules kept or removed for layout reasons only. It sees the page as a reader does: how far
a line is from the main block (the run of body paragraphs with the most text), how dense the body
text around it is, how many of its words the block and the title share (a teaser of another story
reads like body text but talks about something else), furniture words and direct address of the
reader, and in a second pass what the first pass thinks of the neighbouring lines. A bullet list
and its lead-in are decided as one unit. Cue removals and the title stay; the longest body
paragraph always stays.

Every decision carries a reason, so the caller can record what was removed and why ("low text
score" when the model alone removed a line). Pure Python and a few numpy products over lines:
about a millisecond per article.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

from lagebild.ingest import headers
from lagebild.ingest.date_context import among_event_details
from lagebild.ingest.page_dates import update_label
from lagebild.ingest.text_header import OTHER_DATES, choose_title_line, under_related_heading
from lagebild.model import DateValue

__all__ = ["Line", "Plan", "plan", "related_heading"]

_STOPWORDS = frozenset(
    """
    der die das den dem des ein eine einer einem eines und oder aber nicht auch noch nur schon sich sie er es
    wir ihr ich ist sind war waren wird werden wurde wurden hat haben hatte hatten sei mit von zu zum zur im
    in an am auf aus bei nach für über unter vor durch gegen ohne um als wie wenn dass daß ob so da dann
    denn doch mehr sehr kann können soll sollen muss müssen will wollen dies diese dieser dieses man kein keine
    the a an and or but not also of to in on at by for with from as is are was were be been has have had
    that this these those it its they he she we you which who will would can could should may more than
    le la les un une des et ou est sont du au aux dans pour par sur avec pas que qui ce il elle
    el los las del y en es son por con para una que se al lo
    il lo gli di da e che non per con sono
    het een en van de is zijn niet op met voor dat die
    """.split()
)
_SENT_PUNCT = re.compile(r"[.!?;:…]|[.!?][\"“”»«'’)]")
_END_SENTENCE = re.compile(r"[.!?][\"“”»«'’)\]]*$")
_END_STATEMENT = re.compile(r"[.!][\"“”»«'’)\]]*$|[\"“”»«]$")
_AGENCY_DATELINE = re.compile(r"^[A-ZÄÖÜ][\w/. -]{1,40}\s*\((?:dpa|afp|ap|reuters|kna|epd|apa|sda|dts|ots|sid|ddp)\b|^[A-ZÄÖÜ]{3,}[\w/ ]*\s+[-–]\s")
_TRUNCATED = re.compile(r"(?:\.\.\.|…|\[\.\.\.\]|\[…\])\s*$")
_WORD = re.compile(r"\w+", re.UNICODE)

# Cues: whole lines that are page furniture, by reason. Kept short: a cue only fires on a short line.
_CUES: list[tuple[str, re.Pattern[str], int]] = [
    ("share widget", re.compile(
        r"^\W*(?:(?:diesen|den|artikel|beitrag|seite)\s+)*(?:artikel\s+)?(?:teilen|drucken|versenden|verschicken|empfehlen|"
        r"merken|speichern|per\s+e-?mail\s+(?:teilen|versenden)|link\s+kopieren|share(?:\s+this(?:\s+article|\s+story)?)?|"
        r"print(?:\s+this)?|e-?mail|tweet|pin\s+it)\W*$"
        r"|^\W*(?:(?:facebook|twitter|x|whatsapp|telegram|linkedin|xing|pinterest|reddit|flipboard|pocket|threads|bluesky|"
        r"instagram|youtube|tiktok|e-?mail|messenger|mail|drucken|teilen|kopieren|twittern|mailen|posten)\W*){1,8}$"
        r"|^\W*(?:teilen|share)\s+(?:auf|via|on|per)\s+\w+\W*$"
        r"|^\W*(?:folgen\s+sie\s+uns|folge\s+uns|follow\s+us)\b.{0,80}$", re.I), 120),
    ("article tools", re.compile(
        r"^\W*(?:artikel\s+(?:anhören|vorlesen|merken|verschenken|drucken|teilen)|vorlesen|anhören|audio\s+abspielen|"
        r"(?:zur\s+)?merkliste(?:\s+hinzufügen)?|schriftgröße|bild\s+vergrößern|bildergalerie|video\s+abspielen|zum\s+video|"
        r"listen\s+to\s+(?:this\s+)?(?:article|story)|save\s+(?:article|for\s+later)|gift\s+(?:this\s+)?article|"
        r"(?:\d+\s+)?(?:bilder|fotos|photos)|foto|video|audio|galerie|gallery|"
        r"(?:audio\s*:?\s*)?(?:artikel\s+)?vorlesen\s+lassen|(?:audio\s*:?\s*)?artikel\s+(?:vorlesen|anhören)(?:\s+lassen)?|"
        r"zur\s+(?:bildergalerie|fotostrecke|galerie))\W*$", re.I), 60),
    ("embed placeholder", re.compile(
        r"^\W*(?:empfohlene?r?\s+(?:redaktioneller?\s+)?inhalt|externer?\s+inhalt|inhalte?\s+von\s+drittanbietern|"
        r"(?:inhalt|video|grafik|karte)\s+(?:laden|anzeigen|aktivieren|nachladen)|"
        r"um\s+(?:diesen|den)\s+(?:inhalt|beitrag|artikel|video)\s+(?:zu\s+sehen|anzuzeigen)|"
        r"mit\s+einem\s+klick\s+(?:können|lassen)\s+sie\s+sich\s+.{0,80}anzeigen\s+lassen|"
        r"(?:externe|alle\s+externen)\s+inhalte\s+(?:anzeigen|laden|zulassen)|"
        r"(?:fehler|tippfehler)\s+gefunden\W.{0,40}|(?:jetzt\s+)?(?:feedback|hinweis)\s+(?:geben|senden|melden)|"
        r"(?:hat|gefällt)\s+(?:ihnen|dir|euch)\s+(?:dieser|der|unser)\s+(?:artikel|beitrag|text)(?:\s+gefallen)?|"
        r"feedback\s+an\s+die\s+redaktion|(?:jetzt\s+)?(?:spenden|unterstützen)(?:\s+sie\s+uns)?|"
        r"did\s+you\s+(?:like|enjoy)\s+this\s+(?:article|story))\W*$", re.I), 200),
    ("comments widget", re.compile(
        r"^\W*(?:\d+\s+)?(?:kommentare?|comments?|leserkommentare|diskussion|antworten|reply|melden)\W*(?:\(\d+\)|\d+)?\W*$"
        r"|^\W*(?:kommentar|comment|antwort|meinung)\w*\s+(?:schreiben|verfassen|veröffentlichen|abgeben|hinzufügen|posten|"
        r"anzeigen|laden|ausblenden|einblenden)\W*$"
        r"|^\W*(?:(?:jetzt|hier)\s+)?(?:kommentieren|mitdiskutieren|leave\s+a\s+(?:comment|reply)|post\s+a\s+comment|"
        r"add\s+a\s+comment|write\s+a\s+comment|join\s+the\s+(?:discussion|conversation))\W*$"
        r"|^\W*(?:\d+\s+)?(?:kommentare?|comments?)\s+(?:zu\s+diesem\s+artikel|anzeigen|lesen|show)\W*$", re.I), 70),
    # comment-form headings of blog engines, and "3 Responses to <title>" over the reader comments
    ("comments widget", re.compile(
        r"^\W*(?:schreibe?|hinterlasse?|verfasse?|schreiben\s+sie|hinterlassen\s+sie)\s+(?:einen|deinen|ihren)\s+kommentar"
        r"|(?:antwort|antworten|kommentar)\s+abbrechen\W*$|\bcancel\s+reply\W*$"
        r"|^\W*\d+\s+(?:gedanken|kommentare|antworten|reaktionen|thoughts|responses?|comments|replies)\s+(?:zu|on|to)\s", re.I), 200),
    ("reading time", re.compile(r"(?!)"), 0),  # handled by headers.reading_time_line
    ("advertisement", re.compile(
        r"^\W*(?:anzeige|werbung|advertisement|sponsored(?:\s+content)?|promotion|ad|gesponsert|"
        r"(?:bezahlte\s+)?partnerinhalte?|(?:weiter|weiterlesen|lesen\s+sie\s+weiter)\s+nach\s+der\s+(?:anzeige|werbung))\W*$",
        re.I), 60),
    ("newsletter", re.compile(
        r"\b(?:unsubscribe|jederzeit\s+(?:wieder\s+)?abmelden|abmeldung\s+ist\s+jederzeit|activation\s+link|"
        r"bestätigungs-?(?:link|mail|e-mail)|newsletter\s+(?:abonnieren|bestellen|anmelden)|sign\s+up\s+for|"
        r"subscribe\s+to\s+(?:our|the)|no\s+spam)\b", re.I), 220),
    ("newsletter", re.compile(
        r"\b(?:newsletter|abonnieren|abonnier|jetzt\s+abo|subscribe|sign\s+up|anmelden\s+und|registrieren\s+sie\s+sich|"
        r"push-?nachrichten|push-?mitteilungen|whatsapp-?kanal)\b", re.I), 140),
    ("cookie notice", re.compile(r"\b(?:cookies?|datenschutzerklärung|privacy\s+policy|einwilligung|consent)\b", re.I), 300),
    ("copyright", re.compile(r"^\W*(?:©|\(c\)|copyright|alle\s+rechte\s+vorbehalten|all\s+rights\s+reserved)", re.I), 200),
    # one-line teasers: "Lesen Sie auch: <headline>", "Hier geht es zum Liveblog", "Video: <headline>"
    ("teaser", re.compile(
        r"^\W*(?:(?:lesen|sehen|hören)\s+sie\s+(?:auch|mehr|dazu)|lies\s+auch|auch\s+interessant|mehr\s+dazu|"
        r"hier\s+geht\s*'?s?\s+(?:es\s+)?zu[mr]?|read\s+(?:more|also)|see\s+also)\b[^.!?]{0,140}[.!?]?$"
        r"|^\W*(?:video|audio|podcast|bildergalerie|fotostrecke|galerie|liveblog|live-?ticker|grafik)\s*:\s*[^.!?]{3,120}[!?]?$",
        re.I), 170),
    # the agency tag closing an article: "(dpa)", "mit Material von dpa und AFP", "Quelle: dpa"
    ("agency credit", re.compile(
        rf"^\W*(?:\(?(?:{headers.AGENCY_PATTERN})(?:\s*[/,]\s*\w{{2,8}})*\)?|"
        r"(?:mit\s+material\s+(?:von|der|aus)|quelle|quellen|material|nachrichtenagentur(?:en)?)\s*:?\s+"
        r"(?![^/]*/\s*[A-ZÄÖÜ][\w-]+\s+[A-ZÄÖÜ])[\w/,.&\s-]{2,60})\W*$", re.I), 80),
    # where the text appeared first: a note about the article, not part of it
    ("post meta", re.compile(
        r"^\W*(?:dieser\s+(?:artikel|beitrag|text)\s+(?:erschien|ist)\s+(?:zuerst|erstmals|ursprünglich)|"
        r"(?:zuerst|erstmals|ursprünglich)\s+(?:erschienen|veröffentlicht)\s+(?:auf|in|bei)|"
        r"this\s+(?:article|story)\s+(?:was\s+)?(?:originally|first)\s+(?:appeared|published))\b.{0,160}$", re.I), 220),
    ("navigation", re.compile(
        r"^\W*(?:startseite|home|homepage|zur\s+startseite|zurück|zurück\s+zur\s+übersicht|nach\s+oben|zum\s+seitenanfang|"
        r"back\s+to\s+top|menü|menu|suche|search|login|anmelden|einloggen|registrieren|impressum|kontakt|"
        r"datenschutz|agb|barrierefreiheit|mediadaten|inhaltsverzeichnis|skip\s+to\s+(?:main\s+)?content|"
        r"zum\s+inhalt\s+springen|weiterlesen|mehr\s+lesen|read\s+more|mehr\s+anzeigen|alle\s+artikel|"
        r"nächster\s+artikel|vorheriger\s+artikel|next|previous|weiter|zurück|"
        r"alle\s+(?:nachrichten|news|meldungen|artikel|themen)(?:\s+im\s+überblick)?|zur\s+(?:übersicht|ressortseite)|"
        r"(?:nächste|vorherige|letzte|erste)\s+seite|seite\s+\d+\s+(?:von|/)\s+\d+|page\s+\d+\s+of\s+\d+|next\s+page)\W*$"
        r"|^\W*(?:startseite|home)\s*[>›»|/]", re.I), 80),
]
#: the newsletter pattern that fires even on sentence-like lines ("You can unsubscribe at any time.")
_HARD_NEWSLETTER = next(i for i, (reason, _, _) in enumerate(_CUES) if reason == "newsletter")
#: substrings without which a (slow) cue pattern cannot match: checked first
_CUE_HINTS = {
    "newsletter": ("newsletter", "abonn", "subscri", "sign up", "anmelden", "abmeld", "registrieren", "push", "whatsapp",
                   "activation", "bestätigung", "spam"),
    "cookie notice": ("cookie", "datenschutz", "privacy", "einwilligung", "consent"),
}
_CREDIT_HINTS = (
    "foto", "bild", "grafik", "illustration", "quelle", "photo", "image", "picture", "credit", "video", "©",
    "getty", "imago", "shutterstock", "istock", "keystone", "reuters/", "afp/", "dpa/", "epa/", "adobe",
)
#: cues that also occur in real sentences: they only fire on lines that are not body text
_SOFT_CUES = frozenset({"newsletter", "cookie notice", "copyright"})
_RELATED = re.compile(
    r"^\W*(?:mehr\s+(?:zum\s+thema|zu\s+diesem\s+thema|dazu|aus\s+dem\s+ressort|aus\s+\w+|nachrichten|news|artikel|zu\b.*)|"
    r"weitere\s+(?:nachrichten|artikel|meldungen|themen|beiträge|news|informationen\s+zum\s+thema)|"
    r"(?:lesen|sehen|hören)\s+sie\s+(?:auch|mehr|dazu)|lies\s+auch|auch\s+interessant|ebenfalls\s+interessant|"
    r"das\s+könnte\s+(?:dich|sie|euch)\s+(?:auch\s+)?interessieren|das\s+interessiert\s+(?:dich|sie)\s+(?:auch|vielleicht)|"
    r"empfehlungen?(?:\s+der\s+redaktion)?|unsere\s+empfehlungen?|redaktionelle\s+empfehlung|top-?themen|"
    r"(?:meist|viel)(?:gelesen|geklickt|diskutiert)e?(?:\s+artikel)?|am\s+meisten\s+gelesen|"
    r"neu(?:e|est)e?\s+(?:nachrichten|artikel|meldungen|beiträge)|aktuelle\s+(?:nachrichten|artikel|meldungen|beiträge)|"
    r"(?:ähnliche|verwandte|passende)\s+(?:artikel|themen|beiträge|nachrichten)|zum\s+thema|themen|schlagworte|tags|"
    r"related(?:\s+(?:articles?|stories|posts|content|news|coverage|topics))?|read\s+(?:more|also|next)|more\s+(?:from|on|stories|news)\b.*|"
    r"you\s+(?:may|might)\s+also\s+like|recommended(?:\s+(?:for\s+you|stories|articles))?|most\s+(?:read|popular|viewed)|"
    r"trending|latest\s+(?:news|stories|articles)|see\s+also|top\s+stories|"
    r"(?:\w+\s*:\s*)?(?:neueste|aktuelle|weitere|alle)\s+(?:nachrichten|news|meldungen|artikel))\W*$",
    re.I,
)


def related_heading(line: str) -> bool:
    """Whether ``line`` is the heading of a block of links to other pieces ("Mehr zum Thema", "Read more")."""
    return len(line) <= 90 and _RELATED.match(line.strip()) is not None


_PLUS_TEASER = re.compile(r"^\s*\+\+\+.*\+\+\+\s*$")
_TEASER_CUE = re.compile(
    r"\b(?:interessieren|interessant|lesen\s+sie|lies\s+auch|auch\s+lesen|mehr\s+(?:zum|dazu|lesen)|newsletter|"
    r"abonnier|tipp|video|podcast|live-?ticker|live-?blog|jetzt\s+(?:lesen|hören|sehen)|hier\s+(?:lesen|klicken)|"
    r"read\s+(?:more|also)|see\s+also|click\s+here|watch)\b", re.I)
_CREDIT = re.compile(
    r"\((?:foto|fotos|bild|bilder|grafik|illustration|quelle|archivbild|symbolbild|photo|image|picture|credit|video)\s*:[^)]{1,80}\)"
    r"|(?:^|\s|\|)(?:foto|fotos|bild|bildquelle|grafik|photo|image|credit|quelle|archivbild|symbolbild)\s*:\s*\S"
    r"|©\s*\w|\b(?:picture\s+alliance|getty\s+images|imago(?:\s+images)?|shutterstock|istock(?:photo)?|keystone|"
    r"reuters/|afp/|ap\s+photo|dpa/|epa/|adobe\s+stock)\b",
    re.I,
)
#: a credit in parentheses or closing the line marks a caption even in a long line
_CREDIT_STRONG = re.compile(
    r"\((?:foto|fotos|bild|bilder|grafik|illustration|archivbild|symbolbild|photo|image|picture|credit)\s*:[^)]{1,80}\)"
    r"|(?:foto|fotos|bild|bildquelle|grafik|photo|image|credit|archivbild|symbolbild)\s*:\s*[^.!?]{0,60}$|©[^.!?]{0,60}$",
    re.I,
)
#: the category/tag/permalink line a blog engine prints under a post
_POST_META = re.compile(
    r"\b(?:perma(?:nent)?link|this\s+(?:entry|post)\s+was\s+posted|(?:posted|filed)\s+(?:in|under)\b.{0,120}\b(?:tagged|permalink)|"
    r"dieser\s+(?:eintrag|beitrag|artikel)\s+wurde\s+(?:.{0,80}\s)?(?:veröffentlicht|abgelegt)|verschlagwortet\s+mit)\b", re.I)
#: subscription words; with a reader addressed directly ("du", "Sie", "you") the line is a pitch, not news
_SUBSCRIBE = re.compile(
    r"\b(?:newsletter\w*|abonn\w+|abo|subscri\w+|sign(?:ing)?\s+up|e-?mail-?adresse|e-?mail\s+address|posteingang|"
    r"postfach|inbox|abonnez|inscri\w+|suscr\w+|iscriv\w+)\b", re.I)
_READER_WORDS = frozenset(
    "du dich dir dein deine deinen deinem deiner euch euer eure you your vous votre vos tu te ti".split())
_READER_FORMAL = frozenset("Sie Ihnen Ihre Ihr Ihren Ihrem Ihrer".split())


def _addresses_reader(words: list[str]) -> bool:
    return any(w.casefold() in _READER_WORDS for w in words) or any(w in _READER_FORMAL for w in words[1:])


_DATELINE = re.compile(r"^([A-ZÄÖÜ][a-zäöüß]{2,}(?:-[A-ZÄÖÜ][a-zäöüß]+)?)([A-ZÄÖÜ][a-zäöüß]+)\b")


@dataclass
class Line:
    """One non-blank line of the text and the decision about it."""

    start: int  # offsets into the text given to ``plan`` (stripped line)
    end: int
    text: str
    kind: str = "neutral"  # "good" | "neutral" | "weak" (truncated teaser text) | "cue"
    reason: str | None = None  # removal reason; None = keep
    cut: int = 0  # characters removed at the start of the line (a glued "date 2024-11 " prefix)
    cut_reason: str | None = None
    split: int = 0  # a glued dateline ends here ("BerlinWladimir" -> 6); a separator is inserted
    date: DateValue | None = None
    date_keyword: str = ""
    relative: headers.RelativeDate | None = None  # "vor 2 Stunden": resolved later against the crawl/file time
    author: str | None = None
    words: list[str] = field(default_factory=list, repr=False)  # word tokens of ``text`` (for the line model)


@dataclass
class Plan:
    """What to keep, what to remove and why, and the header metadata found on the way."""

    lines: list[Line]
    meta: dict[str, Any] = field(default_factory=dict)


def _words(s: str) -> list[str]:
    return _WORD.findall(s)


def _stop_ratio(words: list[str]) -> float:
    if not words:
        return 0.0
    return sum(1 for w in words if w.lower() in _STOPWORDS) / len(words)


def _is_good(s: str, words: list[str]) -> bool:
    """Body text: long with sentence punctuation and function words, or a full sentence of running text."""
    if _TRUNCATED.search(s):
        return False
    n = len(s)
    if n >= 150 and _SENT_PUNCT.search(s) and (_stop_ratio(words) >= 0.12 or n >= 300):
        return True
    # Shorter: must end like a statement (headlines end without a period, or with "?").
    return n >= 50 and len(words) >= 8 and bool(_END_STATEMENT.search(s)) and _stop_ratio(words) >= 0.15


def _strong(ln: Line) -> bool:
    return ln.kind == "good" and len(ln.text) - ln.cut >= 120


def _headline_like(s: str, words: list[str]) -> bool:
    return 2 <= len(words) <= 40 and len(s) <= 300 and not s.endswith(".") and not s.endswith(":")


_NON_ALNUM = re.compile(r"[\W_]+")


def _key(s: str) -> str:
    return _NON_ALNUM.sub("", s.casefold())


#: a line of a year alone, under the day and month of a date block split over two lines ("14. März" over "2024")
_YEAR_LINE = re.compile(r"\W{0,2}(?:19|20)\d{2}\W{0,2}")
_STRIP_YEAR = " |·•,()[]"


def _calendar_badges(lines: list[Line]) -> None:
    """A date block split over two lines ("26" over "Okt 2018", "14. März" over "2024") is one date line, to the day."""
    for prev, ln in pairwise(lines):
        if ln.date is None and prev.date is None and prev.reason in (None, "fragment") and len(prev.text) <= 24 \
                and _YEAR_LINE.fullmatch(ln.text) and any(ch.isdigit() for ch in prev.text):
            joined = headers.date_line(f"{prev.text} {ln.text.strip(_STRIP_YEAR)}")
            if joined is not None and not joined.keyword and joined.value.precision == "day":
                prev.date = joined.value
                prev.kind, prev.reason = "cue", "date line"
                ln.kind, ln.reason = "cue", "fragment"
            continue
        if ln.date is not None and ln.date.precision == "month" and not ln.date_keyword and prev.reason in (None, "fragment") \
                and len(prev.text) <= 3:
            day = headers.badge_day(prev.text, ln.date)
            if day is not None:
                ln.date = day
                prev.kind, prev.reason = "cue", "date line"


def _first_pass(line: Line) -> None:
    s = line.text
    words = line.words = _words(s)
    n = len(s)
    dm = headers.date_line(s)
    if dm:
        line.kind, line.reason, line.date, line.date_keyword = "cue", "date line", dm.value, dm.keyword
        return
    rd = headers.relative_date_line(s) if n <= 60 else None
    if rd:
        line.kind, line.reason, line.relative = "cue", "date line", rd
        return
    combined = headers.header_parts(s) if n <= 160 else None
    if combined:
        line.kind = "cue"
        line.reason = "author line" if combined.get("author") else "date line"
        line.author = combined.get("author")  # type: ignore[assignment]
        line.date = combined.get("date")  # type: ignore[assignment]
        return
    if headers.reading_time_line(s):
        line.kind, line.reason = "cue", "reading time"
        return
    if headers.author_line(s):
        line.kind, line.reason = "cue", "author line"
        return
    if n > 500:  # no page furniture is this long: only the body test applies
        if _is_good(s, words):
            line.kind = "good"
        return
    if sum(len(w) for w in words) < 3:
        line.kind, line.reason = "cue", "fragment"
        return
    if _PLUS_TEASER.match(s) and _TEASER_CUE.search(s):
        line.kind, line.reason = "cue", "teaser"
        return
    if n <= 90 and _RELATED.match(s):
        line.kind, line.reason = "cue", "related links"
        return
    low = s.lower()
    if n <= 300 and _POST_META.search(s):
        line.kind, line.reason = "cue", "post meta"
        return
    if n <= 300 and _SUBSCRIBE.search(s) and _addresses_reader(words):
        line.kind, line.reason = "cue", "newsletter"  # a pitch to the reader, even when written as a sentence
        return
    for reason, pattern, max_len in _CUES:
        hints = _CUE_HINTS.get(reason)
        if hints and not any(h in low for h in hints):
            continue
        soft = reason in _SOFT_CUES and pattern is not _CUES[_HARD_NEWSLETTER][1]
        if n <= max_len and pattern.search(s) and not (soft and _is_good(s, words)):
            line.kind, line.reason = "cue", reason
            return
    if n <= 500 and any(h in low for h in _CREDIT_HINTS) and (_CREDIT_STRONG.search(s) or (_CREDIT.search(s) and not _is_good(_CREDIT.sub("", s), words))):
        line.kind, line.reason = "cue", "photo caption"
        return
    dp = headers.date_prefix(s)
    if dp:
        line.cut, line.cut_reason, line.date, line.date_keyword = dp.end, "date line", dp.value, dp.keyword
        s = s[dp.end :]
        words = _words(s)
    if _is_good(s, words):
        line.kind = "good"
    elif _TRUNCATED.search(s) and n >= 40:
        line.kind = "weak"


def _lines(text: str) -> list[Line]:
    out = []
    for m in re.finditer(r"[^\r\n]+", text):
        chunk = m.group()
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        start = m.start() + lead
        out.append(Line(start, start + len(stripped), stripped))
    return out


def plan(text: str, *, extracted: bool = False, use_model: bool | str = False) -> Plan:
    """Decide for each line of ``text`` whether it is article text, and why not.

    ``use_model``: False for the rules alone, True for the default line model (``LINE_MODEL``),
    or the name of one of ``LINE_MODELS``.

    ``extracted=True`` is for text an HTML extractor already reduced to the main content: only
    cue lines, related-links blocks and duplicates are removed; the layout rules for the header
    zone, navigation runs and the tail (meant for whole flattened pages) are skipped.
    """
    lines = _lines(text)
    for line in lines:
        _first_pass(line)
    _calendar_badges(lines)
    _event_dates(lines)
    if extracted:
        meta: dict[str, Any] = {}
        _related_blocks(lines, 0)
        _mark_duplicates(lines)
        _header_meta(lines, min(3, len(lines)), meta)
        return Plan(lines, meta)
    good = [i for i, ln in enumerate(lines) if ln.kind == "good"]
    strong = [i for i in good if _strong(lines[i])]
    meta = {}
    if not good:
        # No body paragraph at all: keep everything that is not a cue (short notes stay readable).
        _mark_duplicates(lines)
        _header_meta(lines, len(lines), meta)
        return Plan(lines, meta)
    block = _main_block(lines, good)
    for i in good:
        if not block[0] <= i <= block[1]:
            lines[i].reason = "outside article"
    strong = [i for i in strong if block[0] <= i <= block[1]]
    first, last = (strong or [block[0]])[0], block[1]
    _header_zone(lines, first, meta)
    _related_blocks(lines, first)
    _navigation_runs(lines, first)
    _link_runs(lines, first, last)
    _tail(lines, last)
    _mark_duplicates(lines)
    if use_model and _apply_model(lines, first, last, meta.get("title_line"), _model_name(use_model)):
        _mark_duplicates(lines)  # a restored line may repeat a kept one
    _header_meta(lines, first, meta)
    _glued_dateline(lines, meta)
    meta["_block"] = (first, last)
    return Plan(lines, meta)


#: non-body lines between two body paragraphs that still count as one article
MAX_GAP = 25  # chosen on the scrapinghub pages (F1 0.825 at 4, 0.862 at 15, 0.865 at 25 and 40)


def _main_block(lines: list[Line], good: list[int]) -> tuple[int, int]:
    """Return (first, last) index of the run of body paragraphs with the most text.

    Body paragraphs separated by at most ``MAX_GAP`` other kept lines belong to one block;
    on a flattened page, long text far from the article (comment policies, cookie notices,
    other articles' summaries) forms blocks of its own.
    """
    blocks: list[list[int]] = [[good[0]]]
    for prev, cur in pairwise(good):
        between = lines[prev + 1 : cur]
        gap = sum(1 for ln in between if ln.reason is None)
        # Reader comments look like body text: a comments heading ends the article.
        if gap > MAX_GAP or any(ln.reason == "comments widget" for ln in between):
            blocks.append([cur])
        else:
            blocks[-1].append(cur)
    best = max(blocks, key=lambda b: sum(len(lines[i].text) for i in b))
    return best[0], best[-1]


_LIST_ITEM = re.compile(r"^(?:[-–•*·▪►✓]|\d{1,2}[.)])\s")


def _link_runs(lines: list[Line], first: int, last: int) -> None:
    """Inside the article, remove runs of two or more short non-sentence lines (teaser links, tags)."""
    def linkish(ln: Line) -> bool:
        s = ln.text
        return ln.reason is None and ln.kind in ("neutral", "weak") and len(s) < 140 \
            and not _END_SENTENCE.search(s) and not s.endswith(":") and not _LIST_ITEM.match(s)

    for ln in lines[first : last + 1]:
        # A one-word line inside a flattened article is a menu or tag, not a subheading.
        if ln.reason is None and ln.kind == "neutral" and len(_words(ln.text)) <= 1 and not ln.text.endswith(":"):
            ln.reason = "navigation"
    i = first
    while i <= last:
        j = i
        while j <= last and linkish(lines[j]):
            j += 1
        if j - i >= 2 and not (i > 0 and lines[i - 1].text.endswith(":")):
            for ln in lines[i:j]:
                ln.reason = "link list"
        i = max(j, i + 1)


def _header_zone(lines: list[Line], first: int, meta: dict[str, Any]) -> None:
    zone = lines[:first]
    meta_kinds = {"date line", "author line", "reading time", "section", "fragment", "photo caption"}
    for ln in zone:
        if ln.reason is None:
            sec = headers.section_word(ln.text)
            if sec:
                ln.kind, ln.reason = "cue", "section"
                # the last section word above the article is the most specific ("Politik", "Ausland");
                # a logo in capitals ("WELT") or the generic "Nachrichten" only when nothing else is given
                if not ("section" in meta and (ln.text.strip().isupper() or sec.lower() in headers.GENERIC_SECTIONS)):
                    meta["section"] = sec
    first_body = next((i for i, ln in enumerate(zone) if ln.kind == "good" and ln.reason is None), len(zone))
    candidates = [i for i, ln in enumerate(zone[:first_body])
                  if ln.reason is None and _headline_like(ln.text, _words(ln.text)) and not _LIST_ITEM.match(ln.text)]
    first_meta = next((i for i, ln in enumerate(zone) if ln.reason in ("date line", "author line", "reading time")), None)
    title_i = choose_title_line(lines, first, stopwords=_STOPWORDS, furniture=_FURNITURE_WORDS)
    if title_i is None and candidates:
        before = [i for i in candidates if first_meta is None or i < first_meta]
        title_i = before[-1] if before else candidates[0]
    if title_i is not None:
        meta["title"] = zone[title_i].text
        meta["title_line"] = title_i
    seen_meta = False
    for i, ln in enumerate(zone):
        if ln.reason in meta_kinds:
            seen_meta = seen_meta or (title_i is not None and i > title_i) or title_i is None
            continue
        if ln.reason is not None or i == title_i:
            continue
        words = _words(ln.text)
        if ln.kind == "good" and not (seen_meta and len(ln.text) <= 300 and title_i is not None and i > title_i):
            continue  # running text before the main block is kept
        if title_i is None or i < title_i:
            ln.reason = "navigation" if len(words) <= 4 else "header"
        elif seen_meta and (ln.text.endswith(".") or _CREDIT.search(ln.text)) and len(ln.text) <= 300 \
                and not _AGENCY_DATELINE.match(ln.text):
            ln.reason = "photo caption"
        elif _key(ln.text) == _key(zone[title_i].text):
            ln.reason = "duplicate"
        # else: a subtitle or kicker after the title: keep


def _related_blocks(lines: list[Line], first: int) -> None:
    i = first
    n = len(lines)
    while i < n:
        if lines[i].reason == "related links":
            j = i + 1
            prev_good = False
            while j < n:
                ln = lines[j]
                if ln.kind == "good" and ln.reason is None:
                    long_body = len(ln.text) >= 250
                    if j == i + 1 or prev_good or long_body:
                        break
                    prev_good = True
                else:
                    prev_good = False
                if ln.reason is None or ln.reason in ("date line", "section"):
                    ln.reason = "related links"
                j += 1
            i = j
        else:
            i += 1


def _navigation_runs(lines: list[Line], first: int) -> None:
    def short(ln: Line) -> bool:
        return ln.reason is None and ln.kind == "neutral" and len(ln.text) <= 30 and len(_words(ln.text)) <= 4 \
            and not _END_SENTENCE.search(ln.text)

    i = first
    while i < len(lines):
        j = i
        while j < len(lines) and short(lines[j]):
            j += 1
        if j - i >= 3:
            for ln in lines[i:j]:
                ln.reason = "navigation"
        i = max(j, i + 1)


def _tail(lines: list[Line], last: int) -> None:
    after = lines[last + 1 :]
    for k, ln in enumerate(after):
        if ln.reason is not None:
            continue
        words = _words(ln.text)
        # A closing short sentence right after the body is text; everything else is page furniture.
        if k == 0 and len(words) >= 4 and _END_SENTENCE.search(ln.text) and ln.kind != "weak":
            continue
        ln.reason = "trailer"


def _mark_duplicates(lines: list[Line]) -> None:
    seen: set[str] = set()
    for ln in lines:
        if ln.reason is not None:
            continue
        key = _key(ln.text[ln.cut :])
        if len(key) < 15:
            continue
        if key in seen:
            ln.reason = "duplicate"
        else:
            seen.add(key)


def _event_dates(lines: list[Line]) -> None:
    """A date line among an event's details ("Datum: 20.03.2024" over "Ort: Rathaus", "Uhrzeit: 19 Uhr") dates the
    event the page announces: a date line is recorded as an event date, which no stage takes for the page's own; a
    line kept as text ("Datum: 20.03.2024 | Ort: Rathaus, großer Saal") keeps no date."""
    for i, ln in enumerate(lines):
        if ln.date is not None and among_event_details(
                ln.text, [b.text for b in lines[max(0, i - 4) : i]], [a.text for a in lines[i + 1 : i + 5]]):
            if ln.reason == "date line":
                ln.reason = "event date"
            else:
                ln.date = None


def _header_meta(lines: list[Line], first: int, meta: dict[str, Any]) -> None:
    """Collect the publication date and author from the top of the text (not from teaser blocks)."""
    window = lines[: max(first + 4, 8)]
    dates = [(i, ln) for i, ln in enumerate(window) if ln.date is not None and ln.reason not in OTHER_DATES
             and not under_related_heading(window, i)]
    if dates:
        published = [(i, ln) for i, ln in dates if not (ln.date_keyword and update_label(ln.date_keyword))]
        meta["_published_line"], chosen = (published or dates)[0]
        meta["published"] = chosen.date
        meta["_published_labelled"] = bool(chosen.date_keyword)
    else:
        relative = next((ln for ln in window if ln.relative is not None and ln.reason != "related links"), None)
        if relative is not None:
            meta["published_relative"] = (relative.relative, relative.text)
    for ln in window:
        if ln.reason == "author line" and "author" not in meta:
            meta["author"] = ln.author or headers.author_line(ln.text)
        if ln.reason == "section" and "section" not in meta:
            meta["section"] = headers.section_word(ln.text)


def _glued_dateline(lines: list[Line], meta: dict[str, Any]) -> None:
    """Split a dateline glued to the first body word ("BerlinWladimir Putins …").

    Camel-case names ("TikTok", "PayPal", "YouTube", "WhatsApp", "BlackRock") look the same, so
    the first part must be a place: one seen in datelines (``dateline_places``), or a word the
    text uses on its own elsewhere while the glued form appears nowhere else."""
    body = next((ln for ln in lines if _strong(ln) and ln.reason is None), None)
    if body is None:
        return
    m = _DATELINE.match(body.text[body.cut :])
    if not m:
        return
    place, glued = m.group(1), m.group(1) + m.group(2)
    if place not in dateline_places():
        rest = [ln.text for ln in lines if ln is not body] + [body.text[body.cut + m.end() :]]
        words = Counter(w for text in rest for w in re.findall(r"[\w-]+", text))
        if words[glued] or not words[place]:
            return
    body.split = body.cut + m.end(1)
    meta["dateline"] = place


@lru_cache(maxsize=1)
def dateline_places() -> frozenset[str]:
    """One-word places that open datelines (``data/ingest/dateline_places.tsv``) and the capitals of
    ``data/kb/countries.tsv``."""
    data = resources.files("lagebild") / "data"
    places = {line.split("\t")[0] for line in (data / "ingest" / "dateline_places.tsv").read_text("utf-8").splitlines()
              if line and not line.startswith("#")}
    for line in (data / "kb" / "countries.tsv").read_text("utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 7:
            continue
        places.update(p.strip() for p in cols[6].split("|") if p.strip() and " " not in p.strip())
    return frozenset(places)


#: removal reasons that come from the page layout (not from a cue in the line itself)
LAYOUT_REASONS = frozenset({"outside article", "navigation", "header", "trailer", "link list"})

# Words that mark page furniture in any of the common languages of the web (calls to action,
# account, comment and share widgets, legal notes): a general list, not tied to any site.
_FURNITURE_WORDS = frozenset(
    """
    newsletter newsletters abonnieren abonniere abonnement abo abos abonnenten anmelden abmelden registrieren
    registrierung einloggen login logout konto passwort kommentar kommentare kommentieren antworten teilen
    geteilt cookie cookies datenschutz datenschutzerklärung einwilligung einstellungen impressum kontakt
    werbung anzeige provision partnerlinks affiliate shop gutschein download herunterladen app apps
    rechte vorbehalten urheberrecht veröffentlicht verschlagwortet permalink permanentlink kategorie kategorien
    schlagwörter tags autor autorin redaktion erforderlich felder pflichtfeld weiterlesen klicken hier jetzt
    folgen folge facebook twitter instagram youtube whatsapp telegram linkedin pinterest tiktok xing rss
    subscribe subscribed subscription subscriber unsubscribe signup sign inbox email mail comment comments
    reply share shares shared privacy policy consent settings terms copyright rights reserved advertisement
    advertising sponsored affiliate disclosure disclaimer click here follow download app apps posted
    tagged category categories author authors permalink required fields website newsletter free trial
    abonnez inscrivez inscription connexion commentaires commentaire partager confidentialité publicité
    suivez droits réservés suscríbete suscribirse comentarios compartir privacidad publicidad derechos
    iscriviti commenti condividi pubblicità diritti riservati abonneer reacties delen privacybeleid
    kostenlos gratis bestellen kaufen angebot angebote gutscheine podcast podcasts bildergalerie paywall
    bezahlschranke unterstützen spenden spende mitglied mitgliedschaft leser leserinnen neuigkeiten
    updates latest stories newsletter donate support membership member members free premium offer offers
    """.split()
)
_YOU_WORDS = frozenset(
    "you your yours yourself du dich dir dein deine deinen deinem deiner deines euch euer eure euren vous votre vos tu "
    "ton ta tes usted ustedes tú tus tuo tua tuoi voi jij je jouw uw".split()
)
_FORMAL_YOU = frozenset("Sie Ihnen Ihre Ihr Ihren Ihrem Ihrer Ihres".split())
_URLISH = re.compile(r"https?://|www\.|\.(?:com|de|org|net)\b|@\w")
_SEPARATORS = re.compile(r"\s[|·•/>»]\s")

FEATURES = (
    "bias", "log_len", "log_words", "stop_ratio", "ends_sentence", "inner_punct", "digit_ratio", "caps_ratio",
    "good", "weak", "in_block", "rule_keeps", "position", "log_dist_block", "prev_good", "next_good",
    "prev_log_len", "next_log_len", "list_item", "ends_colon", "link_list", "header_zone", "tail", "truncated",
    "r_outside", "r_navigation", "r_header", "r_trailer", "density3", "density10", "block_cohesion",
    "title_overlap", "furniture", "furniture_any", "you_ratio", "log_repeats", "rel_in_block", "log_sentences",
    "urlish", "separators", "ends_question", "upper_words", "log_block_lines", "log_char_dist",
    "promo", "log_to_block_end", "len_vs_body", "block_edge", "log_run", "promo_off_topic", "body_off_topic",
)
#: features a second pass adds: what the first pass thinks of the neighbouring lines
CONTEXT_FEATURES = ("p_self", "p_prev", "p_next", "p_win2", "p_win6")


def _content(folded: list[str]) -> set[str]:
    return {w for w in set(folded).difference(_STOPWORDS) if len(w) >= 4 and not w.isdigit()}


def _at_end(pattern: re.Pattern[str], s: str) -> bool:
    """Match an end-anchored pattern on the last characters only (a search over a long line is slow)."""
    return pattern.search(s[-12:]) is not None



def line_features(lines: list[Line], first: int, last: int, title_i: int | None = None) -> list[list[float]]:
    """Return one feature vector (``FEATURES``) per line: the line itself and its place on the page.

    Beyond the line's own shape, each line is compared with the main block (``first``..``last``):
    distance, density of body text around it, and lexical cohesion (share of its content words
    that occur elsewhere in the block, or in the title), because teasers of other stories look
    like body text but talk about something else.
    """
    n = len(lines)
    wordss = [ln.words or _words(ln.text) for ln in lines]
    foldeds = ["\x00".join(ws).casefold().split("\x00") if ws else [] for ws in wordss]
    contents = [_content(f) for f in foldeds]
    lens = [len(ln.text) for ln in lines]
    loglens = [math.log1p(x) for x in lens]
    kept_good = [ln.kind == "good" and _decidable(ln) for ln in lines]
    # prefix sums of characters and of body-text characters, for window densities
    pc, pg = [0], [0]
    for ln_len, g in zip(lens, kept_good, strict=True):
        pc.append(pc[-1] + ln_len)
        pg.append(pg[-1] + (ln_len if g else 0))
    block_vocab: Counter[str] = Counter()
    for i in range(first, min(last, n - 1) + 1):
        if kept_good[i]:
            block_vocab.update(contents[i])
    in_block = block_vocab.__contains__
    # for a body line of the block itself: its words count only if another body line has them too
    in_block_elsewhere = {w for w, c in block_vocab.items() if c > 1}.__contains__
    title = contents[title_i] if title_i is not None and 0 <= title_i < n else set()
    repeats = Counter(ln.text for ln in lines)
    block_lines = max(last - first + 1, 1)
    # length of the run of neighbouring lines that share the line's rule decision (a long link list, one stray line)
    run = [1] * n
    k = 0
    while k < n:
        j = k
        while j + 1 < n and lines[j + 1].reason == lines[k].reason:
            j += 1
        run[k : j + 1] = [j - k + 1] * (j - k + 1)
        k = j + 1
    body_lens = sorted(lens[i] for i in range(first, min(last, n - 1) + 1) if kept_good[i])
    log_body_len = math.log1p(body_lens[len(body_lens) // 2]) if body_lens else 0.0
    out: list[list[float]] = []
    for i, ln in enumerate(lines):
        s = ln.text
        words, folded = wordss[i], foldeds[i]
        nw = max(len(words), 1)
        dist = 0 if first <= i <= last else (first - i if i < first else i - last)
        char_dist = 0 if dist == 0 else (pc[first] - pc[i + 1] if i < first else pc[i] - pc[last + 1])
        cont = contents[i]
        if cont:
            own = kept_good[i] and first <= i <= last
            cohesion = sum(map(in_block_elsewhere if own else in_block, cont)) / len(cont)
            title_overlap = sum(map(title.__contains__, cont)) / len(cont) if i != title_i else 0.0
        else:
            cohesion = title_overlap = 0.0
        a3, b3, a10, b10 = max(0, i - 3), min(n, i + 4), max(0, i - 10), min(n, i + 11)
        furniture = sum(map(_FURNITURE_WORDS.__contains__, folded))
        you = sum(map(_YOU_WORDS.__contains__, folded)) + sum(map(_FORMAL_YOU.__contains__, words[1:]))
        out.append([
            1.0, loglens[i], math.log1p(len(words)), sum(map(_STOPWORDS.__contains__, folded)) / nw,
            float(_at_end(_END_SENTENCE, s)),
            float(bool(_SENT_PUNCT.search(s, 0, len(s) - 1))), sum(map(s.count, "0123456789")) / max(len(s), 1),
            sum(map(str.istitle, words)) / nw, float(ln.kind == "good"), float(ln.kind == "weak"),
            float(first <= i <= last), float(ln.reason is None), i / max(n - 1, 1), math.log1p(dist),
            float(i > 0 and kept_good[i - 1]), float(i + 1 < n and kept_good[i + 1]),
            loglens[i - 1] if i > 0 else 0.0, loglens[i + 1] if i + 1 < n else 0.0,
            float(bool(_LIST_ITEM.match(s))), float(s.endswith(":")), float(ln.reason == "link list"),
            float(i < first), float(i > last), float(_at_end(_TRUNCATED, s)),
            float(ln.reason == "outside article"), float(ln.reason == "navigation"), float(ln.reason == "header"),
            float(ln.reason == "trailer"),
            (pg[b3] - pg[a3]) / max(pc[b3] - pc[a3], 1), (pg[b10] - pg[a10]) / max(pc[b10] - pc[a10], 1),
            cohesion, title_overlap, furniture / nw, float(furniture > 0), you / nw,
            math.log(repeats[s]), (i - first) / block_lines if dist == 0 else (-1.0 if i < first else 2.0),
            math.log1p(s.count(". ") + s.count("! ") + s.count("? ") + (s[-1:] in ".!?")),
            float(bool(_URLISH.search(s))), float(bool(_SEPARATORS.search(s))),
            float(s[-6:].rstrip("\"“”»«'’)").endswith("?")), sum(map(str.isupper, words)) / nw,
            math.log1p(block_lines), math.log1p(char_dist),
            float(furniture > 0 and you > 0), math.log1p(last - i) if dist == 0 else 0.0, loglens[i] - log_body_len,
            float(i in (first, last)), math.log(run[i]),
            float(furniture > 0 and you > 0) * (1.0 - cohesion),
            (1.0 - cohesion) * float(kept_good[i] and dist == 0 and len(cont) >= 5),
        ])
    return out


def context_features(probs: list[float]) -> list[list[float]]:
    """Return ``CONTEXT_FEATURES`` per line from the first-pass probabilities of all lines."""
    n = len(probs)
    pre = [0.0]
    for p in probs:
        pre.append(pre[-1] + p)

    def win(i: int, k: int) -> float:
        a, b = max(0, i - k), min(n, i + k + 1)
        return (pre[b] - pre[a] - probs[i]) / max(b - a - 1, 1)

    return [[probs[i], probs[i - 1] if i > 0 else 0.0, probs[i + 1] if i + 1 < n else 0.0, win(i, 2), win(i, 6)]
            for i in range(n)]


def model_candidates(lines: list[Line], title_i: int | None) -> list[int]:
    """Return the lines the line model decides: every line the rules kept or removed for layout only."""
    return [i for i, ln in enumerate(lines) if i != title_i and _decidable(ln)]


def _decidable(ln: Line) -> bool:
    # a cue line ("Zur Startseite" is a navigation cue) says what it is: the model decides layout only
    return ln.reason is None or (ln.reason in LAYOUT_REASONS and ln.kind != "cue")


def _logistic(x: Any, weights: tuple[float, ...], mean: tuple[float, ...], std: tuple[float, ...]) -> Any:
    import numpy as np

    z = ((np.asarray(x, dtype=float) - np.asarray(mean)) / np.asarray(std)) @ np.asarray(weights)
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


class Forest:
    """Gradient-boosted decision trees evaluated with numpy (exported by ``train_lines``; no training library needed).

    ``feature``/``threshold``/``left``/``right`` list the split nodes of all trees; a child ``c < 0``
    is the leaf ``~c`` with the score ``leaf[~c]``; ``roots`` holds each tree's root the same way.
    A row goes left when its feature value is ``<= threshold``. The probability is the logistic of
    ``base`` plus the leaf scores of all trees.
    """

    chunk = 128

    def __init__(self, base: float, feature: Any, threshold: Any, left: Any, right: Any, leaf: Any, roots: Any) -> None:
        import numpy as np

        self.args = (base, feature, threshold, left, right, leaf, roots)
        n_split, n_leaf = len(feature), len(leaf)
        # one node table: splits first, then leaves, which loop to themselves (a leaf never moves on)
        loop = np.arange(n_split, n_split + n_leaf, dtype=np.int32)

        def node(c: Any) -> Any:
            c = np.asarray(c, dtype=np.int32)
            return np.where(c >= 0, c, n_split + ~c).astype(np.int32)

        self.base = float(base)
        self.feature = np.r_[np.asarray(feature, dtype=np.intp), np.zeros(n_leaf, dtype=np.intp)]
        self.threshold = np.r_[np.asarray(threshold, dtype=float), np.full(n_leaf, np.inf)]
        # children side by side: node k goes to child[2 * k + (value > threshold)]
        self.child = np.column_stack([np.r_[node(left), loop], np.r_[node(right), loop]]).ravel().astype(np.intp)
        self.value = np.r_[np.zeros(n_split), np.asarray(leaf, dtype=float)]
        self.roots = node(roots).astype(np.intp)
        self.depth = self._depth()

    def _depth(self) -> int:
        import numpy as np

        depth, cur = 0, np.unique(self.roots)
        while True:
            nxt = np.unique(self.child[np.r_[2 * cur, 2 * cur + 1]])
            if np.array_equal(nxt, cur):
                return depth
            depth, cur = depth + 1, nxt

    def __call__(self, x: Any) -> Any:
        """Return the probability of each row of ``x``."""
        import numpy as np

        x = np.asarray(x, dtype=float)
        # rows in chunks: the (trees x rows) index arrays of a chunk stay in the CPU cache
        z = np.concatenate([self._raw(x[k : k + self.chunk]) for k in range(0, len(x), self.chunk)] or [np.empty(0)])
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))

    def _raw(self, x: Any) -> Any:
        import numpy as np

        n, width = x.shape
        at = np.repeat(self.roots[:, None], n, axis=1)  # (trees, rows): the node each row is at in each tree
        offset = np.arange(n) * width
        flat = x.ravel()
        for _ in range(self.depth):
            go_right = flat.take(offset + self.feature.take(at)) > self.threshold.take(at)
            at = self.child.take(2 * at + go_right)
        return self.base + self.value.take(at).sum(axis=0)


_FORESTS: dict[str, tuple[Forest, Forest]] = {}


def _forests(weights: Any) -> tuple[Forest, Forest]:
    """Build (once per weights module) the two passes of a tree model."""
    name = weights.__name__
    if name not in _FORESTS:
        _FORESTS[name] = (Forest(*weights.TREES1), Forest(*weights.TREES2))
    return _FORESTS[name]


def line_probabilities(lines: list[Line], first: int, last: int, title_i: int | None, weights: Any,
                       rows: list[int] | None = None) -> list[float]:
    """Return the two-pass model's probability that each line (or each of ``rows``) is article text.

    ``weights`` is the weights module: two logistic regressions (``WEIGHTS1``…) or two tree
    ensembles (``TREES1``, ``TREES2``). Pass 1 scores every line (its scores are pass 2's context).
    """
    import numpy as np

    feats = np.asarray(line_features(lines, first, last, title_i), dtype=float)
    pass1: Callable[[Any], Any]
    pass2: Callable[[Any], Any]
    if hasattr(weights, "TREES1"):
        pass1, pass2 = _forests(weights)
    else:
        def logistic1(x: Any) -> Any:
            return _logistic(x, weights.WEIGHTS1, weights.MEAN1, weights.STD1)

        def logistic2(x: Any) -> Any:
            return _logistic(x, weights.WEIGHTS2, weights.MEAN2, weights.STD2)

        pass1, pass2 = logistic1, logistic2
    p1 = [float(v) for v in pass1(feats)]
    x2 = np.hstack([feats, np.asarray(context_features(p1), dtype=float).reshape(len(p1), len(CONTEXT_FEATURES))])
    return [float(v) for v in pass2(x2 if rows is None else x2[rows])]


def main_body_lines(lines: list[Line], first: int, last: int) -> list[int]:
    """Return the body paragraphs of the main block the rules kept (judged with the lower ``THRESHOLD_BODY``)."""
    return [i for i in range(first, min(last, len(lines) - 1) + 1) if lines[i].kind == "good" and lines[i].reason is None]


#: the line models and the module holding each one's trained parameters
LINE_MODELS = {"logistic": "lagebild.ingest.line_weights", "trees": "lagebild.ingest.line_trees"}
#: the default: the trees score better in cross-validation on the tuning pages (F1 0.897 against 0.885) and on
#: the held-out pages (see benchmarks/README.md); bullet lists are decided as one unit (``_lists_whole``)
LINE_MODEL = "trees"


def _model_name(use_model: bool | str) -> str:
    if use_model is True:
        return LINE_MODEL
    if use_model not in LINE_MODELS:
        raise ValueError(f"unknown line model {use_model!r}; known: {', '.join(LINE_MODELS)}")
    return str(use_model)


def _lists_whole(lines: list[Line], todo: list[int], probs: list[float]) -> list[float]:
    """Decide a bullet list as one unit: its items and the lead-in line ending in ":" get the items' mean score.

    A list is all article or all furniture; scored line by line, a short item or the lead-in
    ("Wesentliche Punkte des Pakts:") can fall just below the threshold while its siblings stay.
    """
    score = dict(zip(todo, probs, strict=True))
    i = 0
    while i < len(lines):
        if not (_LIST_ITEM.match(lines[i].text) and i in score):
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and _LIST_ITEM.match(lines[j + 1].text) and j + 1 in score:
            j += 1
        if j > i:
            items = range(i, j + 1)
            mean = sum(score[k] for k in items) / (j - i + 1)
            lead = i - 1 if i > 0 and i - 1 in score and lines[i - 1].text.rstrip().endswith(":") else None
            for k in [*items, *([lead] if lead is not None else [])]:
                score[k] = mean
        i = j + 1
    return [score[i] for i in todo]


def _full_paragraph(line: Line) -> bool:
    """A long line of running text that ends a sentence (not a headline, teaser link or credit)."""
    text = line.text.strip()
    return line.kind == "good" and len(text) > 100 and text.endswith((".", "!", "?", "“", '"', "»"))


def _apply_model(lines: list[Line], first: int, last: int, title_i: int | None, model: str = LINE_MODEL) -> bool:
    """Let the line model re-decide every layout decision and every kept line (cue removals and the title stay).

    The longest body paragraph of the main block always stays: a page is never emptied, and
    a short clean article (nothing around it to compare with) is left alone. Return whether
    a removed line was restored.
    """
    import importlib

    try:
        line_weights = importlib.import_module(LINE_MODELS[model])
    except ImportError:  # no trained model shipped: rules only
        return False
    body = main_body_lines(lines, first, last)
    anchor = max(body, key=lambda i: len(lines[i].text), default=None)
    todo = [i for i in model_candidates(lines, title_i) if i != anchor]
    if last >= len(lines) - 1:
        # Nothing follows the article (a clean text, not a whole page): the model learnt the end of a
        # text from page footers, so it does not judge the article's own full paragraphs there.
        # Nor full paragraphs above the headline it chose: in such a text they are the article's
        # own lead, and a second cleaning of the kept text would otherwise drop them.
        todo = [i for i in todo if i not in body and not _full_paragraph(lines[i])]
    if not todo:
        return False
    body_set = set(body)
    probs = _lists_whole(lines, todo, line_probabilities(lines, first, last, title_i, line_weights, rows=todo))
    restored = False
    for i, prob in zip(todo, probs, strict=True):
        ln = lines[i]
        if prob >= (line_weights.THRESHOLD_BODY if i in body_set else line_weights.THRESHOLD):
            restored = restored or ln.reason is not None
            ln.reason = None
        elif ln.reason is None:
            ln.reason = "low text score"
    return restored
