"""Cheap tests that let callers skip ``line_dates`` on lines that cannot hold what they look for."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from lagebild.ingest.page_dates import has_digit, line_dates, may_name_update

#: pieces a header line is made of: labels, dates, words, digits of other scripts, case variants
_PIECES = st.sampled_from([
    "Aktualisiert am ", "AKTUALISIERT: ", "zuletzt ", "Updated ", "UPDATE ", "Last modified ", "mis à jour le ",
    "Actualizado el ", "Güncelleme: ", "Обновлено ", "更新 ", "Print Edition", " Ausgabe", "issue", "editions ",
    "Veröffentlicht am ", "Published ", "Stand: ", "Von Anna Beispiel | ", "Berlin, ",
    "12.03.2024", "3. März 2024", "March 3, 2024", "2024-03-12", "03/04/2020", "١٢/٠٣/٢٠٢٤", "14:05 Uhr",
    "² ", "① ", "K", "ſ", "İ", " ", ", ", "<span>", "</div>", "x", "7",
])
_LINES = st.lists(_PIECES, max_size=8).map("".join) | st.text(max_size=120)


@settings(max_examples=400, deadline=None)
@given(_LINES)
@example("AKTUALISIERT 12.03.2024")
@example("12.03.2024 Printausgabe")
def test_a_line_with_an_update_date_passes_the_cue_test(line: str) -> None:
    if any(kind == "modified" for _, kind, _ in line_dates(line, day_first=True)):
        assert may_name_update(line)
    if any(kind == "modified" for _, kind, _ in line_dates(line, month_first=True)):
        assert may_name_update(line)


def test_the_cue_test_rules_out_lines_without_a_label() -> None:
    assert not may_name_update("Veröffentlicht am 12.03.2024, 14:05 Uhr")
    assert not may_name_update('<meta property="og:image" content="/img/2024/03/12/a.jpg">')
    assert may_name_update("Zuletzt aktualisiert: 12.03.2024")
    assert may_name_update("12.03.2024 (Print edition)")


@settings(max_examples=400, deadline=None)
@given(_LINES)
@example("²")
@example("①")
@example("١٢")
@example("Straße")
def test_has_digit_is_any_isdigit(line: str) -> None:
    assert has_digit(line) == any(ch.isdigit() for ch in line)


# --- htmldate's date parser, limited to the page's language ---------------------------------------

_DATE_STRINGS = [
    ("es", "Viernes, 22 de Abril de 2022"), ("es", "27 de Abr de 2022"), ("es", "Actualizado el: 19 abril 2022 9:12"),
    ("de", "Feb. 19 2020"), ("de", "Montag, 3. März 2023"), ("de", "ausmachen. Am 5. Okotober 2003 feierte"),
    ("fr", "Publié le 3 mars 2021"), ("zh", "2021年3月4日"), ("ru", "4 марта 2021"), ("en", "Jan 04 09:34 2021"),
]


def test_the_limited_date_parser_reads_like_htmldates_own() -> None:
    from htmldate.extractors import get_external_parser

    from lagebild.ingest.html import _date_parser

    everywhere = get_external_parser()
    for language, text in _DATE_STRINGS:
        full = everywhere.get_date_data(text)
        limited = _date_parser((language,), everywhere).get_date_data(text)
        if full.locale is None or full.locale.split("-")[0] in (language, "de", "en"):
            assert (limited.date_obj, limited.locale) == (full.date_obj, full.locale), text


def test_htmldate_follows_the_page_language_only_while_it_reads_that_page() -> None:
    import htmldate.extractors as hx
    from lxml import html

    from lagebild.ingest.html import _PAGE_LANGUAGE, _htmldate, _page_languages

    spanish = "El presidente anunció el viernes nuevas medidas para la economía del país."
    assert _page_languages(html.fromstring('<html lang="es-ES"><body><p>x</p></body></html>'), "") == ("es",)
    assert _page_languages(html.fromstring('<html lang="en"><body><p>x</p></body></html>'), spanish) == ("en", "es")
    assert _page_languages(html.fromstring('<html lang="xx"><body><p>x</p></body></html>'), "") == ()
    assert _page_languages(html.fromstring("<html><body><p>x</p></body></html>"), "12 34") == ()
    from lagebild.ingest.html import _install_page_date_parser

    _install_page_date_parser()
    token = _PAGE_LANGUAGE.set(("es",))
    try:
        assert hx.get_external_parser().locales == ["en", "es", "de"]  # dateparser's own order
    finally:
        _PAGE_LANGUAGE.reset(token)
    page = '<html lang="es"><body><p>Publicado el viernes, 22 de abril de 2022</p></body></html>'
    _htmldate(html.fromstring(page), page, None, "2024-01-01")
    assert _PAGE_LANGUAGE.get() == ()
    assert hx.get_external_parser().locales is None  # outside a page: htmldate's parser of every locale
