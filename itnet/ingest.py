"""Stage 1, ingest: find input files, decode them, clean markup, keep the offset map.

`iter_inputs` turns command-line paths into one `InputFile` each (folders walked), `read_document`
decodes one file into an `IngestedDocument` without ever raising for a bad file, and
`clean_text` produces the text the NLP stages see together with a map back to the original.

Offsets (SPEC §1) index `IngestedDocument.original`: the file's text exactly as decoded. For HTML
inputs `original` is the main text extracted from the page (scripts, navigation, cookie banners
dropped), so their offsets point into that extracted text. Mojibake that ftfy repairs is part of
decoding: `original` is the repaired text and `encoding` says so ("utf-8+ftfy").

The rules (boilerplate lines, tracking junk, HTML selectors, glued-word repair) live in
resources/ingest_boilerplate.yaml.
"""

from __future__ import annotations

import codecs
import hashlib
import html
import os
import re
import stat
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ftfy
from charset_normalizer import from_bytes
from pydantic import BaseModel, ConfigDict, Field
from selectolax.lexbor import LexborHTMLParser, LexborNode

from itnet.errors import Errors
from itnet.rule_files import RuleFile

RESOURCES = Path(__file__).parent / "resources"
BOILERPLATE_FILE = RESOURCES / "ingest_boilerplate.yaml"

DEFAULT_MAX_BYTES = 5_000_000
# Text is UTF-8 with stray bytes when its valid non-ASCII characters outnumber its invalid
# bytes this many times over.
MOSTLY_UTF8_RATIO = 4
# A text file may hold a stray NUL byte; past this many, and this share of its bytes, it is
# binary data.
MAX_STRAY_NULS = 4
MAX_NUL_SHARE = 0.001
# UTF-16 without a BOM: the share of NULs on one byte position of each pair (Latin text: most).
UTF16_ZERO_SHARE = 0.3

# Suffix -> input format. Plain text is cleaned as markdown too: scraped press releases saved as
# .txt routinely carry "**bold**" and "# heading" markers.
INPUT_FORMATS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}

# Longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

_UNPRINTABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class InputFile:
    doc_id: str
    path: Path
    source: str


@dataclass(frozen=True, slots=True)
class IngestedDocument:
    doc_id: str
    source: str
    original: str
    text: str
    offsets: tuple[int, ...]
    encoding: str | None
    text_sha256: str
    error: str | None = None
    input_format: str | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if start >= end:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


# --------------------------------------------------------------------------- rules (data file)


@dataclass(frozen=True, slots=True)
class _IngestRules:
    preferred_encodings: tuple[str, ...]
    max_unprintable_ratio: float
    boilerplate_lines: tuple[re.Pattern[str], ...]
    inline_junk: re.Pattern[str]
    html_main_selectors: tuple[str, ...]
    html_drop_selectors: str
    html_drop_page_level: str
    html_drop_class: re.Pattern[str]
    html_block_tags: frozenset[str]
    html_max_depth: int
    html_unnested_tags: frozenset[str]
    glue_min_left: int
    glue_min_right: int
    glue_keep: frozenset[str]
    glue_name_cues: frozenset[str]
    glue_insert_space: tuple[re.Pattern[str], ...]


class _StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _DecodingRules(_StrictModel):
    preferred_encodings: list[str]
    max_unprintable_ratio: float = Field(ge=0, le=1)


class _HtmlRules(_StrictModel):
    max_depth: int = Field(ge=1)
    unnested_tags: list[str]
    main_selectors: list[str]
    drop_selectors: str
    drop_selectors_page_level: str
    drop_class_words: list[str] = Field(min_length=1)
    block_tags: list[str]


class _GlueRules(_StrictModel):
    min_left: int = Field(ge=1)
    min_right: int = Field(ge=1)
    keep_camel_case: list[str]
    name_cue_words: list[str]
    insert_space_at: list[str]


class IngestRuleFile(_StrictModel):
    """ingest_boilerplate.yaml as written."""

    decoding: _DecodingRules
    boilerplate_lines: list[str]
    inline_junk: list[str] = Field(min_length=1)
    html: _HtmlRules
    glue: _GlueRules


