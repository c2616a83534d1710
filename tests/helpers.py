"""Helpers the tests share (fixtures live in conftest.py)."""

import html
import re
from typing import Any

from sqlalchemy import select

from vendorrisk.foundation.extensions import db


def table_snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to prove that a refused request changed nothing."""
    return {
        table.name: sorted(map(tuple, db.session.execute(select(table)).all()), key=repr)
        for table in db.metadata.sorted_tables
    }


def page_text(response: Any) -> str:
    """The visible text of an HTML response, tags removed and spaces folded."""
    text = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
    return re.sub(r"\s+", " ", html.unescape(text))
