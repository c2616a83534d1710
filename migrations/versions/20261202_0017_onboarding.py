"""Vendors already in use are imported as in use, not yet assessed, and onboarded by plan

Revision ID: 0017_onboarding
Revises: 0016_respondent_contact
Create Date: 2026-12-02 13:30:00

The vendors.status CHECK constraint gains 'in_use_unassessed'. The onboarding plan needs
no table of its own: what was sent is a scheduler mark ("onboarding:<vendor id>").
Downgrading turns vendors in use back into prospects (the old schema has no such status).
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0017_onboarding'
down_revision = '0016_respondent_contact'
branch_labels = None
depends_on = None

NAME = 'ck_vendors_status_vendorstatus'
OLD = ('prospect', 'under_assessment', 'approved', 'conditionally_approved', 'rejected',
       'suspended', 'terminated')
NEW = ('prospect', 'in_use_unassessed', *OLD[1:])


def _status_check(values):
    with op.batch_alter_table('vendors', schema=None) as batch_op:
        batch_op.drop_constraint(op.f(NAME), type_='check')
        batch_op.create_check_constraint(op.f(NAME), sa.column('status').in_(values))


def upgrade():
    _status_check(NEW)


def downgrade():
    op.execute("UPDATE vendors SET status = 'prospect' WHERE status = 'in_use_unassessed'")
    _status_check(OLD)
