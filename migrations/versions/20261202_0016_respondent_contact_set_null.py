"""A vendor contact who was sent a questionnaire can be removed: the respondent keeps its name and e-mail

Revision ID: 0016_respondent_contact
Revises: 0015_outbox_leases
Create Date: 2026-12-02 08:45:00

Removing such a contact failed with an IntegrityError (a 500): the respondent row
still referred to it.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0016_respondent_contact'
down_revision = '0015_outbox_leases'
branch_labels = None
depends_on = None

NAME = 'fk_assessment_respondents_contact_id_vendor_contacts'


def upgrade():
    with op.batch_alter_table('assessment_respondents', schema=None) as batch_op:
        batch_op.drop_constraint(NAME, type_='foreignkey')
        batch_op.create_foreign_key(NAME, 'vendor_contacts', ['contact_id'], ['id'],
                                    ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('assessment_respondents', schema=None) as batch_op:
        batch_op.drop_constraint(NAME, type_='foreignkey')
        batch_op.create_foreign_key(NAME, 'vendor_contacts', ['contact_id'], ['id'])
