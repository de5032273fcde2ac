"""Staff accounts that hold up: session generation, lockout, TOTP two-factor, one-time set-password links; the audit
log gains the request id and becomes append-only on PostgreSQL

Revision ID: 0013
Revises: 0011
Create Date: 2026-11-30 14:00:00.000000

``staff_user.session_generation`` is part of every session's id, so raising it ends every copy of a session cookie.
``failed_sign_ins`` and ``locked_until`` lock an account after repeated failures, whatever address they come from.
``totp_*`` hold the two-factor secret, when it was confirmed and the last time step used (a code works once).
``set_password_hash`` is the SHA-256 of a one-time "set your password" link. ``audit_event.request_id`` ties an
event to the request's log lines. On PostgreSQL a trigger refuses UPDATE and DELETE on ``audit_event``.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0011'
branch_labels = None
depends_on = None

REFUSE_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql
"""
REFUSE_TRIGGER = """
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()
"""


def upgrade():
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_generation', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('failed_sign_ins', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('locked_until', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('totp_secret', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('totp_confirmed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('totp_last_step', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('set_password_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('set_password_expires_at', sa.DateTime(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_staff_user_set_password_hash'), ['set_password_hash'])
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('request_id', sa.String(length=64), server_default='', nullable=False))
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(REFUSE_FUNCTION)
        op.execute(REFUSE_TRIGGER)


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event')
        op.execute('DROP FUNCTION IF EXISTS audit_event_append_only()')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_column('request_id')
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_staff_user_set_password_hash'), type_='unique')
        for column in ('set_password_expires_at', 'set_password_hash', 'totp_last_step', 'totp_confirmed_at',
                       'totp_secret', 'locked_until', 'failed_sign_ins', 'session_generation'):
            batch_op.drop_column(column)
