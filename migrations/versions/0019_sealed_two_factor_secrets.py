"""Two-factor secrets stored sealed (encrypted): the column is wide enough for the sealed form

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-30 17:00:00.000000

Secrets already stored in plain are sealed by the app the next time they are used (``sealing.py``): sealing needs
the app's key, which a migration does not have.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('staff_user') as batch_op:
        batch_op.alter_column('totp_secret', existing_type=sa.String(length=64), type_=sa.String(length=255),
                              existing_nullable=True)


def downgrade():
    # A sealed secret does not fit the old column: those people enrol again.
    op.execute("UPDATE staff_user SET totp_secret = NULL, totp_confirmed_at = NULL, totp_last_step = NULL "
               "WHERE length(totp_secret) > 64")
    with op.batch_alter_table('staff_user') as batch_op:
        batch_op.alter_column('totp_secret', existing_type=sa.String(length=255), type_=sa.String(length=64),
                              existing_nullable=True)
