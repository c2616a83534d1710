"""Demo data for the management review: last fiscal year's review, with the annual
summary it read (rendered now, in Japanese), one action closed and one still open."""

from datetime import datetime, timedelta

from sqlalchemy import func, select

from vendorrisk.auth.services import find_user_by_email
from vendorrisk.foundation.extensions import db
from vendorrisk.reports.management import ActionInput, ReviewInput, close_action, record_review
from vendorrisk.reports.models import ReportKind
from vendorrisk.reports.queue import render_queued, request_report
from vendorrisk.reports.summary import this_fiscal_year
from vendorrisk.supervision.review_models import ManagementReview


def load_management_review_demo(*, now: datetime) -> None:
    if db.session.scalar(select(func.count()).select_from(ManagementReview)):
        return
    executive = find_user_by_email("executive@example.com")
    approver = find_user_by_email("approver@example.com")
    buyer = find_user_by_email("procurement@example.com")
    year = this_fiscal_year(now.date()) - 1
    run = request_report(ReportKind.SUMMARY, {"year": year}, language="ja", actor=approver,
                         now=now)
    db.session.commit()
    render_queued(now)
    held_on = now.date() - timedelta(days=30)
    review = record_review(ReviewInput(
        fiscal_year=year, held_on=held_on, summary_run_id=run.id,
        participants="代表取締役 Emi Executive（議長）\n個人情報保護管理者 Akira Approver\n"
                     "調達部 Pat Procurement",
        other_inputs="内部監査の結果（委託先管理：軽微な指摘2件）。改正法の施行予定。",
        decisions="委託先の選定基準を維持する。海外で取り扱う tier 1 委託先は今年度中に"
                  "実地監査を行う。削除証明の提出期限の遅れを改善する。",
        actions=(ActionInput("海外で取り扱う tier 1 委託先の実地監査を計画する",
                             buyer.id, held_on + timedelta(days=60)),
                 ActionInput("削除証明の督促手順を見直す", approver.id,
                             held_on + timedelta(days=14)))),
        actor=executive, now=now)
    db.session.flush()
    close_action(review.actions[1], "督促を期限の7日前・当日・3日後の3回とした。",
                 actor=approver, may_close=True, now=now)
