"""Incidents at consignees with their timeline and each vendor's standing link; individuals' requests and the task each holding consignee answers

Revision ID: 0012_incidents
Revises: 0011_report_runs
Create Date: 2026-12-01 10:09:10.512322

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_incidents'
down_revision = '0011_report_runs'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('data_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('disclosure', 'correction', 'deletion', 'suspension', 'stop_third_party', name='requestkind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('reference', sa.String(length=120), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('open', 'closed', name='requeststatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_data_requests_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_requests'))
    )
    with op.batch_alter_table('data_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_data_requests_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_data_requests_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_data_requests_status'), ['status'], unique=False)

    op.create_table('data_request_tasks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.Enum('pending', 'done', 'not_held', 'refused', name='taskoutcome', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('answered_by_name', sa.String(length=200), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('evidence_sha256', sa.String(length=64), nullable=True),
    sa.Column('evidence_filename', sa.String(length=255), nullable=True),
    sa.Column('evidence_content_type', sa.String(length=120), nullable=True),
    sa.Column('evidence_size', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_data_request_tasks_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['request_id'], ['data_requests.id'], name=op.f('fk_data_request_tasks_request_id_data_requests')),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_data_request_tasks_vendor_id_vendors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_request_tasks')),
    sa.UniqueConstraint('request_id', 'vendor_id', name=op.f('uq_data_request_tasks_request_id_vendor_id')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_data_request_tasks_token_hash'))
    )
    with op.batch_alter_table('data_request_tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_data_request_tasks_outcome'), ['outcome'], unique=False)
        batch_op.create_index(batch_op.f('ix_data_request_tasks_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_data_request_tasks_vendor_id'), ['vendor_id'], unique=False)

    op.create_table('incident_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['issued_by_id'], ['users.id'], name=op.f('fk_incident_links_issued_by_id_users')),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_incident_links_vendor_id_vendors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incident_links')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_incident_links_token_hash')),
    sa.UniqueConstraint('vendor_id', name=op.f('uq_incident_links_vendor_id'))
    )
    op.create_table('incidents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('open', 'closed', name='incidentstatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('source', sa.Enum('vendor_link', 'staff', name='incidentsource', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('reporter_name', sa.String(length=200), nullable=False),
    sa.Column('reporter_contact', sa.String(length=254), nullable=True),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('consignee_aware_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('notified_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('aware_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('special_care', sa.Boolean(), nullable=False),
    sa.Column('financial_damage_risk', sa.Boolean(), nullable=False),
    sa.Column('wrongful_purpose', sa.Boolean(), nullable=False),
    sa.Column('individuals', sa.Integer(), nullable=True),
    sa.Column('overview', sa.Text(), nullable=False),
    sa.Column('data_items', sa.Text(), nullable=False),
    sa.Column('cause', sa.Text(), nullable=False),
    sa.Column('secondary_damage', sa.Text(), nullable=False),
    sa.Column('response_to_individuals', sa.Text(), nullable=False),
    sa.Column('public_announcement', sa.Text(), nullable=False),
    sa.Column('recurrence_prevention', sa.Text(), nullable=False),
    sa.Column('other', sa.Text(), nullable=False),
    sa.Column('reportable', sa.Boolean(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('warn_on', sa.Date(), nullable=True),
    sa.Column('preliminary_due', sa.DateTime(timezone=True), nullable=True),
    sa.Column('final_due', sa.DateTime(timezone=True), nullable=True),
    sa.Column('preliminary_reported_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('final_reported_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('close_note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_incidents_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_incidents_vendor_id_vendors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents'))
    )
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incidents_reportable'), ['reportable'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_vendor_id'), ['vendor_id'], unique=False)

    op.create_table('incident_updates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('author_label', sa.String(length=250), nullable=False),
    sa.Column('from_vendor', sa.Boolean(), nullable=False),
    sa.Column('shared', sa.Boolean(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_incident_updates_author_id_users')),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_incident_updates_incident_id_incidents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incident_updates'))
    )
    with op.batch_alter_table('incident_updates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_updates_incident_id'), ['incident_id'], unique=False)



def downgrade():
    with op.batch_alter_table('incident_updates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_updates_incident_id'))

    op.drop_table('incident_updates')
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incidents_vendor_id'))
        batch_op.drop_index(batch_op.f('ix_incidents_status'))
        batch_op.drop_index(batch_op.f('ix_incidents_reportable'))

    op.drop_table('incidents')
    op.drop_table('incident_links')
    with op.batch_alter_table('data_request_tasks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_data_request_tasks_vendor_id'))
        batch_op.drop_index(batch_op.f('ix_data_request_tasks_request_id'))
        batch_op.drop_index(batch_op.f('ix_data_request_tasks_outcome'))

    op.drop_table('data_request_tasks')
    with op.batch_alter_table('data_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_data_requests_status'))
        batch_op.drop_index(batch_op.f('ix_data_requests_kind'))
        batch_op.drop_index(batch_op.f('ix_data_requests_due_on'))

    op.drop_table('data_requests')