@lru_cache(maxsize=1)
def _rules() -> _IngestRules:
    rule_file = RuleFile.read(BOILERPLATE_FILE)
    data = rule_file.validated(IngestRuleFile)
    html_rules, glue = data.html, data.glue
    class_words = "|".join(re.escape(word) for word in html_rules.drop_class_words)
    try:
        return _IngestRules(
            preferred_encodings=tuple(data.decoding.preferred_encodings),
            max_unprintable_ratio=data.decoding.max_unprintable_ratio,
            boilerplate_lines=tuple(re.compile(pattern, re.IGNORECASE) for pattern in data.boilerplate_lines),
            inline_junk=re.compile("|".join(f"(?:{p})" for p in data.inline_junk), re.IGNORECASE),
            html_main_selectors=tuple(html_rules.main_selectors),
            html_drop_selectors=" ".join(html_rules.drop_selectors.split()),
            html_drop_page_level=html_rules.drop_selectors_page_level,
            html_drop_class=re.compile(rf"(?:^|[\s_-])(?:{class_words})(?:$|[\s_-])", re.IGNORECASE),
            html_block_tags=frozenset(html_rules.block_tags),
            html_max_depth=html_rules.max_depth,
            html_unnested_tags=frozenset(html_rules.unnested_tags),
            glue_min_left=glue.min_left,
            glue_min_right=glue.min_right,
            glue_keep=frozenset(glue.keep_camel_case),
            glue_name_cues=frozenset(glue.name_cue_words),
            glue_insert_space=tuple(re.compile(p) for p in glue.insert_space_at),
        )
    except re.error as error:
        raise rule_file.error(f"bad regular expression: {error}") from None


# --------------------------------------------------------------------------- finding inputs


def iter_inputs(paths: Sequence[str | Path], previous: Mapping[str, str] | None = None) -> Iterator[InputFile]:
    """One InputFile per input file, in a stable order; folders are walked recursively.

    A path that does not exist (or a folder that cannot be listed) still yields one item, so that
    `read_document` reports it and every input gets its row. The same file reached twice (named
    directly and inside a folder, or through a symlink) is yielded once. Hidden files and
    folders (".git", ".DS_Store") inside walked folders are skipped.

    `previous` maps the doc_ids an output folder already holds to their sources: a source seen
    before keeps its doc_id, and a new source never takes another's ("turin/comunicato.txt"
    then "rome/comunicato.txt" are "comunicato" and "comunicato__2", in either run).
    """
    previous = previous or {}
    previous_ids = {source: doc_id for doc_id, source in previous.items()}
    used_ids: set[str] = set(previous)
    seen_files: set[str] = set()
    for given in paths:
        root = Path(given)
        if os.path.isdir(root):  # unlike Path.is_dir, never raises (unsearchable parent)
            candidates = [
                (root / rel, rel.parent / rel.stem) if rel != Path(".") else (root, Path(root.name))
                for rel in _walk(root)
            ]
        else:
            candidates = [(root, Path(root.stem or root.name))]
        for path, id_path in candidates:
            real = os.path.realpath(path)
            if real in seen_files:
                continue
            seen_files.add(real)
            source = _display(str(given) if path == root else str(path))
            doc_id = previous_ids.get(source) or _unique(_display(id_path.as_posix()), used_ids)
            yield InputFile(doc_id=doc_id, path=path, source=source)


def _walk(folder: Path) -> list[Path]:
    """Supported files under `folder`, relative to it, sorted; symlinked folders are followed
    once each (a loop is cut where it comes back to a folder already visited)."""
    found: list[Path] = []
    visited: set[tuple[int, int]] = set()
    unlistable: list[Path] = []

    def note_unlistable(error: OSError) -> None:
        unlistable.append(Path(error.filename))

    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True, onerror=note_unlistable):
        try:
            info = os.stat(dirpath)
        except OSError:
            dirnames[:] = []
            continue
        if (info.st_dev, info.st_ino) in visited:
            dirnames[:] = []
            continue
        visited.add((info.st_dev, info.st_ino))
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        base = Path(dirpath).relative_to(folder)
        found.extend(
            base / name
            for name in filenames
            if not name.startswith(".") and Path(name).suffix.lower() in INPUT_FORMATS
        )
    found.extend(path.relative_to(folder) for path in unlistable)
    return sorted(found, key=lambda rel: rel.as_posix())


