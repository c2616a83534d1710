"""Management reviews and their actions

Revision ID: 0025_management_reviews
Revises: 0024_finding_edits
Create Date: 2026-12-04 16:00:00

management_reviews: the meeting (fiscal year, day, participants), its inputs (the annual
summary's report run and stored file, other inputs), its decisions, and the earlier
actions it followed up as they stood then. management_review_actions: each action with
its owner, due date and closure.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0025_management_reviews'
down_revision = '0024_finding_edits'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('management_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('participants', sa.Text(), nullable=False),
    sa.Column('summary_run_id', sa.Integer(), nullable=True),
    sa.Column('summary_sha256', sa.String(length=64), nullable=False),
    sa.Column('summary_filename', sa.String(length=200), nullable=False),
    sa.Column('other_inputs', sa.Text(), nullable=False),
    sa.Column('decisions', sa.Text(), nullable=False),
    sa.Column('follow_up', sa.JSON(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_management_reviews_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['summary_run_id'], ['report_runs.id'], name=op.f('fk_management_reviews_summary_run_id_report_runs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_management_reviews'))
    )
    with op.batch_alter_table('management_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_management_reviews_held_on'), ['held_on'], unique=False)

    op.create_table('management_review_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('open', 'done', name='actionstatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.Column('closing_note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['closed_by_id'], ['users.id'], name=op.f('fk_management_review_actions_closed_by_id_users')),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_management_review_actions_owner_id_users')),
    sa.ForeignKeyConstraint(['review_id'], ['management_reviews.id'], name=op.f('fk_management_review_actions_review_id_management_reviews')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_management_review_actions'))
    )
    with op.batch_alter_table('management_review_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_management_review_actions_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_management_review_actions_review_id'), ['review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_management_review_actions_status'), ['status'], unique=False)


def downgrade():
    with op.batch_alter_table('management_review_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_management_review_actions_status'))
        batch_op.drop_index(batch_op.f('ix_management_review_actions_review_id'))
        batch_op.drop_index(batch_op.f('ix_management_review_actions_owner_id'))
    op.drop_table('management_review_actions')
    with op.batch_alter_table('management_reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_management_reviews_held_on'))
    op.drop_table('management_reviews')
