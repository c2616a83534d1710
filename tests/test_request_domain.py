"""Translations found once per request (foundation/i18n.py RequestDomain) still follow the
request's language, a forced language (an e-mail in its recipient's language) and back;
and every template compiles ahead of the workers (gunicorn_conf's when_ready)."""

from flask_babel import force_locale, gettext, refresh

from vendorrisk.foundation.i18n import RequestDomain
from vendorrisk.foundation.templating import compile_templates


def test_translations_follow_the_language_forced_and_back(app):
    with app.test_request_context("/?lang=ja"):
        assert gettext("Assessments") == "委託先評価"
        with force_locale("en"):
            assert gettext("Assessments") == "Assessments"
        assert gettext("Assessments") == "委託先評価"
    with app.test_request_context("/?lang=en"):
        assert gettext("Assessments") == "Assessments"


def test_a_refreshed_locale_is_chosen_again(app):
    with app.test_request_context("/?lang=ja"):
        assert gettext("Assessments") == "委託先評価"
        refresh()
        assert gettext("Assessments") == "委託先評価"


def test_outside_a_request_the_default_language_is_used(app):
    assert isinstance(app.extensions["babel"].instance.domain_instance, RequestDomain)
    assert gettext("Assessments") == "Assessments"


def test_every_template_compiles(app):
    assert compile_templates(app) > 100
