"""The JSON Schema of the scenario format, generated from spec.py for editors."""

from __future__ import annotations

import json
from typing import Any

from wargame.scenario.spec import ID_PATTERN, SCENARIO, F, K


def json_schema() -> dict[str, Any]:
    """A draft-07 JSON Schema of the format, for editors (yaml-language-server).

    Generated from the same declarations the loader reads with, so the two
    cannot disagree about which keys exist or what type each one takes.
    """
    schema = _schema(SCENARIO)
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    schema["title"] = "wargame scenario, format 1"
    return schema


def schema_text() -> str:
    """The schema as `wargame schema` prints it and as the packaged schema file holds it."""
    return json.dumps(json_schema(), indent=2) + "\n"


def _field_schema(field: F) -> dict[str, Any]:
    """A field's schema; the field's own doc (what it means here) wins over its kind's (what it is)."""
    out = _schema(field.kind)
    if field.doc:
        out["description"] = field.doc
    return out


def _schema(kind: K) -> dict[str, Any]:
    out: dict[str, Any]
    if kind.name == "str":
        out = {"type": "string"}
        if kind.pattern:
            out["pattern"] = kind.pattern
        if kind.enum:
            out["enum"] = list(kind.enum)
    elif kind.name == "int":
        out = {"type": "integer"}
        if kind.minimum is not None:
            out["minimum"] = kind.minimum
        if kind.maximum is not None:
            out["maximum"] = kind.maximum
    elif kind.name == "float":
        out = {"type": "number"}
    elif kind.name == "bool":
        out = {"type": "boolean"}
    elif kind.name == "expr_bool":
        out = {"type": ["string", "boolean"]}
    elif kind.name == "expr_int":
        out = {"type": ["string", "integer"]}
    elif kind.name == "stmts":
        out = {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
    elif kind.name == "text_or":
        out = {"oneOf": [{"type": "string"}, _schema(kind.item_kind)]}
    elif kind.name == "visible":
        out = {
            "oneOf": [
                {"type": "string", "enum": ["all", "own"]},
                {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}},
                {
                    "type": "object",
                    "properties": {"estimate": {"type": "integer", "minimum": 2, "maximum": 1000}},
                    "required": ["estimate"],
                    "additionalProperties": False,
                },
            ]
        }
    elif kind.name == "list":
        out = {"type": "array", "items": _schema(kind.item_kind)}
    elif kind.name == "idmap":
        out = {
            "type": ["object", "null"],
            "propertyNames": {"pattern": kind.pattern or ID_PATTERN},
            "additionalProperties": _schema(kind.item_kind),
        }
    else:
        out = {
            "type": "object",
            "properties": {f.key: _field_schema(f) for f in kind.fields},
            "required": [f.key for f in kind.fields if f.required],
            "additionalProperties": {"type": "integer"} if kind.extra_ints else False,
        }
        if not out["required"]:
            del out["required"]
    if kind.doc:
        out["description"] = kind.doc
    return out
