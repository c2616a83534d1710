"""Where data is handled includes the approved chain; sub-consignee approval needs an evaluation

Revision ID: 0019_chain_checks
Revises: 0018_executive
Create Date: 2026-12-02 13:30:00
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0019_chain_checks'
down_revision = '0018_executive'
branch_labels = None
depends_on = None


def upgrade():
    # When supervision found an approved sub-consignee without a current evaluation.
    with op.batch_alter_table('sub_consignments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lapsed_on', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('sub_consignments', schema=None) as batch_op:
        batch_op.drop_column('lapsed_on')
