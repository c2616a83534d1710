"""Vendors already in use are imported as in use, not yet assessed, and onboarded by plan

Revision ID: 0017_onboarding
Revises: 0016_respondent_contact
Create Date: 2026-12-02 13:30:00
"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision = '0017_onboarding'
down_revision = '0016_respondent_contact'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
