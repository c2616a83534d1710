"""The questionnaire's progress in words and numbers. The page shows the words; every
autosave answers with the numbers only, and the page's script words them with the
translated patterns the page carries (progress_patterns): no translation per save, the
portal's hottest request."""

from collections.abc import Callable
from typing import Any

from flask_babel import get_translations

from vendorrisk.edges.portal.questionnaire import Questionnaire

PLURALS = (("one", 1), ("other", 2))  # the plural forms of English and Japanese


def _patterns(gettext: Callable[[str], str],
              ngettext: Callable[[str, str, int], str]) -> dict[str, str]:
    # The texts stand in the calls themselves so that the catalogue's extraction sees
    # them (passed as constants they were never extracted, and Japanese readers saw
    # English progress words).
    patterns = {"answers": gettext("%(done)d of %(total)d required answers given")}
    for form, number in PLURALS:
        patterns[f"files_{form}"] = ngettext(
            "%(done)d of %(total)d required answers given; %(num)d evidence file missing",
            "%(done)d of %(total)d required answers given; %(num)d evidence files missing",
            number)
        patterns[f"badge_{form}"] = ngettext("%(num)d file missing", "%(num)d files missing",
                                             number)
    return patterns


def progress_patterns() -> dict[str, str]:
    """The progress words in the reader's language with the numbers left as %(done)d,
    %(total)d and %(num)d, for the page's script ("one" for 1, "other" for the rest)."""
    translations = get_translations()
    return _patterns(translations.gettext, translations.ngettext)


def progress_words(view: Questionnaire, patterns: dict[str, str] | None = None) -> str:
    """"N of M required answers given", and how many evidence files are still missing."""
    words = patterns or progress_patterns()
    missing = len(view.files_missing)
    key = "answers" if not missing else "files_one" if missing == 1 else "files_other"
    return words[key] % {"done": view.required_answered, "total": view.required_total,
                         "num": missing}


def files_words(count: int, patterns: dict[str, str] | None = None) -> str:
    """A section's badge: how many evidence files it still misses."""
    words = patterns or progress_patterns()
    return words["badge_one" if count == 1 else "badge_other"] % {"num": count}


def progress(view: Questionnaire) -> dict[str, Any]:
    """What an autosave reports of the progress, in numbers: the bar's percentage, the
    required answers given of all, each section's missing answers and files, and the
    questions still without their file."""
    return {"progress": view.percent_done, "done": view.required_answered,
            "total": view.required_total, "sections": view.section_counts(),
            "files_missing": view.files_missing}
