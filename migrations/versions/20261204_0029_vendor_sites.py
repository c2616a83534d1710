"""Handling sites of a vendor

Revision ID: 0029_vendor_sites
Revises: 0028_data_items
Create Date: 2026-12-04 18:43:09

vendor_sites: each place where a vendor handles our data (name, address, country, what
is done there), in one of the countries of its profile.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0029_vendor_sites'
down_revision = '0028_data_items'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('vendor_sites',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('handled', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_vendor_sites_vendor_id_vendors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor_sites'))
    )
    with op.batch_alter_table('vendor_sites', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vendor_sites_vendor_id'), ['vendor_id'], unique=False)



def downgrade():
    with op.batch_alter_table('vendor_sites', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vendor_sites_vendor_id'))

    op.drop_table('vendor_sites')
