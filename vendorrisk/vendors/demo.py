"""Demo portfolio: every tier and classification, a sub-consignee chain, country records."""

from datetime import datetime, timedelta

from sqlalchemy import select

from vendorrisk.auth.models import User
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.inputs import ContactInput, VendorInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.contacts import create_vendor_with_contact
from vendorrisk.vendors.services.country_records import save_country_record
from vendorrisk.vendors.services.crossborder import record_check, save_basis
from vendorrisk.vendors.services.reconsignment import add_sub_consignment
from vendorrisk.vendors.services.sites import SiteInput, add_site

# name, Japanese name, corporate number, country, classification, reason, services,
# purpose, categories, individuals, access, criticality, countries, contact
PORTFOLIO = [
    ("Sakura Contact Center Co., Ltd.", "さくらコンタクトセンター株式会社", "7123456789012", "JP",
     "consignment", "Handles customer calls on our behalf using our customer records.",
     "Inbound customer support call centre", "Answering customers' enquiries",
     ["customer"], "more_than_100000", "bulk", "significant", ["JP"],
     ("Yuki Tanaka", "tanaka@sakura-cc.example.com", "ja")),
    ("Minato Print & Mail Inc.", "株式会社みなとプリント", "", "JP",
     "consignment", "Prints and mails invoices from our customer list.",
     "Invoice printing and mailing", "Sending invoices to customers",
     ["customer"], "up_to_100000", "transport", "significant", ["JP"],
     ("Ken Ito", "ito@minato-print.example.com", "ja")),
    ("Kyuyo Payroll Services K.K.", "給与計算サービス株式会社", "", "JP",
     "consignment", "Calculates salaries from our employee records, including My Number.",
     "Payroll calculation and year-end adjustment", "Paying employees and tax filings",
     ["employee", "my_number", "bank_credentials"], "up_to_1000", "bulk", "severe", ["JP"],
     ("Mai Suzuki", "suzuki@kyuyo.example.com", "ja")),
    ("Nimbus Object Storage Ltd.", None, "", "JP",
     "storage_only_cloud", "Stores encrypted backups; contractually barred from accessing them.",
     "Encrypted backup storage", "Keeping backups", [], "more_than_100000", "none",
     "significant", ["JP"], ("Support Desk", "support@nimbus.example.com", "en")),
    ("Pacific CRM Inc.", None, "", "US",
     "consignment", "Hosts our customer relationship database.",
     "SaaS customer relationship management", "Managing sales contacts and customers",
     ["customer", "business_contact"], "up_to_100000", "hosting", "significant",
     ["US", "SG"], ("Alex Morgan", "privacy@pacific-crm.example.com", "en")),
    ("Harbour Data Centre Pte. Ltd.", None, "", "SG",
     "consignment", "Operates the servers Pacific CRM runs on.",
     "Data-centre hosting", "Hosting for a consignee", ["customer"], "more_than_100000",
     "hosting", "significant", ["SG"], ("Lee Wei", "compliance@harbour-dc.example.com", "en")),
    ("Aoba Office Supplies Co.", "青葉オフィス用品株式会社", "", "JP",
     "consignment", "Receives our purchasing staff's business contact details.",
     "Office supplies", "Ordering supplies", ["business_contact"], "up_to_100", "view",
     "replaceable", ["JP"], ("Sales", "sales@aoba-office.example.com", "ja")),
    ("Kanto Logistics Partners", "関東ロジスティクス", "", "JP",
     "third_party_provision", "Receives delivery addresses for its own delivery service.",
     "Parcel delivery", "Delivering orders", ["customer"], "up_to_100000", "view",
     "significant", ["JP"], ("Aya Mori", "mori@kanto-logi.example.com", "ja")),
    ("Strategy Advisors LLC", None, "", "JP",
     "no_personal_data", "Advises on strategy; receives no personal data.",
     "Management consulting", "Strategy advice", [], "up_to_100", "none", "replaceable",
     ["JP"], ("Office", "office@strategy.example.com", "en")),
]

# Used before the register was kept (issue 22): "in use — not yet assessed", onboarded by
# plan. The first has a contact (the demo's first sweep sends its first assessment); the
# second has none (the supervision page shows why it waits).
IN_USE = [
    ("Hikari Office Cleaning K.K.", "ひかりオフィスクリーニング株式会社", "consignment",
     "Its staff handle our employee rosters to plan the cleaning.", "Office cleaning",
     "Planning access to the offices", ["employee"], "up_to_1000", "view", "replaceable",
     ("Rina Sato", "sato@hikari-clean.example.com", "ja")),
    ("Legacy Mailing Co.", None, "consignment",
     "Sends our newsletters from a customer list it has held for years.",
     "Newsletter mailing", "Sending newsletters", ["customer"], "up_to_100000", "bulk",
     "significant", None),
]

