"""Top management (executive) accepts tier-1 grade C exceptions; exceptions are time-boxed

Revision ID: 0018_executive
Revises: 0017_onboarding
Create Date: 2026-12-02 13:30:00

The role ``executive`` joins the CHECK constraint of ``user_roles.role`` (API tokens keep
their roles as JSON, without a constraint). Every exception records who decides it
(``authority``): an approver, or top management for one that lets a tier 1 vendor graded C
go ahead; such exceptions still waiting when this runs are handed to top management.
The longest duration (EXCEPTION_MAX_DAYS) is a setting, not a column.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0018_executive'
down_revision = '0017_onboarding'
branch_labels = None
depends_on = None

OLD_ROLES = ('admin', 'procurement', 'reviewer', 'approver', 'auditor')
NEW_ROLES = OLD_ROLES + ('executive',)


def _role(values):
    return sa.Enum(*values, name='role', native_enum=False, create_constraint=True)


def upgrade():
    # Changing an Enum type drops its CHECK constraint and creates the new one (SQLite:
    # by recreating the table in batch mode).
    with op.batch_alter_table('user_roles', schema=None) as batch_op:
        batch_op.alter_column('role', existing_type=_role(OLD_ROLES), type_=_role(NEW_ROLES),
                              existing_nullable=False)
    with op.batch_alter_table('risk_exceptions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('authority', _role(NEW_ROLES),
                                      server_default='approver', nullable=False))
    op.execute(
        "UPDATE risk_exceptions SET authority = 'executive' "
        "WHERE status = 'requested' "
        "AND (subject = 'below_pass' OR subject LIKE 'knockout:%') "
        "AND assessment_id IN (SELECT id FROM assessments WHERE tier = '1')")


def downgrade():
    with op.batch_alter_table('risk_exceptions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_risk_exceptions_authority_role'),
                                 type_='check')
        batch_op.drop_column('authority')
    op.execute("DELETE FROM user_roles WHERE role = 'executive'")
    with op.batch_alter_table('user_roles', schema=None) as batch_op:
        batch_op.alter_column('role', existing_type=_role(NEW_ROLES), type_=_role(OLD_ROLES),
                              existing_nullable=False)
