"""Reading a JSON request body: an object of known fields with the right JSON types,
else a 4xx problem that names every wrong field (nothing is changed)."""

from typing import Any

from flask import request

from vendorrisk.foundation.problems import Problem
from vendorrisk.foundation.routing import MAX_ID, query_int


def json_object(fields: dict[str, type | tuple[type, ...]], *,
                required: tuple[str, ...] = ()) -> dict[str, Any]:
    """The body as a dict of ``fields`` (name → accepted JSON types; ``list`` means a list
    of strings)."""
    if request.mimetype != "application/json":
        raise Problem(415, "Send the body as application/json.")
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # nested deeper than the parser goes (no body of ours nests)
        raise Problem(400, "The body is nested too deeply.") from None
    if not isinstance(body, dict):
        raise Problem(400, "The body is not a JSON object.")
    errors = [{"field": name, "message": "Unknown field."} for name in body
              if name not in fields]
    errors += [{"field": name, "message": "Required."} for name in required
               if body.get(name) in (None, "")]
    for name, value in body.items():
        accepted = fields.get(name)
        if accepted is None or value is None:
            continue
        if accepted is list:
            if not isinstance(value, list) or not all(isinstance(item, str)
                                                      for item in value):
                errors.append({"field": name, "message": "A list of strings."})
        elif not _is(value, accepted if isinstance(accepted, tuple) else (accepted,)):
            errors.append({"field": name, "message": f"Expected {_kind(accepted)}."})
        if not _storable(value):
            errors.append({"field": name, "message": "Contains a NUL character, an "
                           "unpaired surrogate or a number out of range."})
    if errors:
        raise Problem(422, "Some fields are wrong; nothing was changed.", errors=errors)
    return body


def _is(value: Any, types: tuple[type, ...]) -> bool:
    # JSON true is not a number, though Python's bool is an int.
    return isinstance(value, types) and (bool in types or not isinstance(value, bool))


def _kind(accepted: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "an integer", bool: "true or false"}
    types = accepted if isinstance(accepted, tuple) else (accepted,)
    return " or ".join(names.get(kind, kind.__name__) for kind in types)


def _storable(value: Any) -> bool:
    """Text a database keeps as sent, an id-sized number (a list: each of its items; a
    list in a list is refused by its type and not looked into)."""
    if isinstance(value, list):
        return all(_storable(item) for item in value if not isinstance(item, list))
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return "\x00" not in value
    if isinstance(value, int) and not isinstance(value, bool):
        return 0 <= value <= MAX_ID
    return True


def query_text(name: str, limit: int = 200) -> str:
    """A query argument as text (a NUL or an over-long value is refused: 400)."""
    value = request.args.get(name, "")
    if "\x00" in value or len(value) > limit:
        raise Problem(400, f"{name} is too long or contains a NUL character.")
    return value


def query_id(name: str) -> int | None:
    """An id in the query (as on the pages: a 400 naming it unless from 0 to MAX_ID)."""
    return query_int(name)