# The data items an auditor reads in the register, under each vendor's categories
DATA_ITEMS = {
    "Sakura Contact Center Co., Ltd.": ["name", "address", "phone", "email",
                                        "purchase_history"],
    "Minato Print & Mail Inc.": ["name", "address"],
    "Kyuyo Payroll Services K.K.": ["name", "address", "date_of_birth", "employee_number",
                                    "salary", "my_number", "bank_account"],
    "Pacific CRM Inc.": ["name", "phone", "email", "company_and_title",
                         "purchase_history"],
    "Kanto Logistics Partners": ["name", "address", "phone"],
}

SITES = {
    "Kyuyo Payroll Services K.K.": SiteInput(
        "給与計算センター", "東京都千代田区神田錦町1-2-3 給与ビル4階", "JP",
        "給与計算・年末調整（マイナンバー取扱区域）"),
    "Pacific CRM Inc.": SiteInput(
        "Oregon data centre", "2000 Example Parkway, Hillsboro, OR 97124", "US",
        "Hosts the CRM database and its backups"),
}


def _load_in_use(owner: User | None, *, now: datetime) -> None:
    for (name, name_ja, classification, reason, services, purpose, categories, individuals,
         access, criticality, contact) in IN_USE:
        create_vendor_with_contact(VendorInput(
            legal_name=name, legal_name_ja=name_ja or "", country="JP",
            status="in_use_unassessed", classification=classification,
            classification_reason=reason, services=services, purpose=purpose,
            categories=categories, individuals=individuals, access=access,
            criticality=criticality, countries=["JP"],
        ), contact and ContactInput(name=contact[0], email=contact[1], language=contact[2]),
            owner_id=owner.id if owner else None, actor=owner, now=now)


def load_vendor_demo(*, now: datetime) -> None:
    """Create the demo portfolio unless it is there already."""
    if db.session.scalar(select(Vendor.id).limit(1)) is not None:
        return
    owner = db.session.scalar(select(User).where(User.email == "procurement@example.com"))
    reviewer = db.session.scalar(select(User).where(User.email == "reviewer@example.com"))
    vendors = {}
    for (name, name_ja, number, country, classification, reason, services, purpose,
         categories, individuals, access, criticality, countries, contact) in PORTFOLIO:
        vendors[name] = create_vendor_with_contact(VendorInput(
            legal_name=name, legal_name_ja=name_ja or "", corporate_number=number,
            country=country, classification=classification, classification_reason=reason,
            services=services, purpose=purpose, categories=categories,
            individuals=individuals, access=access, criticality=criticality,
            countries=countries, website=f"https://www.{contact[1].split('@')[1]}",
            data_items=DATA_ITEMS.get(name, []),
        ), ContactInput(name=contact[0], email=contact[1], language=contact[2]),
            owner_id=owner.id if owner else None, actor=owner, now=now)
    _load_in_use(owner, now=now)
    for name, site in SITES.items():
        add_site(vendors[name], site, actor=owner, now=now)
    crm, dc = vendors["Pacific CRM Inc."], vendors["Harbour Data Centre Pte. Ltd."]
    call_centre = vendors["Sakura Contact Center Co., Ltd."]
    # Reported by Pacific CRM and awaiting a decision: Harbour holds no approval of its
    # own (its relationship with us ended), so approving the link would be refused.
    add_sub_consignment(crm, dc, work="Server hosting", country="SG",
                        data_handled="Customer records in the CRM database",
                        actor=owner, now=now)
    add_sub_consignment(call_centre, vendors["Minato Print & Mail Inc."],
                        work="Printing follow-up letters", country="JP",
                        data_handled="Names and addresses of callers", actor=owner, now=now)
    if reviewer is not None:
        save_country_record(
            "US", regime_summary="No comprehensive federal privacy law; sectoral laws and "
            "state laws such as the CCPA/CPRA.", source="PPC survey of foreign regimes",
            checked_on=(now - timedelta(days=40)).date(),
            measures="Contract with APPI-equivalent measures; yearly Rule 18 check.",
            actor=reviewer, now=now)
        save_country_record(
            "SG", regime_summary="Personal Data Protection Act 2012.",
            source="PPC survey of foreign regimes",
            checked_on=(now - timedelta(days=400)).date(),
            measures="Contract clauses; to be re-checked.", actor=reviewer, now=now)
        # Pacific CRM's provision to the US rests on a conforming contract, checked
        # under Rule 18 three weeks ago; Singapore (through its reported sub-consignee)
        # has no basis yet, which its page flags.
        entry = save_basis(crm, "US", basis="conforming_contract", evidence=(
            "DPA section 14: APPI-equivalent measures, onward-transfer limits, audit "
            "rights; signed with the master agreement."),
            evidenced_on=(now - timedelta(days=400)).date(), actor=reviewer, now=now)
        record_check(entry, checked_on=(now - timedelta(days=21)).date(), implementation=(
            "SOC 2 Type II report for last year read; access reviews and encryption at "
            "rest confirmed in a call with their security team."), foreign_law=(
            "No federal law found that would prevent the measures; CLOUD Act access "
            "requests are reported to us under the DPA."), outcome="continue", note="",
            actor=reviewer, now=now)
