"""DATE norms of Italian calendar expressions (SPEC §2) and the document's own date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from itnet.parsers.dates import find_published, format_date, parse_date

ANCHOR = "2017-12-01"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6 marzo 2024", "2024-03-06"),
        ("29 Gennaio 2019", "2019-01-29"),
        ("gennaio 2019", "2019-01"),
        ("Gennaio 2019", "2019-01"),
        ("2004", "2004"),
        ("nel 2004", "2004"),
        ("dal 2015", "2015"),
        ("nel corso del 2021", "2021"),
        ("08/01/2025", "2025-01-08"),
        ("8/1/25", "2025-01-08"),
        ("15.11.2012", "2012-11-15"),
        ("15-11-2012", "2012-11-15"),
        ("2024-03-06", "2024-03-06"),
        ("26 e 27 Maggio 2025", "2025-05-26/2025-05-27"),
        ("26-27 maggio 2025", "2025-05-26/2025-05-27"),
        ("dal 15 al 17 novembre 2012", "2012-11-15/2012-11-17"),
        ("15 al 17 novembre 2012", "2012-11-15/2012-11-17"),
        ("dall'8 all'11 marzo 2023", "2023-03-08/2023-03-11"),
        ("5, 6 e 7 maggio 2025", "2025-05-05/2025-05-07"),
        ("dal 28 febbraio al 3 marzo 2024", "2024-02-28/2024-03-03"),
        ("28 dicembre - 3 gennaio 2024", "2023-12-28/2024-01-03"),
        ("16 e 17 novembre", "XXXX-11-16/XXXX-11-17"),
        ("gennaio-marzo 2024", "2024-01/2024-03"),
        ("2014-2020", "2014/2020"),
        ("dal 2015 al 2018", "2015/2018"),
        ("15 novembre scorso", "XXXX-11-15"),
        ("1° gennaio", "XXXX-01-01"),
        ("1° gennaio 2020", "2020-01-01"),
        ("1º maggio 2021", "2021-05-01"),
        ("primo maggio", "XXXX-05-01"),
        ("lunedì 6 marzo 2024", "2024-03-06"),
        ("giovedì, 13 luglio 2017", "2017-07-13"),
        ("il 25 settembre 2024", "2024-09-25"),
        ("6 marzo del 2024", "2024-03-06"),
        ("marzo del 2024", "2024-03"),
        ("6 mar. 2024", "2024-03-06"),
        ("sett. 2023", "2023-09"),
        ("Dicembre 1st, 2020", "2020-12-01"),
        ("December 3rd, 2019", "2019-12-03"),
        ("6 marzo '24", "2024-03-06"),
        ("marzo", "XXXX-03"),
        ("29 febbraio", "XXXX-02-29"),
        ("29 febbraio 2024", "2024-02-29"),
        ("(13 luglio 2017)", "2017-07-13"),
    ],
)
def test_parse_date_without_anchor(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("15 novembre scorso", ANCHOR, "2017-11-15"),
        ("15 novembre scorso", "2017-11-10", "2016-11-15"),
        ("il 15 novembre u.s.", ANCHOR, "2017-11-15"),
        ("lo scorso 15 novembre", ANCHOR, "2017-11-15"),
        ("10 gennaio prossimo", ANCHOR, "2018-01-10"),
        ("10 gennaio p.v.", ANCHOR, "2018-01-10"),
        ("settembre scorso", ANCHOR, "2017-09"),
        ("il prossimo marzo", ANCHOR, "2018-03"),
        ("lo scorso anno", ANCHOR, "2016"),
        ("l'anno scorso", ANCHOR, "2016"),
        ("l'anno prossimo", ANCHOR, "2018"),
        ("16 e 17 novembre", ANCHOR, "2017-11-16/2017-11-17"),
        ("1° gennaio", ANCHOR, "2018-01-01"),
        ("6 marzo 2024", ANCHOR, "2024-03-06"),
        # A named weekday picks the year: 6 March was a Tuesday in 2018, a Monday in 2017.
        ("lunedì 6 marzo", "2017-09-01", "2017-03-06"),
        ("martedì 6 marzo", "2017-09-01", "2018-03-06"),
    ],
)
def test_parse_date_with_anchor(text: str, anchor: str, expected: str) -> None:
    assert parse_date(text, anchor) == expected


@pytest.mark.parametrize(
    "text",
    [
        "", "lunedì", "triennale", "due giorni", "oggi", "Marco", "mar", "set", "134",
        "3569", "CXXIX/3569/24", "31 febbraio 2024", "32 marzo", "15/13/2020", "lo scorso anno",
        "1 500 EURO", "2.000", "Via Roma 12",
    ],
)
def test_parse_date_rejects_what_is_not_a_date(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Titolo\n\n(13 luglio 2017)\n", "2017-07-13"),
        ("By 29 Gennaio 2019Dicembre 1st, 2020ICEI, Notizie\n\nDa gennaio 2019 siamo", "2019-01-29"),
        ("Pubblicato il 3 marzo 2021\nLa Città di Torino aderisce", "2021-03-03"),
        ("Data di pubblicazione: 05/10/2022\nTesto", "2022-10-05"),
        ("Torino, 12 maggio 2022 – La Città di Torino ha aderito", "2022-05-12"),
        ("Comunicato\nRoma, lunedì 6 marzo 2023 - Il Comune", "2023-03-06"),
        ("Titolo\n6 marzo 2024\nIl Comune ha aderito", "2024-03-06"),
        # a byline with the author's name
        ("Clima, otto comuni firmano\n\ndi Marta Giordano – 27 febbraio 2025\n\nSalgono a quarantuno", "2025-02-27"),
        ("Titolo\na cura della Redazione | 3 marzo 2024\nTesto", "2024-03-03"),
        # a date stamp with the time
        ("Politica\n10/06/2024 - 12:45\nTesto", "2024-06-10"),
        ("Cronaca\n12:45 – 3 marzo 2025\nTesto", "2025-03-03"),
        ("Titolo\n5 maggio 2023 ore 9.30\nTesto", "2023-05-05"),
        # the address of the page, on a source line, when no line states the date
        ("Fonte: https://www.orvietonews.it/economia/2020/10/02/titolo.html\n\nTesto", "2020-10-02"),
        ("URL: https://www.comune.esempio.it/notizie/2019-03-11-rete\n\nTesto", "2019-03-11"),
        ("Fonte: https://www.esempio.it/news/adesione-rete-20-05-2022\n\nTesto", "2022-05-20"),
        ("Fonte: https://www.comune.esempio.it/notizie/2009/12/rete-roma-net\n\nTesto", "2009-12"),
    ],
)
def test_find_published_reads_document_date_cues(text: str, expected: str) -> None:
    assert find_published(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "La rete è stata fondata il 6 marzo 2024 a Cracovia.",
        "Il progetto è partito nel 2015 e si è concluso a gennaio 2019.",
        "Nessuna data qui.",
        "di cui si è parlato – 27 febbraio 2025 è la data dell'incontro",
        "Fonte: https://archivio2015.esempio.it/notizie/rete\n\nTesto",
    ],
)
def test_find_published_ignores_dates_in_the_body(text: str) -> None:
    assert find_published(text) is None


@given(st.text(max_size=80), st.one_of(st.none(), st.text(max_size=12)))
def test_parse_date_never_raises(text: str, anchor: str | None) -> None:
    assert parse_date(text, anchor) is None or isinstance(parse_date(text, anchor), str)


@given(st.text(max_size=200))
def test_find_published_never_raises(text: str) -> None:
    assert find_published(text) is None or isinstance(find_published(text), str)


_DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


@st.composite
def _norms(draw: st.DrawFn) -> str:
    day = draw(_DATES)
    precision = draw(st.sampled_from(["year", "month", "day", "unknown-year day", "unknown-year month"]))
    return {
        "year": f"{day.year}",
        "month": f"{day.year}-{day.month:02d}",
        "day": day.isoformat(),
        "unknown-year day": f"XXXX-{day.month:02d}-{day.day:02d}",
        "unknown-year month": f"XXXX-{day.month:02d}",
    }[precision]


@given(_norms())
def test_format_then_parse_gives_the_norm_back(norm: str) -> None:
    assert parse_date(format_date(norm) or "") == norm


@given(_DATES, _DATES)
def test_ranges_format_then_parse_give_the_norm_back(first: date, second: date) -> None:
    start, end = sorted((first, second))
    norm = f"{start.isoformat()}/{end.isoformat()}" if start != end else start.isoformat()
    assert parse_date(format_date(norm) or "") == norm


_PIECES = st.sampled_from(
    ["6", "15", "1°", "27", "marzo", "Gennaio", "novembre", "2024", "2019", "e", "al", "dal", "-",
     "scorso", "prossimo", "lunedì", "anno", "l'", "08/01/2025", "del", "1st,", "Dicembre"]
)


@given(st.lists(_PIECES, min_size=1, max_size=6).map(" ".join), st.sampled_from([None, ANCHOR]))
def test_parsed_phrases_are_stable_when_written_back(text: str, anchor: str | None) -> None:
    norm = parse_date(text, anchor)
    if norm is not None:
        assert parse_date(format_date(norm) or "") == norm


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Fonte: https://www.orvietonews.it/economia/2020/10/02/rinnovato-il-coordinamento.html\n\nVenerdì 2 ottobre si è riunita", "2020-10-02"),
        ("Fonte: https://www.agenzianova.com/a/6399d8b3/4177940/2022-12-14/citta-metropolitana\n\nTesto", "2022-12-14"),
        ("https://www.ansa.it/sardegna/notizie/2024/09/07/cagliari-contro-il-razzismo.html\nTesto", "2024-09-07"),
    ],
)
def test_published_date_from_the_source_address(text, published):
    assert find_published(text) == published


@pytest.mark.parametrize(
    "text",
    [
        "Fonte: https://example.it/2020/13/45/pagina\n\nTesto",
        "Il documento cita https://example.it/2020/10/02/pagina nel mezzo di una riga.",
    ],
)
def test_no_published_date_from_an_impossible_or_inline_address(text):
    assert find_published(text) is None


def test_a_stated_date_wins_over_the_address():
    text = "Fonte: https://example.it/2020/10/02/pagina\nPubblicato il 5 ottobre 2020\nTesto"
    assert find_published(text) == "2020-10-05"


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("31 ottobre", "2009-12", "2009-10-31"),
        ("scorso luglio", "2009-12", "2009-07"),
        ("scorso 3 novembre", "2021-11", "2021-11-03"),
    ],
)
def test_a_month_as_the_document_date_resolves_years(text: str, anchor: str, expected: str) -> None:
    assert parse_date(text, anchor) == expected
