"""The import report: every VSAQ item the importer changed or could not convert, with
the reason and the line of the source file. Nothing is dropped silently."""

from dataclasses import dataclass

CHANGED = "changed"
NOT_CONVERTED = "not converted"


@dataclass(frozen=True)
class Entry:
    line: int | None
    item: str  # the VSAQ id, or the item's type when it has none
    status: str  # CHANGED or NOT_CONVERTED
    reason: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "line ?"
        return f"{where}: {self.item}: {self.status}: {self.reason}"


class Report:
    def __init__(self, file: str) -> None:
        self.file = file
        self.entries: list[Entry] = []

    def changed(self, item: dict, reason: str, name: str | None = None) -> None:
        self.entries.append(Entry(line_of(item), name or label(item), CHANGED, reason))

    def not_converted(self, item: dict, reason: str, name: str | None = None) -> None:
        self.entries.append(Entry(line_of(item), name or label(item), NOT_CONVERTED, reason))

    def of(self, status: str) -> list[Entry]:
        return [entry for entry in self.entries if entry.status == status]

    def text(self) -> str:
        lines = [f"Import report for {self.file}",
                 f"{len(self.of(CHANGED))} changes, {len(self.of(NOT_CONVERTED))} items not "
                 "converted (each with the line of the source file)."]
        for status in (NOT_CONVERTED, CHANGED):
            entries = sorted(self.of(status), key=lambda entry: (entry.line or 0, entry.item))
            if entries:
                lines += ["", f"{status.capitalize()}:"]
                lines += [f"  {entry}" for entry in entries]
        return "\n".join(lines) + "\n"


def line_of(item: object) -> int | None:
    return getattr(item, "line", None) or None


def label(item: dict) -> str:
    return str(item.get("id") or f"{item.get('type') or 'item'} (no id)")
