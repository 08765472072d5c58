"""Loaded once in the process pool's fork server when a run reads HTML pages (see ``preload``).

One small page goes through the HTML reader (trafilatura, lxml, the title, byline and date rules,
htmldate), and dateparser meets a date string no locale accepts: it then compiles its patterns for
every locale, as it would at the first such string in each worker (htmldate hands it a few).
"""

from __future__ import annotations

import logging

__all__ = ["WARM_PAGE", "warm_pages"]

log = logging.getLogger(__name__)

#: a small article page without a printed date, so that htmldate is asked as well
WARM_PAGE = (
    "<html lang='de'><head><title>Ein Plan für die Stadt</title></head><body><nav><a href='/'>Start</a></nav>"
    "<article><h1>Ein Plan für die Stadt</h1><p>Die Stadt hat einen Plan vorgelegt, der im Rat beraten wird. "
    "Er soll im kommenden Jahr umgesetzt werden.</p><p>Kritiker halten ihn für zu teuer und fordern eine "
    "Prüfung durch den Rechnungshof.</p></article><footer>Impressum</footer></body></html>"
)
#: no locale reads this as a date, so dateparser tries (and loads) every one of them
UNREADABLE_DATE = "7 xqzv 2024"


def warm_pages() -> None:
    from dateparser import DateDataParser  # type: ignore[import-untyped]

    from lagebild.ingest.readers import document_from_html
    from lagebild.model import SourceRef

    document_from_html(WARM_PAGE, doc_id="warm", source=SourceRef("warm.html"))
    DateDataParser().get_date_data(UNREADABLE_DATE)


try:
    warm_pages()
except Exception as exc:  # as in ``preload``: the workers load what they need themselves
    log.debug("preloading the HTML reader failed: %r", exc)
