"""How the interface language is chosen for each request."""

from flask import current_app, has_request_context, request, session
from flask_login import current_user


def select_locale() -> str:
    """``?lang=`` (remembered for the session), else the user's setting, else the browser's."""
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
    return request.accept_languages.best_match(languages) or current_app.config[
        "BABEL_DEFAULT_LOCALE"
    ]
