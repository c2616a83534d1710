"""Charts as SVG text, drawn on the server so the same chart serves the page and the PDF.

Pure: numbers and labels in, markup out. Every text is escaped; colours are
presentation attributes, not style (the pages' CSP forbids inline style). Each chart
carries a <title> and an aria-label; the pages print the same numbers as a table beside
it.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

FONT = "Noto Sans CJK JP, Noto Sans, sans-serif"
TONES = {"neutral": "#6c757d", "low": "#198754", "medium": "#fd7e14", "high": "#b02a37",
         "critical": "#58151c", "info": "#0d6efd"}
BAR_HEIGHT, GAP, LABEL_WIDTH, WIDTH = 18, 6, 150, 460


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    tone: str = "info"


def _text(x: float, y: float, text: object, *, anchor: str = "start", size: int = 11,
          fill: str = "#212529", weight: str = "normal") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'fill="{fill}" font-weight="{weight}">{escape(text)}</text>')


def _svg(width: int, height: int, title: str, body: list[str]) -> Markup:
    label = escape(title)
    return Markup(  # noqa: S704  (every text in body went through escape)
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'aria-label="{label}" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" font-family="{FONT}"><title>{label}</title>{"".join(body)}</svg>')


def bar_chart(bars: Sequence[Bar], *, title: str) -> Markup:
    """Horizontal bars, one per item, each labelled with its value."""
    top = max((bar.value for bar in bars), default=0) or 1
    room = WIDTH - LABEL_WIDTH - 40
    body = []
    for index, bar in enumerate(bars):
        y = index * (BAR_HEIGHT + GAP)
        length = room * bar.value / top
        body += [_text(LABEL_WIDTH - 6, y + 13, bar.label, anchor="end"),
                 f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" '
                 f'fill="{TONES.get(bar.tone, TONES["info"])}"/>',
                 _text(LABEL_WIDTH + length + 4, y + 13, bar.value)]
    return _svg(WIDTH, max(1, len(bars)) * (BAR_HEIGHT + GAP), title, body)


COLUMN_UNITS = 13  # a column head's line: latin letters count 1, wide (CJK) ones 2


def _units(text: str) -> int:
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)


def wrap(label: str, units: int) -> list[str]:
    """``label`` in lines of at most ``units`` (a word longer than a line, or a run of
    wide characters, is cut between characters; latin words are never cut)."""
    lines: list[str] = []
    line = ""
    for word in label.split(" "):
        candidate = f"{line} {word}" if line else word
        if _units(candidate) <= units:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:
            if _units(line + char) > units and (_units(char) == 2 or _units(line) == 0
                                                or any(_units(c) == 2 for c in line)):
                lines.append(line)
                line = ""
            line += char
    return [*lines, line] if line else lines or [""]


def _lines(x: float, y: float, lines: Sequence[str]) -> str:
    """Centred lines of a column head, the first at ``y``, 12 px apart."""
    spans = "".join(f'<tspan x="{x:.1f}" dy="{0 if i == 0 else 12}">{escape(line)}</tspan>'
                    for i, line in enumerate(lines))
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="10" text-anchor="middle" '
            f'fill="#212529" font-weight="normal">{spans}</text>')


def _shade(count: int, top: int) -> tuple[str, str]:
    """A blue from pale to deep by share of the largest cell; text stays readable."""
    if count == 0:
        return "#f8f9fa", "#6c757d"
    share = count / top
    light = round(235 - share * 160)
    return f"rgb({light - 40},{light},{255})", "#fff" if share > 0.55 else "#212529"


def heat_map(rows: Sequence[tuple[str, str]], columns: Sequence[tuple[str, str]],
             counts: Mapping[tuple[str, str], int], *, title: str) -> Markup:
    """A grid of counts: ``rows`` and ``columns`` are (key, label); ``counts`` is keyed
    (row key, column key). Darker cells hold more."""
    cell_w, cell_h = 74, 30
    heads = [wrap(label, COLUMN_UNITS) for _, label in columns]
    head = 22 + 12 * max((len(lines) for lines in heads), default=1)
    top = max(counts.values(), default=0) or 1
    width = LABEL_WIDTH + cell_w * len(columns)
    body = [_lines(LABEL_WIDTH + cell_w * (i + 0.5), head - 10 - 12 * (len(lines) - 1), lines)
            for i, lines in enumerate(heads)]
    for r, (row_key, row_label) in enumerate(rows):
        y = head + r * cell_h
        body.append(_text(LABEL_WIDTH - 6, y + 19, row_label, anchor="end"))
        for c, (column_key, _) in enumerate(columns):
            count = counts.get((row_key, column_key), 0)
            fill, ink = _shade(count, top)
            x = LABEL_WIDTH + c * cell_w
            body += [f'<rect x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" '
                     f'height="{cell_h - 2}" fill="{fill}"/>',
                     _text(x + cell_w / 2, y + 19, count, anchor="middle", fill=ink,
                           weight="bold" if count else "normal")]
    return _svg(width, head + cell_h * len(rows), title, body)
