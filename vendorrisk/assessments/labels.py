"""Display names of assessment states and lifecycle steps, in both languages."""

from flask_babel import lazy_gettext as _l

STATE_LABELS = {
    "draft": _l("Draft"), "sent": _l("Sent"), "in_progress": _l("Being answered"),
    "submitted": _l("Submitted"), "in_review": _l("In review"),
    "returned": _l("Returned for revision"), "decided": _l("Decided"),
    "cancelled": _l("Cancelled"), "expired": _l("Expired"),
}
EVENT_LABELS = {
    "send": _l("send it"), "start": _l("start answering"), "submit": _l("submit it"),
    "review": _l("start the review"), "return": _l("return it for revision"),
    "decide": _l("decide on it"), "cancel": _l("cancel it"), "expire": _l("let it expire"),
    "extend": _l("extend it"),
}
