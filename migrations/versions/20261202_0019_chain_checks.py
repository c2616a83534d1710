"""Where data is handled includes the approved chain; sub-consignee approval needs an evaluation

Revision ID: 0019_chain_checks
Revises: 0018_executive
Create Date: 2026-12-02 13:30:00
"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision = '0019_chain_checks'
down_revision = '0018_executive'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
