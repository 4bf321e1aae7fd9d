"""Rule files: YAML beside the code that reads it, validated on load by a pydantic model, so
that a typo in a key is a numbered error naming the file and the key, not an internal error."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from itnet.errors import Errors, PipelineError

RuleModel = TypeVar("RuleModel", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class RuleFile:
    """A rule file's text and where it was read from, which its errors name. The spaCy
    components keep their rules as these texts, so that a saved pipeline holds a copy."""

    path: str
    text: str

    @classmethod
    def read(cls, path: Path | str) -> RuleFile:
        try:
            return cls(str(path), Path(path).read_text(encoding="utf-8"))
        except OSError as error:
            raise cls(str(path), "").error(error) from None

    def data(self) -> Any:
        try:
            return yaml.safe_load(self.text)
        except yaml.YAMLError as error:
            raise self.error(error) from None

    def validated(self, model: type[RuleModel]) -> RuleModel:
        try:
            return model.model_validate(self.data())
        except ValidationError as error:
            raise self.error(error) from None

    def error(self, reason: object) -> PipelineError:
        return PipelineError(Errors.E060.format(path=self.path, reason=str(reason).replace("\n", " ")))


def load_rule_file(path: Path, model: type[RuleModel]) -> RuleModel:
    return RuleFile.read(path).validated(model)
