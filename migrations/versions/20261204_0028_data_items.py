"""Data items of a vendor's profile

Revision ID: 0028_data_items
Revises: 0027_vendor_audits
Create Date: 2026-12-04 18:37:33

vendors.data_items: the data items handled (name, address, salary, My Number …), each
under one of the vendor's data categories; empty for the vendors already registered.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0028_data_items'
down_revision = '0027_vendor_audits'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('vendors', schema=None) as batch_op:
        batch_op.add_column(sa.Column('data_items', sa.JSON(), server_default='[]',
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('vendors', schema=None) as batch_op:
        batch_op.drop_column('data_items')
