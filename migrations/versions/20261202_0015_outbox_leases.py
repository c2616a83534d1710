"""Outbox leases (claimed_by, claimed_until), one Message-ID per message; no sent links

One deliverer per message at a time, and the same Message-ID on all its attempts.

Revision ID: 0015_outbox_leases
Revises: 0014_auth_sessions
Create Date: 2026-12-02 12:00:00

Messages already in the outbox get a Message-ID made from their id and a random tag of
this upgrade. Messages already sent or given up lose every /portal/ address they still
hold (incident and request links were kept until now; issue 20, defect 4).
"""
import re
import secrets

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0015_outbox_leases'
down_revision = '0014_auth_sessions'
branch_labels = None
depends_on = None

PORTAL_LINK = re.compile(r"/portal/[^\s\"'<>]+")  # as notifications/leases.py
REMOVED = "/portal/[link removed after sending]"


def upgrade():
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('message_id', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('claimed_by', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('claimed_until', sa.DateTime(timezone=True),
                                      nullable=True))
    outbox = sa.table('outbox_messages', sa.column('id', sa.Integer),
                      sa.column('status', sa.String), sa.column('message_id', sa.String),
                      sa.column('body_text', sa.Text), sa.column('body_html', sa.Text))
    connection = op.get_bind()
    tag = secrets.token_hex(6)
    connection.execute(outbox.update().values(
        message_id='<outbox.' + sa.cast(outbox.c.id, sa.String)
        + f'.{tag}@vendorrisk.invalid>'))
    done = connection.execute(sa.select(outbox.c.id, outbox.c.body_text, outbox.c.body_html)
                              .where(outbox.c.status.in_(['sent', 'written', 'failed']),
                                     outbox.c.body_text.contains('/portal/')
                                     | outbox.c.body_html.contains('/portal/'))).all()
    for row in done:
        connection.execute(outbox.update().where(outbox.c.id == row.id).values(
            body_text=PORTAL_LINK.sub(REMOVED, row.body_text),
            body_html=PORTAL_LINK.sub(REMOVED, row.body_html)))
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.alter_column('message_id', existing_type=sa.String(length=255),
                              nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_outbox_messages_message_id'),
                                          ['message_id'])


def downgrade():
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_outbox_messages_message_id'), type_='unique')
        batch_op.drop_column('claimed_until')
        batch_op.drop_column('claimed_by')
        batch_op.drop_column('message_id')
