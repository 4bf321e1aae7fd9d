"""Numbered user-facing errors, spaCy-style: one line each, stable codes users can search for."""

from __future__ import annotations


class PipelineError(Exception):
    """An error meant for the user: the CLI prints its one-line message, never a traceback."""


class Errors:
    E001 = "[E001] input path does not exist: {path}"
    E002 = "[E002] cannot read file: {reason}"
    E003 = "[E003] cannot decode file as text: {reason}"
    E004 = "[E004] empty document: no text after cleaning"
    E005 = "[E005] file larger than the limit of {limit} bytes ({size} bytes)"
    E006 = "[E006] document took longer than the budget of {budget} s"
    E007 = "[E007] unsupported file type: {suffix}"
    E010 = "[E010] cannot load spaCy model {model!r}: {reason}"
    E011 = "[E011] no NER model available: install it_core_news_sm or run `make model`"
    E012 = "[E012] cannot load the syntax model {path!r}: {reason}; run `make syntax-model`"
    E020 = "[E020] output folder is not usable: {reason}"
    E021 = "[E021] no input documents found in {paths}"
    E022 = "[E022] the machine refused a write or read: {reason}"
    E023 = "[E023] cannot write to the sink {sink!r}: {reason}"
    E030 = "[E030] processing failed: {reason}"
    E040 = "[E040] --engine dask needs Dask: pip install '.[dask]' ({reason})"
    E041 = "[E041] cannot reach the Dask scheduler {address}: {reason}"
    E042 = "[E042] --workers must be at least 1, not {workers}"
    E050 = "[E050] gold folder has problems; run `python -m itnet gold check {path}`"
    E051 = "[E051] cannot read predictions {path}: {reason}"
    E052 = "[E052] no text for document {doc_id!r}: none in the record, at {source!r}, or in --texts"
    E053 = "[E053] cannot run the pipeline: {reason}"
    E054 = "[E054] the pipeline wrote no documents.jsonl in {path}"
    E055 = "[E055] cannot read annotations {path}: {reason}"
    E056 = "[E056] predictions {path} hold document {doc_id!r} twice (lines {first} and {second}): which to score is ambiguous"
    E057 = "[E057] document {name!r} would be written outside {folder}: {reason}"
    E058 = "[E058] --out {path} is a file; an export is written into a folder"
    E060 = "[E060] bad rule file {path}: {reason}"


class Warnings:
    W001 = "[W001] {count} gold document(s) have no prediction and score as all missed: {doc_ids}"
