"""The record's JSON Schema, for validation here and for downstream consumers."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def article_schema() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("article.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def schema_errors(record: dict[str, Any]) -> list[str]:
    """Every way ``record`` breaks the schema, as readable sentences (empty when valid)."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(article_schema())
    return [f"{'/'.join(map(str, e.path)) or '(record)'}: {e.message}" for e in validator.iter_errors(record)]