def _unique(doc_id: str, used: set[str]) -> str:
    candidate, number = doc_id, 1
    while candidate in used:
        number += 1
        candidate = f"{doc_id}__{number}"
    used.add(candidate)
    return candidate


def _display(name: str) -> str:
    """A path as text that can be written as UTF-8: undecodable file-name bytes become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _one_line(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n")


# --------------------------------------------------------------------------- reading one file


class InputError(Exception):
    """A per-file problem, carrying its numbered one-line message; read_document turns it into
    `IngestedDocument.error`."""


def read_document(item: InputFile, max_bytes: int = DEFAULT_MAX_BYTES) -> IngestedDocument:
    """Decode and clean one input; a bad file gives `error` set and empty text, never an exception."""
    input_format = INPUT_FORMATS.get(item.path.suffix.lower())
    try:
        _check_file(item.path, max_bytes)
        if input_format is None:
            raise InputError(Errors.E007.format(suffix=_one_line(item.path.suffix) or "(none)"))
        original, encoding = decode_bytes(_read_bytes(item.path, max_bytes))
        return _ingested(item.doc_id, item.source, original, encoding, input_format)
    except InputError as error:
        return IngestedDocument(
            doc_id=item.doc_id,
            source=item.source,
            original="",
            text="",
            offsets=(0,),
            encoding=None,
            text_sha256=_sha256(""),
            error=str(error),
            input_format=input_format,
        )


def document_from_text(text: str, doc_id: str = "text", source: str = "<text>", input_format: str = "text") -> IngestedDocument:
    """A text already in memory, ingested as a file of `input_format` ("text", "markdown", "html")
    would be; raises InputError (E004) where nothing is left after cleaning."""
    return _ingested(doc_id, source, text, "str", input_format)


def _ingested(doc_id: str, source: str, decoded: str, encoding: str, input_format: str) -> IngestedDocument:
    original = extract_html_text(decoded) if input_format == "html" else decoded
    text, offsets = clean_text(original, markdown=input_format != "html")
    if not text.strip():
        raise InputError(Errors.E004)
    if "ftfy" not in encoding and mojibake_repairs(original):
        encoding = f"{encoding}+ftfy"
    return IngestedDocument(
        doc_id=doc_id,
        source=source,
        original=original,
        text=text,
        offsets=offsets,
        encoding=encoding,
        text_sha256=_sha256(original),
        input_format=input_format,
    )


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _check_file(path: Path, max_bytes: int) -> None:
    """E001 missing, E002 not a readable regular file, E005 too large."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(Errors.E001.format(path=_one_line(_display(str(path))))) from None
    except OSError as error:
        raise InputError(Errors.E002.format(reason=_one_line(error.strerror or str(error)))) from None
    if stat.S_ISDIR(info.st_mode):
        try:
            os.listdir(path)
        except OSError as error:
            raise InputError(Errors.E002.format(reason=f"folder cannot be listed: {error.strerror}")) from None
        raise InputError(Errors.E002.format(reason="is a folder"))
    if not stat.S_ISREG(info.st_mode):
        raise InputError(Errors.E002.format(reason="not a regular file"))
    if info.st_size > max_bytes:
        raise InputError(Errors.E005.format(limit=max_bytes, size=info.st_size))


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise InputError(Errors.E002.format(reason=_one_line(error.strerror or str(error)))) from None
    if len(data) > max_bytes:  # the file grew after stat()
        raise InputError(Errors.E005.format(limit=max_bytes, size=len(data)))
    return data


