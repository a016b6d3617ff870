"""Check one document against its JSON Schema and place each error at its key or value."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError

from usm_docgen.diagnostics import Code, Diagnostic, did_you_mean, error
from usm_docgen.yaml_io import Document, KeyPath

KINDS = ("handbook", "scope", "profiles", "governance", "practices", "improvement", "workflow")
"""One schema per file kind; ``conf/<kind>.yaml`` or ``workflows/*.yaml`` for ``workflow``."""

ID_PATTERN = "^[a-z0-9][a-z0-9-]{0,62}$"


@cache
def load_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one file kind, as shipped inside the package."""
    text = resources.files("usm_docgen").joinpath("schemas", f"{kind}.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


YEARS = (1900, 2999)
"""The years a date may lie in: wide for any handbook, narrow enough that date arithmetic
(a review ten years on, a sprint's weeks) never leaves what Python's dates can hold."""


def schema_text(kind: str) -> str:
    """The JSON Schema of ``kind`` as the file ``usm-docgen schema`` writes."""
    return json.dumps(load_schema(kind), ensure_ascii=False, indent=2) + "\n"


def _strict_integer(_checker: object, value: object) -> bool:
    # JSON Schema counts 4.0 as an integer; the format wants what was written, so it does not.
    return isinstance(value, int) and not isinstance(value, bool)


def _finite_number(_checker: object, value: object) -> bool:
    # YAML reads .inf, -.inf, .nan and 1.0e+400 as floats; no field can use them, and NaN
    # passes every minimum and maximum.
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


_Validator = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine_many(
        {"integer": _strict_integer, "number": _finite_number}
    ),
)


def _real_date(value: object) -> bool:
    """A date that exists, written YYYY-MM-DD, in :data:`YEARS` (the type of anything other
    than text is checked elsewhere, as JSON Schema's formats do)."""
    if not isinstance(value, str):
        return True
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10 and YEARS[0] <= day.year <= YEARS[1]


_FORMATS = FormatChecker(formats=())
_FORMATS.checks("date")(_real_date)


@cache
def _validator(kind: str) -> Any:
    return _Validator(load_schema(kind), format_checker=_FORMATS)


@cache
def _fast(kind: str) -> Callable[[Any], Any]:
    """A compiled validator that only says yes or no, about twenty times faster.

    fastjsonschema speaks draft-07; our schemas use nothing newer than draft-07 besides the
    ``$defs`` spelling, which its JSON-pointer ``$ref`` resolution handles the same way.
    """
    draft7 = {**load_schema(kind), "$schema": "http://json-schema.org/draft-07/schema#"}
    validate: Callable[[Any], Any] = fastjsonschema.compile(draft7, formats={"date": _real_date})
    return validate


def check(doc: Document, kind: str) -> list[Diagnostic]:
    """Every schema error of ``doc``, each at the position of the offending key or value.

    Valid documents (nearly all of them) pass the compiled fast check; only a document that
    fails it, or holds a float like ``4.0`` that JSON Schema would count as an integer, goes
    through jsonschema, whose errors carry the paths that the messages need.
    """
    if not doc.integral_floats and not doc.non_finite:
        try:
            _fast(kind)(doc.data)
        except fastjsonschema.JsonSchemaException:
            pass
        else:
            return []
    out: list[Diagnostic] = []
    for err in _validator(kind).iter_errors(doc.data):
        out.extend(_diagnose(err, doc))
    return out


def _diagnose(err: ValidationError, doc: Document) -> Iterator[Diagnostic]:
    path: KeyPath = tuple(err.absolute_path)
    inst: Any = err.instance
    kw: Any = err.validator
    expected: Any = err.validator_value
    schema = err.schema if isinstance(err.schema, dict) else {}

    def at_value(code: Code, message: str, where: KeyPath = path) -> Diagnostic:
        pos = doc.value_at(where)
        return error(code, message, doc.path, pos.line, pos.column)

    def at_key(code: Code, message: str, where: KeyPath = path) -> Diagnostic:
        pos = doc.key_at(where)
        return error(code, message, doc.path, pos.line, pos.column)

    name = _describe(path)
    if kw == "additionalProperties" and isinstance(inst, dict):
        known = set(schema.get("properties", {}))
        for key in inst:
            if key not in known:
                hint = did_you_mean(key, known) or f" (allowed here: {', '.join(sorted(known))})"
                yield at_key(Code.UNKNOWN_KEY, f"unknown key '{key}'{hint}", (*path, key))
    elif kw == "required" and isinstance(inst, dict):
        for key in expected:
            if key not in inst:
                yield at_value(Code.MISSING_KEY, f"missing required key '{key}'{_in(name)}")
    elif kw == "type":
        yield at_value(Code.WRONG_TYPE, _type_message(err, doc, path, name))
    elif kw == "enum":
        allowed = [str(v) for v in expected]
        hint = did_you_mean(str(inst), allowed) if isinstance(inst, str) else ""
        yield at_value(
            Code.BAD_VALUE,
            f"{name} is {_show(inst)}, which is not allowed{hint}; use one of: "
            f"{', '.join(allowed)}",
        )
    elif kw == "pattern" and "propertyNames" in err.absolute_schema_path:
        yield at_key(Code.BAD_ID, _id_message(inst, f"key in {name}"), (*path, inst))
    elif kw == "pattern" and expected == ID_PATTERN:
        yield at_value(Code.BAD_ID, _id_message(inst, name))
    elif kw == "pattern" and _is_raci(path):
        yield at_value(
            Code.RACI,
            f"RACI value {_show(inst)} for '{path[-1]}': use the letters R, A, C and I, "
            "upper case, each at most once",
        )
    elif kw == "pattern" and expected == "\\S":
        yield at_value(Code.BAD_VALUE, f"{name} must not be empty or only spaces")
    elif kw == "pattern":
        hint = schema.get("description", "")
        yield at_value(
            Code.BAD_VALUE, f"{name} is {_show(inst)}, which has the wrong form. {hint}".strip()
        )
    elif kw == "propertyNames":
        yield at_key(Code.BAD_ID, _id_message(inst, f"key in {name}"), (*path, inst))
    elif kw == "format" and expected == "date" and _exists(inst):
        yield at_value(
            Code.BAD_DATE,
            f"{name} is {_show(inst)}, outside the years {YEARS[0]} to {YEARS[1]} that a "
            "date may lie in",
        )
    elif kw == "format" and expected == "date":
        yield at_value(
            Code.BAD_DATE,
            f"{name} is {_show(inst)}, which is not a real date: write YYYY-MM-DD",
        )
    elif kw == "minItems" and path == ("template",) and isinstance(inst, list):
        yield at_value(Code.BAD_VALUE, _template_list_message(inst))
    elif kw == "uniqueItems" and isinstance(inst, list):
        again = next(j for j, v in enumerate(inst) if any(_same(v, w) for w in inst[:j]))
        what = "template " if path == ("template",) else ""
        yield at_value(
            Code.BAD_VALUE,
            f"{name} lists {what}{_show(inst[again])} twice; list each entry once",
            (*path, again),
        )
    elif kw in ("minItems", "minProperties"):
        last = path[-1] if path else None
        code = {"outcomes": Code.DECISION, "raci": Code.RACI}.get(str(last), Code.BAD_VALUE)
        n = expected
        yield at_value(code, f"{name} needs at least {n} {'entry' if n == 1 else 'entries'}")
    elif kw == "minLength":
        yield at_value(Code.BAD_VALUE, f"{name} must not be empty or only spaces")
    elif kw in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound = {
            "minimum": "at least",
            "maximum": "at most",
            "exclusiveMinimum": "more than",
            "exclusiveMaximum": "less than",
        }[kw]
        yield at_value(
            Code.BAD_VALUE, f"{name} must be {bound} {_number(expected)}, not {_show(inst)}"
        )
    elif kw == "not" and isinstance(inst, dict) and "next" in inst and "decision" in inst:
        yield at_key(
            Code.FLOW,
            "a step has either 'next' or 'decision', never both; the "
            "decision's outcomes say where to go",
            (*path, "next"),
        )
    elif kw in ("anyOf", "oneOf"):
        yield from _diagnose_alternatives(err, doc)
    else:
        yield at_value(Code.BAD_VALUE, f"{name}: {err.message}")


def _diagnose_alternatives(err: ValidationError, doc: Document) -> Iterator[Diagnostic]:
    """For 'text or mapping' fields, explain against the branch whose type fits the value."""
    inst: Any = err.instance
    alternatives: Any = err.validator_value
    fitting = [
        e
        for e in err.context or []
        if len(e.relative_schema_path) > 1
        and (e.validator != "type" or e.relative_path)  # a wrong type inside: say where
        and _branch_type(err, e) == _json_type(inst)
    ]
    if fitting:
        for sub in fitting:
            yield from _diagnose(sub, doc)
        return
    branches = [s.get("type", "?") for s in alternatives if isinstance(s, dict)]
    path: KeyPath = tuple(err.absolute_path)
    pos = doc.value_at(path)
    yield error(
        Code.WRONG_TYPE,
        _type_message(err, doc, path, _describe(path), branches),
        doc.path,
        pos.line,
        pos.column,
    )


def _template_list_message(value: list[Any]) -> str:
    """Why a list of fewer than two templates is refused, and what to write instead."""
    dynamic = (
        "a list is for a dynamic workflow: two or three templates that start in the same "
        "process ([3, 4], or two or three of [6, 7, 8])"
    )
    if not value:
        return (
            "'template' is an empty list; write one template number (template: 4), or two "
            "or three for a dynamic workflow (they start in the same process: [3, 4], or two "
            "or three of [6, 7, 8])"
        )
    return f"'template' lists one template; {dynamic}; for one, write template: {_show(value[0])}"


def _same(a: object, b: object) -> bool:
    """Equal as JSON Schema's ``uniqueItems`` counts it: ``1`` and ``true`` differ."""
    return a == b and type(a) is type(b)


def _branch_type(parent: ValidationError, sub: ValidationError) -> str | None:
    index = sub.relative_schema_path[0]
    alternatives: Any = parent.validator_value
    branch = alternatives[index] if isinstance(index, int) else None
    kind = branch.get("type") if isinstance(branch, dict) else None
    return kind if isinstance(kind, str) else None


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "a mapping of keys",
    "array": "a list",
    "null": "empty",
}


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    return "null"


def _type_message(
    err: ValidationError, doc: Document, path: KeyPath, name: str, types: Any = None
) -> str:
    """Why the value has the wrong type: ``types`` are the wanted ones (default: the error's)."""
    wanted_types: Any = err.validator_value if types is None else types
    wanted_list = wanted_types if isinstance(wanted_types, list) else [wanted_types]
    wanted = " or ".join(_TYPE_WORDS.get(str(t), str(t)) for t in wanted_list)
    inst: Any = err.instance
    raw = doc.raw(path)
    if inst is None:
        return f"{name} is empty; it must be {wanted}"
    if isinstance(inst, float) and not math.isfinite(inst) and "string" not in wanted_list:
        what = "not a number" if math.isnan(inst) else "minus " * (inst < 0) + "infinity"
        written = f"{raw}, which YAML reads as {what}" if raw else what
        return f"{name} is {written}; it must be a finite number"
    if isinstance(inst, bool) and raw is not None and "string" not in wanted_list:
        return f"{name} must be {wanted}, but YAML reads {raw} as {'true' if inst else 'false'}"
    if "string" in wanted_list and raw is not None:
        key = path[-1] if path and isinstance(path[-1], str) else None
        example = f'{key}: "{raw}"' if key else f'"{raw}"'
        got = {
            "boolean": f"YAML reads {raw} as {'true' if inst else 'false'}",
            "null": f"YAML reads {raw} as empty",
        }.get(_json_type(inst), f"YAML reads {raw} as a number ({inst!r})")
        return f"{name} must be text, but {got}: quote it ({example})"
    if isinstance(inst, dict | list):
        return f"{name} must be {wanted}, not {_TYPE_WORDS[_json_type(inst)]}"
    return f"{name} must be {wanted}, not {_TYPE_WORDS[_json_type(inst)]} {_show(inst)}"


def _exists(value: object) -> bool:
    """Whether ``value`` is a date written YYYY-MM-DD that exists, in whatever year."""
    try:
        return isinstance(value, str) and len(value) == 10 and bool(dt.date.fromisoformat(value))
    except ValueError:
        return False


def _number(value: object) -> str:
    """A bound or value as people read it: 1,000,000,000,000; a 401-digit number by its size."""
    if isinstance(value, int) and not isinstance(value, bool):
        digits = len(str(abs(value)))
        if digits > 15:
            return f"a {digits}-digit {'negative ' if value < 0 else ''}number"
        return f"{value:,}"
    return repr(value)


def _id_message(value: object, name: str) -> str:
    length = f" ({len(value)} characters)" if isinstance(value, str) and len(value) > 63 else ""
    return (
        f"{name} is {_show(value)}, which is not a valid id{length}: use lowercase letters, "
        "digits and hyphens, starting with a letter or digit, at most 63 characters"
    )


def _is_raci(path: KeyPath) -> bool:
    return len(path) >= 2 and path[-2] == "raci"


def _show(value: object) -> str:
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"'{shown}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return _TYPE_WORDS[_json_type(value)]
    return _number(value)


def _describe(path: KeyPath) -> str:
    """A short human name for a place: ``steps[2].raci`` → ``'raci' of step 3``."""
    if not path:
        return "the file"
    last = path[-1]
    if isinstance(last, int):
        parent = path[-2] if len(path) > 1 else "list"
        return f"entry {last + 1} of '{parent}'"
    return f"'{last}'"


def _in(name: str) -> str:
    return "" if name == "the file" else f" in {name}"
