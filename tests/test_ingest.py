"""Stage 1, ingest: input discovery, decoding, bad inputs, HTML, cleaning and the offset map."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import pytest
from fixtures.make_bad_inputs import GOOD_TEXT, HUGE_BYTES, make_bad_inputs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itnet import ingest
from itnet.ingest import IngestedDocument, InputFile, clean_text, iter_inputs, read_document

SMALL_LIMIT = HUGE_BYTES // 2


def _ids(paths: list[str | Path]) -> list[str]:
    return [item.doc_id for item in iter_inputs(paths)]


def _touch(path: Path, text: str = GOOD_TEXT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _document(original: str, markdown: bool = True) -> IngestedDocument:
    text, offsets = clean_text(original, markdown=markdown)
    return IngestedDocument("d", "d.txt", original, text, offsets, "utf-8", "")


def _assert_offsets_valid(original: str, text: str, offsets: tuple[int, ...]) -> None:
    assert len(offsets) == len(text) + 1
    assert offsets[-1] == len(original)
    assert all(0 <= a <= b <= len(original) for a, b in zip(offsets, offsets[1:]))
    for index, char in enumerate(text):
        source = original[offsets[index]] if offsets[index] < len(original) else ""
        # Kept characters are unchanged; spaces/newlines may be inserted or stand for odd
        # spaces; an HTML entity ("&amp;") maps to its "&"; repaired mojibake ("Ã¨" → "è")
        # to the lead character of the sequence it replaces.
        mojibake_lead = "\u00c2" <= source <= "\u00f4"
        assert char == source or char in " \n" or source == "&" or mojibake_lead, (index, char, source)


# --------------------------------------------------------------------------- iter_inputs


def test_doc_id_is_relative_path_without_extension_in_nested_folders(tmp_path: Path) -> None:
    _touch(tmp_path / "in" / "2024" / "roma-eccar.txt")
    _touch(tmp_path / "in" / "top.md")
    items = list(iter_inputs([tmp_path / "in"]))
    assert [i.doc_id for i in items] == ["2024/roma-eccar", "top"]
    assert items[0].source == str(tmp_path / "in" / "2024" / "roma-eccar.txt")


def test_doc_id_of_a_file_named_directly_is_its_name_without_extension(tmp_path: Path) -> None:
    path = _touch(tmp_path / "sub" / "001_e4ee2aa2dbeadda6.txt")
    (item,) = iter_inputs([str(path)])
    assert (item.doc_id, item.source, item.path) == ("001_e4ee2aa2dbeadda6", str(path), path)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (["a.txt", "a.md"], ["a", "a__2"]),
        (["a.txt", "a.md", "a.html"], ["a", "a__2", "a__3"]),
        (["x/a.txt", "y/a.txt"], ["x/a", "y/a"]),
    ],
)
def test_doc_ids_within_one_folder_are_unique(tmp_path: Path, files: list[str], expected: list[str]) -> None:
    for name in files:
        _touch(tmp_path / name)
    assert _ids([tmp_path]) == expected


def test_same_relative_name_in_two_folders_gets_a_suffix(tmp_path: Path) -> None:
    _touch(tmp_path / "one" / "comunicato.txt")
    _touch(tmp_path / "two" / "comunicato.txt")
    assert _ids([tmp_path / "one", tmp_path / "two"]) == ["comunicato", "comunicato__2"]


def test_a_file_reached_twice_is_yielded_once(tmp_path: Path) -> None:
    path = _touch(tmp_path / "in" / "a.txt")
    assert _ids([tmp_path / "in", path]) == ["a"]


def test_folders_are_walked_in_sorted_order_skipping_unsupported_and_hidden(tmp_path: Path) -> None:
    for name in ["b.txt", "a.html", "c.htm", "d.markdown", "notes.pdf", ".hidden.txt", ".git/x.txt", "Z.TXT"]:
        _touch(tmp_path / name)
    assert _ids([tmp_path]) == ["Z", "a", "b", "c", "d"]


def test_missing_path_still_yields_one_item(tmp_path: Path) -> None:
    (item,) = iter_inputs([tmp_path / "manca.txt"])
    assert item.doc_id == "manca"
    assert read_document(item).error == f"[E001] input path does not exist: {tmp_path / 'manca.txt'}"


def test_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    _touch(tmp_path / "in" / "sub" / "a.txt")
    try:
        (tmp_path / "in" / "sub" / "loop").symlink_to("..", target_is_directory=True)
    except OSError:
        pytest.skip("symlinks not supported here")
    assert _ids([tmp_path / "in"]) == ["sub/a"]


# --------------------------------------------------------------------------- bad inputs


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str | None]]:
    folder = tmp_path_factory.mktemp("bad_inputs")
    return folder, make_bad_inputs(folder)


def test_every_bad_input_yields_exactly_one_item(bad_inputs: tuple[Path, dict[str, str | None]]) -> None:
    folder, manifest = bad_inputs
    sources = sorted(Path(item.source).relative_to(folder).as_posix() for item in iter_inputs([folder]))
    assert sources == sorted(manifest)


def test_each_bad_input_gets_its_error_and_good_ones_their_text(
    bad_inputs: tuple[Path, dict[str, str | None]],
) -> None:
    folder, manifest = bad_inputs
    for item in iter_inputs([folder]):
        expected = manifest[Path(item.source).relative_to(folder).as_posix()]
        document = read_document(item, max_bytes=SMALL_LIMIT)
        if expected is None:
            assert document.error is None, item.source
            assert "Città di Torino" in document.text, (item.source, document.text)
        else:
            assert document.error is not None and document.error.startswith(f"[{expected}]"), (item.source, document.error)
            assert "\n" not in document.error
            assert (document.text, document.offsets) == ("", (0,))


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("utf16-bom.txt", "utf-16-le (BOM)"),
        ("utf8-bom.md", "utf-8 (BOM)"),
        ("cp1252.txt", "cp1252"),
        ("latin1.txt", "cp1252"),  # latin-1's letters are cp1252's; the detector names the superset
        ("mojibake.txt", "utf-8+ftfy"),
        ("page.html", "utf-8"),
    ],
)
def test_encoding_used_is_recorded(bad_inputs: tuple[Path, dict[str, str | None]], name: str, encoding: str) -> None:
    folder, _ = bad_inputs
    document = read_document(InputFile("x", folder / name, name))
    assert document.encoding == encoding


@pytest.mark.parametrize("name", ["utf16-bom.txt", "utf8-bom.md", "cp1252.txt"])
def test_decoded_text_is_exact_without_bom(bad_inputs: tuple[Path, dict[str, str | None]], name: str) -> None:
    folder, _ = bad_inputs
    assert read_document(InputFile("x", folder / name, name)).original == GOOD_TEXT


def test_mojibake_is_repaired(bad_inputs: tuple[Path, dict[str, str | None]]) -> None:
    folder, _ = bad_inputs
    document = read_document(InputFile("x", folder / "mojibake.txt", "mojibake.txt"))
    assert "La Città di Torino è entrata" in document.text
    assert "Ã" not in document.text
    assert "CittÃ" in document.original  # SPEC offsets index the text as decoded


def test_file_over_the_limit_is_an_error_and_within_it_is_read(bad_inputs: tuple[Path, dict[str, str | None]]) -> None:
    folder, _ = bad_inputs
    item = InputFile("huge", folder / "huge.txt", "huge.txt")
    assert read_document(item, max_bytes=SMALL_LIMIT).error.startswith("[E005]")
    assert read_document(item, max_bytes=HUGE_BYTES * 2).error is None


def test_unsupported_file_named_directly_is_e007(tmp_path: Path) -> None:
    path = _touch(tmp_path / "bando.pdf")
    (item,) = iter_inputs([path])
    assert read_document(item).error == "[E007] unsupported file type: .pdf"


def test_unreadable_file_is_e002(tmp_path: Path) -> None:
    path = _touch(tmp_path / "chiuso.txt")
    path.chmod(0)
    if os.access(path, os.R_OK):
        pytest.skip("running as root: chmod 000 does not stop reading")
    assert read_document(InputFile("chiuso", path, str(path))).error.startswith("[E002]")


def test_sha256_is_of_the_original_text(tmp_path: Path) -> None:
    path = _touch(tmp_path / "a.md", "# **Titolo**\n\nTesto del comunicato.")
    document = read_document(InputFile("a", path, str(path)))
    assert document.text_sha256 == hashlib.sha256(document.original.encode("utf-8")).hexdigest()
    assert document.input_format == "markdown"


# --------------------------------------------------------------------------- HTML


def test_html_main_text_drops_scripts_navigation_and_banners(bad_inputs: tuple[Path, dict[str, str | None]]) -> None:
    folder, _ = bad_inputs
    document = read_document(InputFile("page", folder / "page.html", "page.html"))
    assert document.original.splitlines() == [
        "Adesione della Città di Torino alla rete ECCAR",
        "",
        "La Città, su proposta dell'Assessore Marco Giusta, intende aderire alla rete ECCAR.",
        "",
        "Il progetto è finanziato dal fondo FAMI & dalla Commissione europea.",
    ]


def test_html_without_article_uses_body_without_page_header(tmp_path: Path) -> None:
    path = tmp_path / "p.htm"
    path.write_text(
        "<body><header>Menu del sito</header><div class='has-sidebar'><h2>Titolo</h2>"
        "<p>Il Comune di Asti aderisce.</p></div><div class='sidebar'>Ultime notizie</div></body>",
        encoding="utf-8",
    )
    assert read_document(InputFile("p", path, str(path))).original == "Titolo\n\nIl Comune di Asti aderisce."


# --------------------------------------------------------------------------- cleaning


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("ECCAR-EuropeanCoalition of Cities AgainstRacism", "ECCAR-European Coalition of Cities Against Racism"),
        ("By 29 Gennaio 2019Dicembre 1st, 2020ICEI, Notizie", "By 29 Gennaio 2019 Dicembre 1st, 2020 ICEI, Notizie"),
        ("Cittàmetropolitana di Torino", "Città metropolitana di Torino"),
        ("Universitàdegli Studi di Torino", "Università degli Studi di Torino"),
        ("aggiornato a dicembre2019", "aggiornato a dicembre 2019"),
        ("NotizieComune di Cuneo", "Notizie Comune di Cuneo"),
    ],
)
def test_glued_words_are_split(original: str, expected: str) -> None:
    assert clean_text(original, markdown=True)[0] == expected


@pytest.mark.parametrize(
    "original",
    ['Parte il progetto "CircPro" in Lazio.', "Il progetto «CapacityMetro» è finanziato.",
     "e il progetto del Gruppo Abele, “AssociAzioni “, in partenariato"],
)
def test_a_quoted_camel_case_name_is_no_glue(original: str) -> None:
    assert clean_text(original, markdown=True)[0] == original


@pytest.mark.parametrize(
    "original",
    [
        "Il Comune è capofila del progetto europeo GreenMind, finanziato da Interreg.",
        "Ravenna partecipa al progetto LIFE AdaptCity con la Provincia.",
        "GreenMind parte a gennaio. Con GreenMind la città cambia.",
        "Aderisce alla rete EuroTowns dal 2020.",
    ],
)
def test_a_camel_case_name_after_a_name_cue_or_written_twice_is_no_glue(original: str) -> None:
    assert clean_text(original, markdown=True)[0] == original


@pytest.mark.parametrize(
    "original",
    [
        "McDonald", "MacBook", "iPhone", "eTwinning", "YouTube", "LinkedIn", "PowerPoint", "WhatsApp",
        "UN-Habitat", "MC2CM", "H2020", "COVID-19", "CXXIX/3569/24", "anni 1990s", "Dialogorete",
        "Pépinières Européennes", "Kraków", "València", "S.p.A.", "EUROCITIES", "ANCI Piemonte",
    ],
)
def test_real_names_are_not_split(original: str) -> None:
    assert clean_text(original, markdown=True)[0] == original


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("# **Network internazionali**", "Network internazionali"),
        ("## **La Città** ##", "La Città"),
        ("l'assessore **Marco Giusta** ha detto", "l'assessore Marco Giusta ha detto"),
        ("*“Sono contento.”*", "“Sono contento.”"),
        ("un _progetto_ europeo", "un progetto europeo"),
        ("  • lo sviluppo di un approccio", "lo sviluppo di un approccio"),
        ("- Asti\n- Cuneo", "Asti\nCuneo"),
        ("la rete [ECCAR](https://www.eccar.info/it) di città", "la rete ECCAR di città"),
        ("![logo](img/logo.png)Torino", "Torino"),
        ("FAMI &amp; ANCI", "FAMI & ANCI"),
        ("Torino<br/>Asti <span class=\"x\">Cuneo</span>", "Torino\nAsti Cuneo"),
        ("> citazione", "citazione"),
        ("testo\n---\naltro", "testo\n\naltro"),
        ("CONNECTION-Integration_Strategies_COP1", "CONNECTION-Integration_Strategies_COP1"),
        ("5 * 3 = 15", "5 * 3 = 15"),
        ("#Torino2024", "#Torino 2024"),
    ],
)
def test_markdown_markup_is_removed(original: str, expected: str) -> None:
    assert clean_text(original, markdown=True)[0] == expected


def test_markdown_is_left_alone_when_not_markdown() -> None:
    assert clean_text("**Marco Giusta**", markdown=False)[0] == "**Marco Giusta**"


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("Salta ai contenuti\n\nCittà metropolitana", "\n\nCittà metropolitana"),
        ("Skip to content\nTesto", "\nTesto"),
        ("fbpx\nCoordinatore tecnico della rete", "\nCoordinatore tecnico della rete"),
        ("Condividi\nTesto", "\nTesto"),
        ("Condividi su Facebook\nTesto", "\nTesto"),
        ("**Condividi:**\nTesto", "\nTesto"),
        ("Facebook | Twitter | LinkedIn\nTesto", "\nTesto"),
        ("Questo sito utilizza cookie tecnici e di profilazione. Accetta\nTesto", "\nTesto"),
        ("Accetta tutti\nTesto", "\nTesto"),
        ("Testo fbpx qui", "Testo  qui"),
        ("https://comune.it/news?utm_source=fb&utm_medium=social", "https://comune.it/news"),
        ("https://comune.it/news?id=5&fbclid=AbC123", "https://comune.it/news?id=5"),
    ],
)
def test_boilerplate_is_removed(original: str, expected: str) -> None:
    assert clean_text(original, markdown=True)[0] == expected


@pytest.mark.parametrize(
    "original",
    [
        "Condividi le buone pratiche con le città partner.",
        "Menu di lavoro della conferenza: tre sessioni.",
        "Scopri di più sul Programma delle Città Interculturali:",
    ],
)
def test_prose_that_resembles_boilerplate_is_kept(original: str) -> None:
    assert clean_text(original, markdown=True)[0] == original


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("Torino\r\nAsti\rCuneo", "Torino\nAsti\nCuneo"),
        ("1\u00a0500 EURO", "1 500 EURO"),
        ("Set\u00adtimo To\u200brinese", "Settimo Torinese"),
        ("\ufeffTitolo", "Titolo"),
    ],
)
def test_invisible_and_odd_characters_are_normalised(original: str, expected: str) -> None:
    assert clean_text(original, markdown=False)[0] == expected


@pytest.mark.parametrize(
    ("original", "clean_span", "original_span"),
    [
        ("# **La Città di Torino**", "Città di Torino", "Città di Torino"),
        ("l'assessore **Marco Giusta** ha", "Marco Giusta", "Marco Giusta"),
        ("rete ECCAR-EuropeanCoalition of Cities", "European Coalition", "EuropeanCoalition"),
        ("Salta ai contenuti\n\nCittàmetropolitana di Torino", "Città metropolitana", "Cittàmetropolitana"),
        ("By 29 Gennaio 2019Dicembre 1st", "29 Gennaio 2019", "29 Gennaio 2019"),
        ("Contributo:\n1\u00a0500 EURO", "1 500 EURO", "1\u00a0500 EURO"),
        ("la rete [ECCAR](https://eccar.info) è", "ECCAR", "ECCAR"),
        ("**Network** *internazionali*", "Network internazionali", "Network** *internazionali"),
    ],
)
def test_clean_spans_map_back_to_the_original(original: str, clean_span: str, original_span: str) -> None:
    document = _document(original)
    start = document.text.index(clean_span)
    begin, end = document.to_original(start, start + len(clean_span))
    assert original[begin:end] == original_span
    _assert_offsets_valid(original, document.text, document.offsets)


@pytest.mark.parametrize(
    ("original", "expected_offsets"),
    [
        ("aB2019Dicembre", None),  # a year inside a code is left alone
        ("EuropeanCoalition", (0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17)),
        ("2019Dic", (0, 1, 2, 3, 4, 4, 5, 6, 7)),
        ("A &amp; B", (0, 1, 2, 7, 8, 9)),
        ("**Asti**", (2, 3, 4, 5, 8)),
    ],
)
def test_offsets_of_inserted_replaced_and_deleted_characters(
    original: str, expected_offsets: tuple[int, ...] | None
) -> None:
    text, offsets = clean_text(original, markdown=True)
    if expected_offsets is None:
        assert (text, offsets) == (original, tuple(range(len(original) + 1)))
    else:
        assert offsets == expected_offsets


def test_seed_texts_keep_every_character_at_its_offset() -> None:
    seeds = sorted(Path(__file__).resolve().parents[1].joinpath("seeds").glob("*.txt"))
    assert seeds
    for path in seeds:
        document = read_document(InputFile(path.stem, path, str(path)))
        assert document.error is None
        _assert_offsets_valid(document.original, document.text, document.offsets)


def test_empty_span_maps_to_a_point() -> None:
    document = _document("**Torino**")
    assert document.to_original(0, 0) == (2, 2)
    assert document.to_original(len(document.text), len(document.text)) == (10, 10)


# --------------------------------------------------------------------------- fuzz

_MARKUP_ALPHABET = st.sampled_from(list("*_#-•>[]()!&;<>/ \n\r\t\u00a0\u200bAaEeàÃ0129") + ["**", "fbpx", "Salta ai contenuti\n"])


@settings(max_examples=300, deadline=None)
@given(original=st.one_of(st.text(), st.lists(_MARKUP_ALPHABET).map("".join)), markdown=st.booleans())
def test_clean_text_offsets_are_always_valid(original: str, markdown: bool) -> None:
    text, offsets = clean_text(original, markdown=markdown)
    _assert_offsets_valid(original, text, offsets)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=2000), st.text().map(lambda t: t.encode("utf-8", "surrogatepass"))),
       suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_read_document_never_raises_on_arbitrary_bytes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{suffix}"
        path.write_bytes(data)
        document = read_document(InputFile("doc", path, str(path)), max_bytes=1500)
    if document.error is None:
        assert document.text.strip()
        _assert_offsets_valid(document.original, document.text, document.offsets)
    else:
        assert document.error.startswith("[E00") and "\n" not in document.error
        assert (document.text, document.offsets) == ("", (0,))


@pytest.mark.parametrize("pattern", list(ingest._MD_NEEDS))
@given(text=st.lists(st.sampled_from(list("ab #*_`->!+–—\n\t[]()") + ["**", "__", "---"]), max_size=20).map("".join))
def test_markdown_prefilter_skips_only_texts_the_pattern_cannot_match(pattern, text):
    assert ingest._deletions(pattern, text, needs=ingest._MD_NEEDS[pattern]) == ingest._deletions(pattern, text)


@given(text=st.lists(st.sampled_from(list("aAbBàÀßéÉ -'1") + ["McDonald", "ComuneDi", "ÀB"]), max_size=15).map("".join))
def test_camel_case_prefilter_passes_every_text_with_a_camel_case_word(text):
    assert ingest._CAMEL_WORD.search(text) is None or ingest._CAMEL_STEP.search(text) is not None


@pytest.mark.parametrize("position", [0.1, 0.5, 0.9])
@pytest.mark.parametrize("stray", [b"\x81", b"\xff", b"\xc3"])
def test_utf8_with_a_stray_byte_stays_utf8(position: float, stray: bytes) -> None:
    text = "Il Comune di Forlì è entrato nella rete delle Città Sane: più servizi, perché sì. " * 20
    data = text.encode("utf-8")
    cut = data.rfind(b" ", 0, int(len(data) * position)) + 1  # between characters, not inside one
    decoded, encoding = ingest.decode_bytes(data[:cut] + stray + data[cut:])
    assert encoding == "utf-8 (1 invalid bytes replaced)"
    assert decoded == text[: len(data[:cut].decode())] + "\ufffd" + text[len(data[:cut].decode()) :]


def test_a_latin1_file_is_still_guessed_as_a_western_code_page() -> None:
    text = "Il Comune di Forlì è entrato nella rete delle Città Sane: più servizi, perché sì."
    decoded, encoding = ingest.decode_bytes(text.encode("latin-1"))
    assert decoded == text and not encoding.startswith("utf-8")


ITALIAN = "Il Comune di Forlì è entrato nella rete delle Città Sane: più servizi, perché sì. " * 5


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_decoded(codec: str) -> None:
    assert ingest.decode_bytes(ITALIAN.encode(codec)) == (ITALIAN, f"{codec} (no BOM)")


@pytest.mark.parametrize("nuls", [1, 3])
def test_a_stray_nul_byte_is_replaced_not_a_reason_to_reject(nuls: int) -> None:
    text, encoding = ingest.decode_bytes(ITALIAN[:50].encode() + b"\x00" * nuls + ITALIAN[50:].encode())
    assert text == ITALIAN[:50] + "\ufffd" * nuls + ITALIAN[50:]
    assert encoding == f"utf-8 ({nuls} NUL bytes replaced)"


def test_data_full_of_nul_bytes_is_still_binary() -> None:
    with pytest.raises(ingest.InputError, match="NUL bytes"):
        ingest.decode_bytes(bytes(range(256)) * 40)