def _mostly_utf8(data: bytes) -> tuple[str, str]:
    """UTF-8 text with a few stray bytes ("Città … \\x81 …"), decoded as UTF-8 with those bytes
    replaced by U+FFFD and their count in the encoding's name; ("", "") where the bytes are
    not mostly UTF-8 (a Latin-1 file has no valid multi-byte sequence), for a guess instead.
    A guessed code page would turn every "à" of the text into mojibake."""
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    valid_non_ascii = sum(1 for character in text if ord(character) > 127) - text.count("\ufffd")
    if valid_non_ascii and invalid * MOSTLY_UTF8_RATIO <= valid_non_ascii:
        return text, f"utf-8 ({invalid} invalid bytes replaced)"
    return "", ""


def _guessed(data: bytes, rules: _IngestRules) -> tuple[str, str]:
    """Strict UTF-8, else UTF-8 with a few stray bytes, else charset-normalizer's best guess."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _mostly_utf8(data)
    if encoding:
        return text, encoding
    match = from_bytes(data, cp_isolation=list(rules.preferred_encodings)).best()
    match = match or from_bytes(data).best()
    if match is None:
        raise InputError(Errors.E003.format(reason="no text encoding fits the bytes"))
    return str(match), match.encoding


def _utf16_without_bom(data: bytes) -> tuple[str, str]:
    """UTF-16 saved without a byte-order mark: Latin text puts a NUL in every other byte, on
    the odd positions for little-endian and the even ones for big-endian. ("", "") otherwise."""
    if len(data) % 2:
        return "", ""
    even, odd = data[0::2].count(0) / (len(data) // 2), data[1::2].count(0) / (len(data) // 2)
    for codec, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros >= UTF16_ZERO_SHARE and others <= MAX_NUL_SHARE:
            try:
                return data.decode(codec), f"{codec} (no BOM)"
            except UnicodeDecodeError:
                return "", ""
    return "", ""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Text and the name of the encoding used; raises InputError (E003/E004) for junk or nothing.

    BOMs decide first; then UTF-16 without one; then strict UTF-8, UTF-8 with a few stray
    bytes, and charset-normalizer, restricted to the preferred Western encodings before any
    other. More than a few NUL bytes or a high share of control characters mean binary data; a
    few NULs are replaced by U+FFFD and counted in the encoding's name. Text decoded by
    guessing is repaired with ftfy, whose fixer only changes text its badness heuristic flags;
    UTF-8 text is left exactly as decoded, since SPEC §1 offsets index it.
    """
    rules = _rules()
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as error:
                raise InputError(Errors.E003.format(reason=f"invalid {name} data: {error.reason}")) from None
            encoding = f"{name} (BOM)"
            break
    else:
        if not data:
            raise InputError(Errors.E004)
        text, encoding = _utf16_without_bom(data) if b"\x00" in data else ("", "")
        if not encoding:
            nuls = data.count(b"\x00")
            if nuls > max(MAX_STRAY_NULS, len(data) * MAX_NUL_SHARE):
                raise InputError(Errors.E003.format(reason="binary data (NUL bytes)"))
            text, encoding = _guessed(data, rules)
            if nuls:  # a stray NUL in a text file, not binary data: kept as U+FFFD, offsets unchanged
                text, encoding = text.replace("\x00", "\ufffd"), f"{encoding} ({nuls} NUL bytes replaced)"
    if text:
        ratio = len(_UNPRINTABLE.findall(text)) / len(text)
        if ratio > rules.max_unprintable_ratio:
            raise InputError(Errors.E003.format(reason=f"binary data ({ratio:.0%} control characters)"))
    if encoding.startswith(("utf-8", "utf-16")):
        return text, encoding
    repaired = ftfy.fix_encoding(text)
    if repaired != text:
        return repaired, f"{encoding}+ftfy"
    return text, encoding


# --------------------------------------------------------------------------- HTML


