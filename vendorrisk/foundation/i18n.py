"""How the interface language is chosen for each request."""

from flask import current_app, g, has_app_context, has_request_context, request, session
from flask_babel import Babel, Domain, refresh
from flask_login import current_user


def select_locale() -> str:
    """``?lang=`` (remembered for the session), else the user's setting, else the language
    of the person a portal link was sent to (``use_link_language``), else the browser's."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI commands and scheduled jobs
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    asked = request.args.get("lang")
    if asked in languages:
        session["lang"] = asked
    if session.get("lang") in languages:
        return session["lang"]
    if current_user and current_user.is_authenticated:
        return current_user.language.value
    if g.get("link_language") in languages:
        return g.link_language
    return request.accept_languages.best_match(languages) or current_app.config[
        "BABEL_DEFAULT_LOCALE"
    ]


def use_link_language(language: str) -> None:
    """A vendor's respondent reads the portal in the language their invitation was sent
    in (the contact's), unless they chose another with ``?lang=``; their browser's
    language only decides when the link has none."""
    if g.get("link_language") != language:
        g.link_language = language
        refresh()  # a message translated earlier in the request chose without it


class RequestDomain(Domain):
    """Flask-Babel's message domain, keeping the request's translations on the request.

    Flask-Babel finds them again for every string it translates (its context three times
    and the locale's name); a register page translates some 280 strings, and that search
    was a quarter of its time (profiled). Kept beside the locale they belong to, so
    ``force_locale`` (an e-mail in its recipient's language) still switches them."""

    def get_translations(self):  # noqa: ANN201  (Flask-Babel's own signature)
        state = g.get("_flask_babel") if has_app_context() else None
        locale = getattr(state, "babel_locale", None)
        if locale is None:  # not chosen yet in this request, or no request
            return super().get_translations()
        kept = getattr(state, "vendorrisk_translations", None)
        if kept is not None and kept[0] is locale:
            return kept[1]
        translations = super().get_translations()
        state.vendorrisk_translations = (locale, translations)
        return translations


def use_request_domain(babel: Babel) -> None:
    """Translate through :class:`RequestDomain` (Flask-Babel's default domain otherwise)."""
    babel.domain_instance = RequestDomain()
