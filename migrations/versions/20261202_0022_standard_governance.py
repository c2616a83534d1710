"""Standards governed like policy: approvals, assignments, reviews

Revision ID: 0022_standard_governance
Revises: 0021_suspended_unassessed
Create Date: 2026-12-02 18:40:00

A stored version is a draft until an approver approves it (standard_approvals), and what
is sent for a use, tier and classification is an explicit assignment (standard_assignments,
with history and a review-by date; standard_reviews records each review). So that an
upgraded install keeps sending what it sent: every version stored before this revision is
approved as "in use before approval was required" (no approver, no note), and each use and
tier is assigned the version that was offered until now, the highest version number (no
assigner, no reason; review by one year from the upgrade).
"""
import json
from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0022_standard_governance'
down_revision = '0021_suspended_unassessed'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('standard_approvals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['approved_by_id'], ['users.id'], name=op.f('fk_standard_approvals_approved_by_id_users')),
    sa.ForeignKeyConstraint(['version_id'], ['standard_versions.id'], name=op.f('fk_standard_approvals_version_id_standard_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_standard_approvals')),
    sa.UniqueConstraint('version_id', name=op.f('uq_standard_approvals_version_id'))
    )
    op.create_table('standard_assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('use', sa.String(length=40), nullable=False),
    sa.Column('tier', sa.String(length=40), nullable=False),
    sa.Column('classification', sa.String(length=40), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('assigned_by_id', sa.Integer(), nullable=True),
    sa.Column('assigned_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('review_by', sa.Date(), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['assigned_by_id'], ['users.id'], name=op.f('fk_standard_assignments_assigned_by_id_users')),
    sa.ForeignKeyConstraint(['version_id'], ['standard_versions.id'], name=op.f('fk_standard_assignments_version_id_standard_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_standard_assignments'))
    )
    with op.batch_alter_table('standard_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_standard_assignments_ended_at'), ['ended_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_standard_assignments_review_by'), ['review_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_standard_assignments_version_id'), ['version_id'], unique=False)

    op.create_table('standard_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('outcome', sa.Enum('kept', 'replaced', name='reviewoutcome', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('new_version_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['assignment_id'], ['standard_assignments.id'], name=op.f('fk_standard_reviews_assignment_id_standard_assignments')),
    sa.ForeignKeyConstraint(['new_version_id'], ['standard_versions.id'], name=op.f('fk_standard_reviews_new_version_id_standard_versions')),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'], name=op.f('fk_standard_reviews_reviewed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_standard_reviews'))
    )
    with op.batch_alter_table('standard_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_standard_reviews_assignment_id'), ['assignment_id'], unique=False)

    _adopt_stored_versions()


def _adopt_stored_versions():
    bind = op.get_bind()
    now = datetime.now(UTC)
    versions = bind.execute(sa.text(
        "SELECT id, use, tiers, loaded_at FROM standard_versions "
        "ORDER BY version DESC, id DESC")).all()
    approvals, assigned = [], {}
    for version_id, use, tiers, loaded_at in versions:
        approvals.append({"version_id": version_id, "approved_at": loaded_at or now})
        for tier in _json(tiers) or []:
            assigned.setdefault((use, str(tier)), version_id)  # the newest comes first
    if approvals:
        bind.execute(sa.text(
            "INSERT INTO standard_approvals (version_id, approved_by_id, approved_at, note) "
            "VALUES (:version_id, NULL, :approved_at, NULL)"), approvals)
    if assigned:
        bind.execute(sa.text(
            "INSERT INTO standard_assignments (use, tier, classification, version_id, "
            "assigned_by_id, assigned_at, review_by, ended_at, reason) VALUES (:use, :tier, "
            "NULL, :version_id, NULL, :now, :review_by, NULL, NULL)"),
            [{"use": use, "tier": tier, "version_id": version_id, "now": now,
              "review_by": _a_year_after(now.date())}
             for (use, tier), version_id in assigned.items()])


def _a_year_after(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return date(day.year + 1, 2, 28)


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


def downgrade():
    with op.batch_alter_table('standard_reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_standard_reviews_assignment_id'))

    op.drop_table('standard_reviews')
    with op.batch_alter_table('standard_assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_standard_assignments_version_id'))
        batch_op.drop_index(batch_op.f('ix_standard_assignments_review_by'))
        batch_op.drop_index(batch_op.f('ix_standard_assignments_ended_at'))

    op.drop_table('standard_assignments')
    op.drop_table('standard_approvals')
