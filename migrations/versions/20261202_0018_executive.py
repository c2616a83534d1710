"""Top management (executive) accepts tier-1 grade C exceptions; exceptions are time-boxed

Revision ID: 0018_executive
Revises: 0017_onboarding
Create Date: 2026-12-02 13:30:00
"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision = '0018_executive'
down_revision = '0017_onboarding'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
