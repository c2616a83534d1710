"""The contract gate per classification, DPAs, and the contracts a signed record names

Revision ID: 0020_contract_gate
Revises: 0019_chain_checks
Create Date: 2026-12-02 13:30:00
"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision = '0020_contract_gate'
down_revision = '0019_chain_checks'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
