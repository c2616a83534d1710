"""The contract gate per classification, DPAs, and the contracts a signed record names

Revision ID: 0020_contract_gate
Revises: 0019_chain_checks
Create Date: 2026-12-02 13:30:00

contracts.type gains 'storage_terms' (storage-only cloud: the terms barring the provider
and the technical measure keeping it out) and 'provision_basis' (third-party provision:
the APPI Art. 27 ground and the Art. 29 record), with their columns; contract_reviews
holds the task each renewal opens (the clause checklist confirmed again). Downgrading
removes the two kinds' rows (and their clauses, documents and reviews go with them).
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0020_contract_gate'
down_revision = '0019_chain_checks'
branch_labels = None
depends_on = None

TYPE_CHECK = 'ck_contracts_type_contracttype'
OLD_TYPES = ('nda', 'consignment_contract', 'dpa', 'sla', 'other')
NEW_TYPES = (*OLD_TYPES, 'storage_terms', 'provision_basis')
MEASURES = ('encryption_own_keys', 'no_provider_access', 'other')
BASES = ('consent', 'law', 'life_property', 'public_health', 'public_authority',
         'academic_teaching', 'academic_research', 'academic_recipient', 'opt_out',
         'succession', 'joint_use')


def upgrade():
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.drop_constraint(op.f(TYPE_CHECK), type_='check')
        batch_op.create_check_constraint(op.f(TYPE_CHECK), sa.column('type').in_(NEW_TYPES))
        batch_op.add_column(sa.Column('no_handling_reference', sa.String(length=120),
                                      nullable=True))
        batch_op.add_column(sa.Column('technical_measure', sa.Enum(
            *MEASURES, name='technicalmeasure', native_enum=False, create_constraint=True),
            nullable=True))
        batch_op.add_column(sa.Column('technical_note', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('provision_basis', sa.Enum(
            *BASES, name='provisionbasis', native_enum=False, create_constraint=True),
            nullable=True))
        batch_op.add_column(sa.Column('basis_reference', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('provision_record', sa.String(length=300),
                                      nullable=True))
    op.create_table(
        'contract_reviews',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('contract_id', sa.Integer(), nullable=False),
        sa.Column('term_start', sa.Date(), nullable=False),
        sa.Column('reason', sa.String(length=20), nullable=False),
        sa.Column('opened_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('confirmed_by_id', sa.Integer(), nullable=True),
        sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['confirmed_by_id'], ['users.id'],
                                name=op.f('fk_contract_reviews_confirmed_by_id_users')),
        sa.ForeignKeyConstraint(['contract_id'], ['contracts.id'],
                                name=op.f('fk_contract_reviews_contract_id_contracts')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_contract_reviews')),
        sa.UniqueConstraint('contract_id', 'term_start',
                            name=op.f('uq_contract_reviews_contract_id_term_start')))
    with op.batch_alter_table('contract_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contract_reviews_contract_id'), ['contract_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('contract_reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contract_reviews_contract_id'))
    op.drop_table('contract_reviews')
    gone = "SELECT id FROM contracts WHERE type IN ('storage_terms', 'provision_basis')"
    for table in ('contract_clauses', 'contract_documents'):
        op.execute(f"DELETE FROM {table} WHERE contract_id IN ({gone})")  # noqa: S608
    op.execute("DELETE FROM contracts WHERE type IN ('storage_terms', 'provision_basis')")
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.drop_column('provision_record')
        batch_op.drop_column('basis_reference')
        batch_op.drop_column('provision_basis')
        batch_op.drop_column('technical_note')
        batch_op.drop_column('technical_measure')
        batch_op.drop_column('no_handling_reference')
        batch_op.drop_constraint(op.f(TYPE_CHECK), type_='check')
        batch_op.create_check_constraint(op.f(TYPE_CHECK), sa.column('type').in_(OLD_TYPES))
