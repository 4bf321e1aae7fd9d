"""Rule files: YAML beside the code that reads it, validated on load by a pydantic model, so
that a typo in a key is a numbered error naming the file and the key, not an internal error."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from itnet.errors import Errors, PipelineError

RuleModel = TypeVar("RuleModel", bound=BaseModel)


def load_rule_file(path: Path, model: type[RuleModel]) -> RuleModel:
    try:
        with open(path, encoding="utf-8") as handle:
            return model.model_validate(yaml.safe_load(handle))
    except (OSError, yaml.YAMLError, ValidationError) as error:
        raise PipelineError(Errors.E060.format(path=path, reason=str(error).replace("\n", " "))) from None
