"""Demo data for the audits of consignees: Kyuyo Payroll (tier 1, My Number, so audited
yearly) audited on site today after its approval, one criterion not as answered and a
finding in the remediation of the assessment it verified."""

from datetime import datetime, timedelta

from sqlalchemy import func, select

from vendorrisk.auth.services import find_user_by_email
from vendorrisk.foundation.extensions import db
from vendorrisk.review.audit_models import VendorAudit
from vendorrisk.review.audit_queries import audited_assessment, checklist_questions
from vendorrisk.review.audits import AuditInput, CheckInput, add_audit_finding, record_audit
from vendorrisk.vendors.models import Vendor

VENDOR = "Kyuyo Payroll Services K.K."


def load_audit_demo(*, now: datetime) -> None:
    if db.session.scalar(select(func.count()).select_from(VendorAudit)):
        return
    vendor = db.session.scalar(select(Vendor).where(Vendor.legal_name == VENDOR))
    reviewer = find_user_by_email("reviewer@example.com")
    if vendor is None or reviewer is None or audited_assessment(vendor) is None:
        return
    questions = checklist_questions(audited_assessment(vendor))
    gap = questions[1].id if len(questions) > 1 else None
    checks = tuple(CheckInput(question.id, "not_confirmed" if question.id == gap
                              else "confirmed",
                              "入館記録の保存期間が規程（1年）に満たない（3か月）。"
                              if question.id == gap else "")
                   for question in questions[:8])
    audit = record_audit(vendor, AuditInput(
        kind="on_site", purpose="periodic", held_on=now.date(),
        auditors="個人情報保護管理者 Akira Approver\n監査担当 Rei Reviewer",
        scope="給与計算センター（東京都千代田区）の入退室管理、マイナンバー取扱区域、"
              "アクセス権限の棚卸し、委託業務の記録。",
        observations="取扱区域の物理的区分と権限管理は回答どおり。入館記録の保存期間が"
                     "規程より短い。",
        result="improvement_required", checks=checks), actor=reviewer, now=now)
    add_audit_finding(audit, question_id=gap, severity="medium",
                      description="入館記録を3か月で消去しており、規程の1年に満たない。",
                      remediation="入館記録を1年保存する設定に改め、設定画面の写しを提出する。",
                      owner_id=reviewer.id, due_on=now.date() + timedelta(days=60),
                      actor=reviewer, now=now)
