"""Where a vendor's data is handled, down its whole chain (issue 22 item 4): one function
(vendors/chain.py where_handled, read through services/locations.py) that tiering, the
profile frozen into an assessment, the Rule 18 check, the vendor page and the register
all use."""

from datetime import timedelta

from sqlalchemy import select

from tests.conftest import VENDOR_BASE
from tests.helpers import adopt_standards
from vendorrisk.assessments.services import create_assessment, send_assessment
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.paths import questionnaires_folder
from vendorrisk.reports.register import register_lines
from vendorrisk.standards.scoring import Answer, score
from vendorrisk.standards.services import definition_of, load_folder
from vendorrisk.vendors.chain import Hop, Place, where_handled
from vendorrisk.vendors.inputs import ContactInput, VendorInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.queries import RegisterFilters
from vendorrisk.vendors.services.contacts import add_contact
from vendorrisk.vendors.services.locations import handled_where
from vendorrisk.vendors.services.reconsignment import add_sub_consignment
from vendorrisk.vendors.services.register import create_vendor

MINATO = {**VENDOR_BASE, "legal_name": "Minato Print & Mail Inc.",
          "individuals": "up_to_100000", "access": "transport", "countries": ["JP"]}


def _vendor(name: str, **changes) -> Vendor:
    return create_vendor(VendorInput(**{**MINATO, "legal_name": name, **changes}),
                         owner_id=None, actor=None, now=utcnow())


def test_the_walk_follows_the_chain_with_paths_and_stops_at_a_loop():
    hops = {1: [Hop(10, 1, 2, "JP", True)],
            2: [Hop(11, 2, 3, "US", False), Hop(12, 2, 1, "SG", True)],  # 2 → 1 loops
            3: [Hop(13, 3, 2, "DE", True)]}  # and 3 → 2
    locations = where_handled(1, ["JP"], hops)
    assert locations.countries == {"JP", "US"}
    assert locations.abroad("JP") == ["US"]
    assert locations.by_country()["US"] == [Place("US", (2, 3), pending=True)]
    assert locations.by_country()["JP"][0] == Place("JP", ())


def test_a_us_sub_consignee_makes_the_vendor_tier_1_abroad_and_its_assessment_too(app):
    with app.app_context():
        load_folder(questionnaires_folder(), actor=None, now=utcnow())
        adopt_standards(now=utcnow())
        minato, hoster = _vendor("Minato Print & Mail Inc."), _vendor("Harbor Hosting LLC")
        contact = add_contact(minato, ContactInput(name="Ken Ito", email="ito@m.example.com"),
                              primary=True, actor=None, now=utcnow())
        assert minato.tier == "2"
        add_sub_consignment(minato, hoster, work="Hosting", country="US",
                            data_handled="Mailing lists", actor=None, now=utcnow())
        assert minato.tier == "1"
        assert minato.tier_factors["abroad"] == ["US"]
        assessment = create_assessment(
            minato, kind="selection", version=None, version_reason="",
            due_on=utcnow().date() + timedelta(days=14), contacts=[contact], actor=None,
            now=utcnow())
        send_assessment(assessment, actor=None, now=utcnow())
        db.session.commit()
        assert assessment.profile["abroad"] is True
        assert assessment.profile["countries"] == ["JP", "US"]
        assert assessment.profile["chain_countries"] == {"US": ["Harbor Hosting LLC"]}
        assert assessment.tier == "1"
        # The D9 knockouts apply: a 0 on the disclosure of countries fails one.
        result = score(definition_of(assessment.standard_version),
                       {"d9_countries": Answer(value=0)}, assessment.profile, assessment.tier)
        assert "d9_countries" in {failure.question_id for failure in result.failed_knockouts}


def test_a_country_two_links_down_counts_and_moves_the_vendors_above(app):
    with app.app_context():
        top, middle, bottom = (_vendor(name) for name in ("Top K.K.", "Middle K.K.",
                                                          "Bottom Inc."))
        add_sub_consignment(top, middle, work="Printing", country="JP",
                            data_handled="Addresses", actor=None, now=utcnow())
        assert top.tier == "2"
        add_sub_consignment(middle, bottom, work="Hosting", country="US",
                            data_handled="Addresses", actor=None, now=utcnow())
        db.session.commit()
        assert handled_where(top).by_country()["US"][0].path == (middle.id, bottom.id)
        assert db.session.get(Vendor, top.id).tier == "1"  # recomputed from below


def test_the_vendor_page_names_each_country_and_the_way_there(app, client, procurement):
    with app.app_context():
        top, middle, bottom = (_vendor(name) for name in ("Top K.K.", "Pacific CRM Inc.",
                                                          "Harbour Data Centre"))
        add_sub_consignment(top, middle, work="CRM", country="JP",
                            data_handled="Customers", actor=None, now=utcnow())
        add_sub_consignment(middle, bottom, work="Hosting", country="US",
                            data_handled="Customers", actor=None, now=utcnow())
        db.session.commit()
        top_id = top.id
    html = client.get(f"/vendors/{top_id}").get_data(as_text=True)
    countries = html[html.index('id="countries"'):html.index("</dd>", html.index(
        'id="countries"'))]
    assert "Japan" in countries
    assert "handled by the vendor itself" in countries
    assert "United States" in countries
    assert "via Pacific CRM Inc. → Harbour Data Centre" in countries
    assert "awaiting a decision" in countries
    assert "US" not in countries.replace("United States", "")


def test_the_register_lists_the_chains_countries(app):
    with app.app_context():
        top, sub = _vendor("Top K.K."), _vendor("Abroad Inc.")
        add_sub_consignment(top, sub, work="Hosting", country="SG",
                            data_handled="Customers", actor=None, now=utcnow())
        db.session.commit()
        lines = {line.name: line for line in register_lines(
            RegisterFilters(), today=utcnow().date(), home="JP", expiring_days=60)}
        assert lines["Top K.K."].countries == ("JP", "SG")
        assert lines["Abroad Inc."].countries == ("JP",)


def test_a_refused_link_does_not_count(app, make_user):
    reviewer = make_user(Role.REVIEWER)
    from vendorrisk.vendors.services.reconsignment import decide_sub_consignment
    with app.app_context():
        top, sub = _vendor("Top K.K."), _vendor("Abroad Inc.")
        link = add_sub_consignment(top, sub, work="Hosting", country="US",
                                   data_handled="Customers", actor=None, now=utcnow())
        assert top.tier == "1"
        decide_sub_consignment(link, approve=False, note="Not needed.",
                               actor=db.session.get(type(reviewer), reviewer.id), now=utcnow())
        assert handled_where(top).countries == {"JP"}
        assert top.tier == "2"
        assert db.session.scalar(select(Vendor.tier).where(Vendor.id == top.id)) == "2"


def test_the_dossier_names_each_country_and_the_way_there(app, client, procurement):
    import io

    from pypdf import PdfReader
    with app.app_context():
        top, sub = _vendor("Top K.K."), _vendor("Abroad Inc.")
        add_sub_consignment(top, sub, work="Hosting", country="SG",
                            data_handled="Customers", actor=None, now=utcnow())
        db.session.commit()
        top_id = top.id
    data = client.get(f"/reports/vendors/{top_id}.pdf?lang=en").data
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(
        io.BytesIO(data)).pages).split())
    assert "Japan: handled by the vendor itself" in text
    assert "Singapore: via Abroad Inc. (awaiting a decision)" in text
