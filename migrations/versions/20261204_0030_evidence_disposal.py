"""Evidence disposed of after its retention period

Revision ID: 0030_evidence_disposal
Revises: 0029_vendor_sites
Create Date: 2026-12-04 18:53:03

assessment_evidence.disposed_at: when the retention job deleted the content of a
superseded assessment's evidence file; the row and its hash stay for the signed record.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0030_evidence_disposal'
down_revision = '0029_vendor_sites'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('assessment_evidence', schema=None) as batch_op:
        batch_op.add_column(sa.Column('disposed_at', sa.DateTime(timezone=True),
                                      nullable=True))


def downgrade():
    with op.batch_alter_table('assessment_evidence', schema=None) as batch_op:
        batch_op.drop_column('disposed_at')