def extract_html_text(markup: str) -> str:
    """The main text of an HTML page: one paragraph per block element, blank line between them.

    Raises InputError (E003) for a page nested too deeply to parse in reasonable time.

    selectolax (lexbor) parses; the main node is the largest <article>/<main>/… (else <body>);
    scripts, styles, navigation, forms, asides, footers and cookie/share/newsletter widgets are
    dropped. The walk is iterative so deeply nested pages cannot exhaust the stack.
    """
    rules = _rules()
    if _nesting_exceeds(markup, rules):
        raise InputError(Errors.E003.format(reason=f"HTML nested deeper than {rules.html_max_depth} levels"))
    tree = LexborHTMLParser(markup)
    main = _main_node(tree, rules)
    if main is None:
        return ""
    _drop_noise(main, rules)

    pieces: list[str] = []
    stack: list[tuple[LexborNode, bool]] = [(main, False)]
    while stack:
        node, leaving = stack.pop()
        if node.is_text_node:
            pieces.append(re.sub(r"[ \t\n\r\f]+", " ", node.text_content or ""))
            continue
        if not node.is_element_node:
            continue
        if node.tag == "br":
            pieces.append("\n")
            continue
        if node.tag in rules.html_block_tags:
            pieces.append("\n\n")
        if not leaving:
            stack.append((node, True))
            children = list(node.iter(include_text=True))
            stack.extend((child, False) for child in reversed(children))
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", "".join(pieces))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")


def _nesting_exceeds(markup: str, rules: _IngestRules) -> bool:
    """Whether the page's elements nest deeper than the limit, counted on the raw tags."""
    depth = 0
    for match in _TAG.finditer(markup):
        if match.group(2).lower() in rules.html_unnested_tags:
            continue
        if match.group(1):
            depth = max(depth - 1, 0)
        else:
            depth += 1
            if depth > rules.html_max_depth:
                return True
    return False


def _main_node(tree: LexborHTMLParser, rules: _IngestRules) -> LexborNode | None:
    for selector in rules.html_main_selectors:
        nodes = tree.css(selector)
        if nodes:
            return max(nodes, key=lambda node: len(node.text(deep=True) or ""))
    return tree.body or tree.root


def _drop_noise(main: LexborNode, rules: _IngestRules) -> None:
    """Remove non-content elements below `main`; only the outermost of nested ones is decomposed
    (decomposing a node frees its subtree, so its descendants must not be touched afterwards)."""
    total = len(main.text(deep=True) or "")
    selectors = rules.html_drop_selectors
    if main.tag in {"body", "html"}:
        selectors = f"{selectors}, {rules.html_drop_page_level}"
    doomed = list(main.css(selectors))
    for node in main.css("[class], [id]"):
        names = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if rules.html_drop_class.search(names) and len(node.text(deep=True) or "") * 2 < total:
            doomed.append(node)
    doomed_ids = {node.mem_id for node in doomed}
    outermost = {}
    for node in doomed:
        ancestor = node.parent
        while ancestor is not None and ancestor.mem_id not in doomed_ids:
            ancestor = ancestor.parent
        if ancestor is None:
            outermost[node.mem_id] = node
    for node in outermost.values():
        node.decompose()


# --------------------------------------------------------------------------- cleaning


@dataclass(frozen=True, slots=True)
class _Edit:
    """Replace text[start:end] with `replacement`; start == end inserts before text[start]."""

    start: int
    end: int
    replacement: str = ""


def _apply(text: str, offsets: list[int], edits: Sequence[_Edit]) -> tuple[str, list[int]]:
    """Apply non-overlapping edits (later overlapping ones are skipped) and carry the offset map.

    Kept characters keep their original index; a same-length replacement maps one to one; any
    other replacement or insertion maps every new character to the original index of the first
    replaced character, or for an insertion to that of the next character.
    """
    if not edits:
        return text, offsets
    pieces: list[str] = []
    new_offsets: list[int] = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < position:
            continue
        pieces.append(text[position : edit.start])
        new_offsets.extend(offsets[position : edit.start])
        if edit.replacement:
            if edit.end - edit.start == len(edit.replacement):
                new_offsets.extend(offsets[edit.start : edit.end])
            else:
                new_offsets.extend([offsets[edit.start]] * len(edit.replacement))
            pieces.append(edit.replacement)
        position = edit.end
    pieces.append(text[position:])
    new_offsets.extend(offsets[position:])
    return "".join(pieces), new_offsets


