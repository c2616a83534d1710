"""A vendor suspended while in use, not yet assessed, remembers it

Revision ID: 0021_suspended_unassessed
Revises: 0020_contract_gate
Create Date: 2026-12-02 14:30:00

vendors.suspended_unassessed: set when a person suspends a vendor in use, not yet
assessed; while set, the vendor can only go back to in use (docs/rules.md, "Status by
hand"). Vendors suspended before this revision are marked from their audit trail: the
last 'vendor.updated' event that changed the status moved it from in_use_unassessed.
"""
import json

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0021_suspended_unassessed'
down_revision = '0020_contract_gate'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('vendors', schema=None) as batch_op:
        batch_op.add_column(sa.Column('suspended_unassessed', sa.Boolean(),
                                      server_default=sa.false(), nullable=False))
    _mark_suspended_vendors()


def _mark_suspended_vendors():
    """The vendors suspended now whose last status change left in_use_unassessed."""
    bind = op.get_bind()
    suspended = [row[0] for row in bind.execute(sa.text(
        "SELECT id FROM vendors WHERE status = 'suspended'"))]
    marked = []
    for vendor_id in suspended:
        events = bind.execute(sa.text(
            "SELECT details FROM audit_events WHERE action = 'vendor.updated' "
            "AND object_type = 'vendor' AND object_id = :id ORDER BY id DESC"),
            {"id": str(vendor_id)})
        for (details,) in events:
            change = (_json(details) or {}).get("status")
            if change:
                if change[0] == 'in_use_unassessed':
                    marked.append(vendor_id)
                break
    if marked:
        bind.execute(sa.text("UPDATE vendors SET suspended_unassessed = :yes "
                             "WHERE id IN :ids").bindparams(
            sa.bindparam("ids", expanding=True)), {"yes": True, "ids": marked})


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


def downgrade():
    with op.batch_alter_table('vendors', schema=None) as batch_op:
        batch_op.drop_column('suspended_unassessed')
