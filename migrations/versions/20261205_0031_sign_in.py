"""Company sign-in and two-factor

Revision ID: 0031_sign_in
Revises: 0030_evidence_disposal
Create Date: 2026-12-05 01:19:02

user_identities: accounts at a company identity provider (issuer + subject) that sign
in as a user; user_recovery_codes: one-time codes standing in for the authenticator
(SHA-256); sign_in_policy: whether company sign-in is required and who the break-glass
administrator is; users.totp_*: the encrypted authenticator secret, the last step used
and the wrong codes in a row.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0031_sign_in'
down_revision = '0030_evidence_disposal'
branch_labels = None
depends_on = None


def _user_id(table: str, ondelete: str = "CASCADE", column: str = "user_id") -> list:
    return [sa.Column(column, sa.Integer(), nullable=ondelete != "CASCADE"),
            sa.ForeignKeyConstraint([column], ['users.id'],
                                    name=op.f(f'fk_{table}_{column}_users'), ondelete=ondelete)]


def upgrade():
    op.create_table(
        'sign_in_policy',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('require_sso', sa.Boolean(), nullable=False),
        *_user_id('sign_in_policy', 'SET NULL', 'break_glass_user_id'),
        sa.Column('changed_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_policy')))
    op.create_table(
        'user_identities',
        sa.Column('id', sa.Integer(), nullable=False),
        *_user_id('user_identities'),
        sa.Column('provider', sa.String(length=40), nullable=False),
        sa.Column('issuer', sa.String(length=300), nullable=False),
        sa.Column('subject', sa.String(length=255), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_user_identities')),
        sa.UniqueConstraint('issuer', 'subject',
                            name=op.f('uq_user_identities_issuer_subject')))
    op.create_index(op.f('ix_user_identities_user_id'), 'user_identities', ['user_id'])
    op.create_table(
        'user_recovery_codes',
        sa.Column('id', sa.Integer(), nullable=False),
        *_user_id('user_recovery_codes'),
        sa.Column('code_hash', sa.String(length=64), nullable=False),
        sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_user_recovery_codes')))
    op.create_index(op.f('ix_user_recovery_codes_user_id'), 'user_recovery_codes',
                    ['user_id'])
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('totp_secret', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('totp_enrolled_at', sa.DateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('totp_last_step', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('totp_failures', sa.Integer(), nullable=False,
                                      server_default='0'))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('totp_failures')
        batch_op.drop_column('totp_last_step')
        batch_op.drop_column('totp_enrolled_at')
        batch_op.drop_column('totp_secret')
    op.drop_index(op.f('ix_user_recovery_codes_user_id'), table_name='user_recovery_codes')
    op.drop_table('user_recovery_codes')
    op.drop_index(op.f('ix_user_identities_user_id'), table_name='user_identities')
    op.drop_table('user_identities')
    op.drop_table('sign_in_policy')
