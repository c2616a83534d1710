"""Rendering a print template to PDF in a chosen language, and the CSS the page frame
needs (strings in CSS are escaped here: a <style> element does not decode entities)."""

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import current_app, render_template
from flask_babel import LazyString, force_locale
from flask_babel import gettext as _
from markupsafe import Markup

from vendorrisk.foundation.clock import zoned_time
from vendorrisk.foundation.pdf import Embedded, html_to_pdf

LANGUAGES = ("en", "ja")


def css_string(text: str) -> Markup:
    """``text`` as a CSS string literal, every character but letters, digits and spaces
    escaped (so nothing in it can end the string or the style element)."""
    escaped = "".join(char if char.isalnum() or char == " " else f"\\{ord(char):x} "
                      for char in text)
    return Markup(f'"{escaped}"')  # noqa: S704  (every other character escaped above)


def page_of_pages(total: int | None = None) -> Markup:
    """The footer's "page N of M" in the current language, as CSS ``content``; M is
    ``total`` where the document is only a part of what is numbered."""
    words = _("Page %(page)s of %(pages)s", page="\0page\0", pages="\0pages\0")
    parts = [part for part in re.split(r"\0(pages?)\0", words) if part]
    counters = {"page": Markup("counter(page)"),
                "pages": Markup("counter(pages)") if total is None else css_string(str(total))}
    return Markup(" ").join(counters.get(part) or css_string(part) for part in parts)


def render_html(template: str, *, language: str, title: str | LazyString, now: datetime,
                numbered: bool = True, **context: Any) -> str:
    """The print template as HTML in ``language`` (a lazy ``title`` is translated too);
    not ``numbered``: without "page N of M" (a part, numbered when joined)."""
    with force_locale(language if language in LANGUAGES else "en"):
        return render_template(
            template, document_title=title, company=current_app.config["COMPANY_NAME"],
            printed_on=zoned_time(now, current_app.config["DISPLAY_TIMEZONE"]),
            page_of_pages=page_of_pages() if numbered else None,
            **context)


def page_numbers_html(*, language: str, page_size: str, first_page: int, pages: int,
                      total: int) -> str:
    """Empty pages of ``page_size`` with only their footers, "page N of ``total``" from
    ``first_page`` on: printed onto a part of a report laid out in parts."""
    with force_locale(language if language in LANGUAGES else "en"):
        return render_template("reports/_page_numbers.html", page_size=page_size,
                               page_of_pages=page_of_pages(total), first_page=first_page,
                               pages=pages)


def render_pdf(template: str, *, language: str, title: str | LazyString, now: datetime,
               archival: bool = False, embedded: tuple[Embedded, ...] = (),
               **context: Any) -> bytes:
    """Render ``template`` in ``language`` and print it."""
    html = render_html(template, language=language, title=title, now=now, **context)
    return html_to_pdf(html, static_folder=Path(current_app.static_folder), archival=archival,
                       embedded=embedded)
