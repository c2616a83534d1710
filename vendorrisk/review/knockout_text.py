"""A failed or lifted knockout in the reader's language, for the review page and the
assessment report (the scoring's own ``reason`` is the English kept in the record)."""

from flask_babel import gettext as _

from vendorrisk.standards.knockouts import KnockoutFailure


def failure_text(points: int | None, minimum: int, override_reason: str | None) -> str:
    """Why a knockout failed: the vendor's points, or the reviewer's with their reason."""
    if override_reason is not None:
        return _("knockout set to %(points)d by the reviewer, needs at least %(minimum)d: "
                 "%(reason)s", points=points or 0, minimum=minimum, reason=override_reason)
    if points is None:
        return _("knockout not answered (needs %(minimum)d of 3)", minimum=minimum)
    return _("knockout scored %(points)d, needs at least %(minimum)d", points=points,
             minimum=minimum)


def lifted_text(points: int | None, minimum: int, override_reason: str | None) -> str:
    """Why a knockout the vendor's answer failed counts as met."""
    return _("lifted by the reviewer to %(points)d (needs at least %(minimum)d): %(reason)s",
             points=points or 0, minimum=minimum, reason=override_reason or "")


def failure_lines(failures: tuple[KnockoutFailure, ...]) -> list[tuple[str, str]]:
    """(question id, sentence) for each failed knockout of a score."""
    return [(f.question_id, failure_text(f.points, f.minimum, f.override_reason))
            for f in failures]


def lifted_lines(lifted: tuple[KnockoutFailure, ...]) -> list[tuple[str, str]]:
    """(question id, sentence) for each knockout a reviewer's override lifted."""
    return [(f.question_id, lifted_text(f.points, f.minimum, f.override_reason))
            for f in lifted]