def _deletions(pattern: re.Pattern[str], text: str, group: int = 0, needs: str = "") -> list[_Edit]:
    """Edits deleting each match (or its `group`). With `needs`, a text holding none of those
    characters is not scanned: patterns opening on a lookbehind make `re` try every position."""
    if needs and not any(char in text for char in needs):
        return []
    return [_Edit(m.start(group), m.end(group)) for m in pattern.finditer(text) if m.group(group)]


# Markdown, in the order applied. Patterns whose group 1 is given delete only that group.
_MD_LINE_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_MD_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>")
_MD_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_MD_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)")
_MD_LINK = re.compile(r"(\[)[^\[\]\n]+(\]\([^()\s]*(?:[ \t]+\"[^\"\n]*\")?\))")
_MD_RULE = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.MULTILINE)
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]+|$)|[ \t]+#+[ \t]*$", re.MULTILINE)
_MD_QUOTE = re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE)
_MD_BULLET = re.compile(r"^[ \t]*[-*+–—][ \t]+", re.MULTILINE)
_MD_STRONG = re.compile(r"\*{2,}|(?<!\w)_{2,}(?=\S)|(?<=\S)_{2,}(?!\w)|`+")
_MD_EMPHASIS = re.compile(r"(?<![\w*\\])[*_](?=[^\s*_])|(?<=[^\s*_])[*_](?![\w*])")
_BULLET = re.compile(r"^[ \t]*[•·▪◦‣●■►][ \t]*", re.MULTILINE)
# Invisible characters that only break words apart for the tokenizer, and stray controls.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]|\r(?=\n)")
_LINE_BREAK_LIKE = re.compile("[\r\x0b\x0c\x85\u2028\u2029]")
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_LINE = re.compile(r"[^\n]+")
# A UTF-8 lead byte read as cp1252 or latin-1, then its continuation bytes read the same way.
_CP1252_HIGH = (
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_MOJIBAKE = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_HIGH}]{{1,3}}")
# A letter run with a lowercase-uppercase step in it (Latin letters: where camelCase glue occurs).
_CAMEL_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]*[a-zß-öø-ÿ][A-ZÀ-ÖØ-Þ][^\W\d_]*")
_OPENING_QUOTES = frozenset("\"“«‘'")
_CLOSING_QUOTES = frozenset("\"”»’'")
# Its lowercase-uppercase step alone: a fast scan that rules most texts out.
_CAMEL_STEP = re.compile(r"[a-zß-öø-ÿ][A-ZÀ-ÖØ-Þ]")
# The characters without which a markdown pattern cannot match.
_MD_NEEDS = {_MD_IMAGE: "!", _MD_RULE: "-*_", _MD_HEADING: "#", _MD_QUOTE: ">", _MD_BULLET: "-*+–—",
             _MD_STRONG: "*_`", _MD_EMPHASIS: "*_"}


def clean_text(original: str, markdown: bool) -> tuple[str, tuple[int, ...]]:
    """The text the NLP sees and, for each of its characters, its index in `original`.

    `offsets` has len(text) + 1 entries, never decreases, and ends with len(original). Removed
    markup and boilerplate are deleted; odd spaces become plain spaces (one to one); newlines are
    kept; a space inserted to unglue words maps to the next original character.
    """
    text, offsets = original, list(range(len(original) + 1))
    text, offsets = _apply(text, offsets, mojibake_repairs(text))
    if markdown:
        text, offsets = _apply(text, offsets, _replacements(_MD_LINE_BREAK_TAG, text, "\n"))
        text, offsets = _apply(text, offsets, _deletions(_MD_HTML_TAG, text))
        text, offsets = _apply(text, offsets, _entity_edits(text))
        for pattern, needs in _MD_NEEDS.items():
            text, offsets = _apply(text, offsets, _deletions(pattern, text, needs=needs))
        text, offsets = _apply(text, offsets, _deletions(_MD_LINK, text, 1) + _deletions(_MD_LINK, text, 2))
    text, offsets = _apply(text, offsets, _deletions(_BULLET, text))
    text, offsets = _apply(text, offsets, _deletions(_INVISIBLE, text))
    text, offsets = _apply(text, offsets, _replacements(_LINE_BREAK_LIKE, text, "\n"))
    text, offsets = _apply(text, offsets, _replacements(_ODD_SPACE, text, " "))
    rules = _rules()
    text, offsets = _apply(text, offsets, _boilerplate_edits(text, rules))
    text, offsets = _apply(text, offsets, _deletions(rules.inline_junk, text))
    text, offsets = _apply(text, offsets, _glue_edits(text, rules))
    return text, tuple(offsets)


