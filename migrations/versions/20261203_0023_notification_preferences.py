"""Hand-off notices: each user's choice of immediate mail or a daily digest; Reply-To

Revision ID: 0023_notification_preferences
Revises: 0022_standard_governance
Create Date: 2026-12-03 08:10:00

users.notification_mode: how a user hears of hand-offs (a questionnaire submitted, a
decision waiting for a signature): "immediate" (an e-mail each, the behaviour until now,
and what every existing user keeps) or "digest" (one e-mail a day). The notices waiting
for a digest are kept in notification_digest_items. outbox_messages.reply_to: where a
recipient's reply goes (an e-mail to a vendor names the assessment's owner); messages
queued before this revision have none, as before.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0023_notification_preferences'
down_revision = '0022_standard_governance'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'notification_mode',
            sa.Enum('immediate', 'digest', name='notificationmode', native_enum=False,
                    create_constraint=True),
            server_default='immediate', nullable=False))
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reply_to', sa.String(length=254), nullable=True))
    op.create_table('notification_digest_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=60), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('link', sa.String(length=500), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('object_type', sa.String(length=60), nullable=False),
    sa.Column('object_id', sa.String(length=80), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notification_digest_items_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification_digest_items'))
    )
    with op.batch_alter_table('notification_digest_items', schema=None) as batch_op:
        batch_op.create_index('ix_notification_digest_items_waiting', ['user_id', 'sent_at'], unique=False)


def downgrade():
    with op.batch_alter_table('notification_digest_items', schema=None) as batch_op:
        batch_op.drop_index('ix_notification_digest_items_waiting')
    op.drop_table('notification_digest_items')
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_column('reply_to')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('notification_mode')
