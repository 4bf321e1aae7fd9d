"""Evaluation: gold folders (SPEC §4), the SPEC §5 scorer, and annotation-tool round trips."""

from itnet.evaluate.gold import check_gold_dir, load_gold_dir
from itnet.evaluate.scorer import normalise_name, score

__all__ = ["check_gold_dir", "load_gold_dir", "normalise_name", "score"]
