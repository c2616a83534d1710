"""What a respondent's e-mail says: the context of the invitation (and of a reminder or a
new link), and the invitation as the respondent will get it, for the draft's page."""

from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l

from vendorrisk.assessments.handoffs import reply_to_of
from vendorrisk.assessments.models import Respondent
from vendorrisk.notifications.services import render_email

# Said in the recipient's language where the link will be (it is made only on sending).
LINK_PLACEHOLDER = _l("[the personal link, made when the questionnaire is sent]")


def invitation_context(respondent: Respondent, url: Any) -> dict[str, Any]:
    """The names the invitation's templates read; ``url`` is the respondent's link."""
    assessment = respondent.assessment
    return {"respondent": respondent, "assessment": assessment, "vendor": assessment.vendor,
            "url": url, "company": current_app.config["COMPANY_NAME"],
            "reply_to": reply_to_of(assessment)}


def invitation_preview(respondent: Respondent) -> tuple[str, str]:
    """(subject, text) of the invitation ``respondent`` will get, in their language, with
    a placeholder where the link will be."""
    subject, text, _html = render_email(
        "invitation", language=respondent.language.value,
        context=invitation_context(respondent, LINK_PLACEHOLDER))
    return subject, text
