"""The questionnaire's progress in words and numbers. The page shows the words; every
autosave answers with the numbers only, and the page's script words them with the
translated patterns the page carries (progress_patterns): no translation per save, the
portal's hottest request."""

from typing import Any

from flask_babel import get_translations, ngettext
from flask_babel import gettext as _

from vendorrisk.edges.portal.questionnaire import Questionnaire

ANSWERS = "%(done)d of %(total)d required answers given"
WITH_FILES = ("%(done)d of %(total)d required answers given; %(num)d evidence file missing",
              "%(done)d of %(total)d required answers given; %(num)d evidence files missing")
FILES = ("%(num)d file missing", "%(num)d files missing")


def progress_words(view: Questionnaire) -> str:
    """"N of M required answers given", and how many evidence files are still missing."""
    done, total = view.required_answered, view.required_total
    missing = len(view.files_missing)
    if not missing:
        return _(ANSWERS, done=done, total=total)
    return ngettext(*WITH_FILES, missing, done=done, total=total)


def files_words(count: int) -> str:
    """A section's badge: how many evidence files it still misses."""
    return ngettext(*FILES, count)


def progress_patterns() -> dict[str, str]:
    """The progress words in the reader's language with the numbers left as %(done)d,
    %(total)d and %(num)d, for the page's script ("one" for 1, "other" for the rest: the
    plural forms of English and Japanese)."""
    translations = get_translations()
    return {"answers": translations.gettext(ANSWERS),
            "files_one": translations.ngettext(*WITH_FILES, 1),
            "files_other": translations.ngettext(*WITH_FILES, 2),
            "badge_one": translations.ngettext(*FILES, 1),
            "badge_other": translations.ngettext(*FILES, 2)}


def progress(view: Questionnaire) -> dict[str, Any]:
    """What an autosave reports of the progress, in numbers: the bar's percentage, the
    required answers given of all, each section's missing answers and files, and the
    questions still without their file."""
    return {"progress": view.percent_done, "done": view.required_answered,
            "total": view.required_total, "sections": view.section_counts(),
            "files_missing": view.files_missing}
