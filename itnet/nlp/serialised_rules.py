"""How the rule components save their rules with a pipeline, as spaCy's SpanRuler saves its
patterns: `nlp.to_disk` writes each rule file's text into the component's folder, under a name
the component fixes, and `spacy.load` reads it back from there (`from_disk`) and rebuilds the
rules, so that a saved pipeline runs on its own copy of the rules, whatever the installed
package's files say. The factories' settings name the files of itnet/nlp/resources, never a
path of the machine that built the pipeline."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Self

from spacy import util

from itnet.rule_files import RuleFile

RESOURCES = Path(__file__).parent / "resources"


def packaged_rule_file(name: str) -> RuleFile:
    """A rule file of itnet/nlp/resources by its name; an absolute path is read as it is."""
    return RuleFile.read(RESOURCES / name)


class SerialisedRules:
    """A component whose rules are `rule_files` (name in the component's folder → file),
    built from them by `use_rules`."""

    rule_files: dict[str, RuleFile]

    def use_rules(self, rule_files: dict[str, RuleFile]) -> None:
        raise NotImplementedError

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        writers = {name: _writer(rule_file.text) for name, rule_file in self.rule_files.items()}
        util.to_disk(path, writers, exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Self:
        """The rules of the files in `path`; an excluded file keeps the rules it had."""
        rule_files = dict(self.rule_files)

        def reader(name: str) -> Callable[[Path], None]:
            def read(file: Path) -> None:
                rule_files[name] = RuleFile.read(file)

            return read

        util.from_disk(path, {name: reader(name) for name in rule_files}, exclude)
        self.use_rules(rule_files)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return util.to_bytes({name: _getter(rule_file.text) for name, rule_file in self.rule_files.items()}, exclude)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> Self:
        rule_files = dict(self.rule_files)

        def setter(name: str) -> Callable[[bytes], None]:
            def set_text(text: bytes) -> None:
                rule_files[name] = RuleFile(f"<bytes>/{name}", text.decode("utf-8"))

            return set_text

        util.from_bytes(data, {name: setter(name) for name in rule_files}, exclude)
        self.use_rules(rule_files)
        return self


def _writer(text: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_text(text, encoding="utf-8")

    return write


def _getter(text: str) -> Callable[[], bytes]:
    return lambda: text.encode("utf-8")