def mojibake_repairs(text: str) -> list[_Edit]:
    """UTF-8 read as cp1252 ("CittÃ\xa0", "Ã¨"), repaired sequence by sequence with ftfy in
    the analysed text only: SPEC §1 offsets index the text exactly as decoded."""
    edits = []
    for match in _MOJIBAKE.finditer(text):
        repaired = ftfy.fix_encoding(match.group())
        if len(repaired) < len(match.group()):  # bytes decoded anew; not a mere C1 fix-up
            edits.append(_Edit(match.start(), match.end(), repaired))
    return edits


def _replacements(pattern: re.Pattern[str], text: str, replacement: str) -> list[_Edit]:
    return [_Edit(m.start(), m.end(), replacement) for m in pattern.finditer(text)]


def _entity_edits(text: str) -> list[_Edit]:
    edits = []
    for match in _MD_ENTITY.finditer(text):
        value = html.unescape(match.group())
        if value != match.group():
            edits.append(_Edit(match.start(), match.end(), value))
    return edits


def _boilerplate_edits(text: str, rules: _IngestRules) -> list[_Edit]:
    edits = []
    for line in _LINE.finditer(text):
        stripped = line.group().strip()
        if stripped and any(pattern.fullmatch(stripped) for pattern in rules.boilerplate_lines):
            edits.append(_Edit(line.start(), line.end()))
    return edits


def _glue_edits(text: str, rules: _IngestRules) -> list[_Edit]:
    """Spaces to insert where words are glued together (see the `glue` rules)."""
    edits = [
        _Edit(match.end(), match.end(), " ")
        for pattern in rules.glue_insert_space
        for match in pattern.finditer(text)
    ]
    words = list(_CAMEL_WORD.finditer(text)) if _CAMEL_STEP.search(text) else []
    seen = Counter(word.group() for word in words)
    for word in words:
        if _quoted(text, word.start(), word.end()) or seen[word.group()] > 1 or _after_name_cue(text, word.start(), rules):
            continue  # «CircPro», "il progetto CapacityMetro": a name written so on purpose, not glue
        edits.extend(_Edit(at, at, " ") for at in _camel_splits(word.group(), word.start(), rules))
    return sorted(set(edits), key=lambda e: e.start)


def _after_name_cue(text: str, start: int, rules: _IngestRules) -> bool:
    """Whether one of the two words before text[start] is a name cue ("il progetto europeo
    GreenMind") or the word before is an acronym ("LIFE AdaptCity")."""
    if not text[start - 1 : start].isspace():
        return False
    before = text[max(0, start - 60) : start].split()[-2:]
    acronym = bool(before) and len(before[-1]) > 1 and before[-1].isupper() and before[-1].isalpha()
    return acronym or any(word.lower() in rules.glue_name_cues for word in before)


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether the word at text[start:end] stands alone between quotation marks; pages close
    with a space or with the opening mark by mistake ("“AssociAzioni “")."""
    closing = text[end : end + 2].lstrip(" ")[:1]
    return start > 0 and text[start - 1] in _OPENING_QUOTES and closing != "" and (closing in _CLOSING_QUOTES or closing == text[start - 1])


def _camel_splits(word: str, start: int, rules: _IngestRules) -> Iterator[int]:
    if word in rules.glue_keep:
        return
    boundaries = [
        i
        for i in range(1, len(word) - 1)
        if word[i - 1].islower() and word[i].isupper() and word[i + 1].islower()
    ]
    segment_start = 0
    for index, boundary in enumerate(boundaries):
        segment_end = boundaries[index + 1] if index + 1 < len(boundaries) else len(word)
        if boundary - segment_start >= rules.glue_min_left and segment_end - boundary >= rules.glue_min_right:
            yield start + boundary
            segment_start = boundary

