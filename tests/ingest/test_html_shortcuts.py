"""Shortcuts on the HTML and header-date paths: each must give what the long way gives."""

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


def test_trafilaturas_parser_gives_the_element_classes_of_lxml_html() -> None:
    from lxml import html as lh
    from trafilatura.utils import load_html

    from lagebild.ingest.html import _HTML_ELEMENT_CLASSES, _page_tree

    page = ("<html><body><FORM action='/s'><Label>Suche</Label><input name='q' value='x'><TEXTAREA>t</TEXTAREA>"
            "<select><option>a</option></select></FORM><p>Text <b>fett</b></p><svg><path/></svg></body></html>")
    assert _page_tree(page) is not None
    ours = load_html(page)
    theirs = lh.document_fromstring(page)
    assert [type(e) for e in ours.iter()] == [type(e) for e in theirs.iter()]
    assert {type(e).__name__ for e in ours.iter()} >= {"FormElement", "LabelElement", "InputElement", "TextareaElement",
                                                        "SelectElement", "HtmlElement"}
    # the table the Python lookup keeps is the one given to the C lookup
    assert lh.HtmlElementClassLookup()._element_classes == {t: getattr(lh, c) for t, c in _HTML_ELEMENT_CLASSES.items()}
