"""Cross-border provision records and Rule 18 checks

Revision ID: 0026_crossborder_records
Revises: 0025_management_reviews
Create Date: 2026-12-04 16:30:00

crossborder_records: per vendor and foreign country, the APPI Art. 28 basis with its
evidence and date, and whether a Rule 18 check suspended the provision. rule18_checks:
each periodic check of a recipient relying on a conforming system.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0026_crossborder_records'
down_revision = '0025_management_reviews'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('crossborder_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('basis', sa.Enum('consent', 'designated_country', 'conforming_contract', 'conforming_cbpr', 'not_a_provision', name='transferbasis', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('evidenced_on', sa.Date(), nullable=False),
    sa.Column('suspended', sa.Boolean(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_crossborder_records_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_crossborder_records_vendor_id_vendors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crossborder_records')),
    sa.UniqueConstraint('vendor_id', 'country', name=op.f('uq_crossborder_records_vendor_id_country'))
    )
    with op.batch_alter_table('crossborder_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_crossborder_records_vendor_id'), ['vendor_id'], unique=False)

    op.create_table('rule18_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('checked_on', sa.Date(), nullable=False),
    sa.Column('implementation', sa.Text(), nullable=False),
    sa.Column('foreign_law', sa.Text(), nullable=False),
    sa.Column('outcome', sa.Enum('continue', 'measures_required', 'suspend', name='checkoutcome', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['record_id'], ['crossborder_records.id'], name=op.f('fk_rule18_checks_record_id_crossborder_records')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_rule18_checks_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rule18_checks'))
    )
    with op.batch_alter_table('rule18_checks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rule18_checks_record_id'), ['record_id'], unique=False)


def downgrade():
    with op.batch_alter_table('rule18_checks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rule18_checks_record_id'))
    op.drop_table('rule18_checks')
    with op.batch_alter_table('crossborder_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_crossborder_records_vendor_id'))
    op.drop_table('crossborder_records')
