"""Findings can be edited; each edit's changes are kept in the finding's history

Revision ID: 0024_finding_edits
Revises: 0023_notification_preferences
Create Date: 2026-12-03 18:40:00

assessment_finding_events.changes: for an "edited" step, what changed as
field -> [before, after] (severity, description, remediation, owner by user id, due date
as ISO). Steps recorded before this revision have none.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0024_finding_edits'
down_revision = '0023_notification_preferences'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('assessment_finding_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('changes', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('assessment_finding_events', schema=None) as batch_op:
        batch_op.drop_column('changes')
