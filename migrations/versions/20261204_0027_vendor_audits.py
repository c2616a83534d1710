"""Audits of consignees

Revision ID: 0027_vendor_audits
Revises: 0026_crossborder_records
Create Date: 2026-12-04 18:18:01

vendor_audits: each audit of a consignee (kind, purpose, day, auditors, scope, the
checklist drawn from its standard, observations, result) and the assessment it verified.
assessment_findings.audit_id: a finding raised by an audit, in the same remediation.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0027_vendor_audits'
down_revision = '0026_crossborder_records'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('vendor_audits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('on_site', 'remote', 'document', name='auditkind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('purpose', sa.Enum('periodic', 'before_go_live', 'on_demand', name='auditpurpose', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('auditors', sa.Text(), nullable=False),
    sa.Column('scope', sa.Text(), nullable=False),
    sa.Column('checklist', sa.JSON(), nullable=False),
    sa.Column('observations', sa.Text(), nullable=False),
    sa.Column('result', sa.Enum('satisfactory', 'improvement_required', 'unsatisfactory', name='auditresult', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['assessments.id'], name=op.f('fk_vendor_audits_assessment_id_assessments')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_vendor_audits_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_vendor_audits_vendor_id_vendors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor_audits'))
    )
    with op.batch_alter_table('vendor_audits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vendor_audits_held_on'), ['held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_vendor_audits_vendor_id'), ['vendor_id'], unique=False)

    with op.batch_alter_table('assessment_findings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('audit_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_assessment_findings_audit_id'), ['audit_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_assessment_findings_audit_id_vendor_audits'), 'vendor_audits', ['audit_id'], ['id'])



def downgrade():
    with op.batch_alter_table('assessment_findings', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_assessment_findings_audit_id_vendor_audits'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_assessment_findings_audit_id'))
        batch_op.drop_column('audit_id')

    with op.batch_alter_table('vendor_audits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vendor_audits_vendor_id'))
        batch_op.drop_index(batch_op.f('ix_vendor_audits_held_on'))

    op.drop_table('vendor_audits')
