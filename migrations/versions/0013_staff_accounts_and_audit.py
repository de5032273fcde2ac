"""Staff accounts that hold up: session generation, lockout, TOTP two-factor, one-time set-password links; the audit
log gains the request id and becomes append-only on PostgreSQL

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 14:00:00.000000

``staff_user.session_generation`` is part of every session's id, so raising it ends every copy of a session cookie.
``failed_sign_ins`` and ``locked_until`` lock an account after repeated failures, whatever address they come from.
``totp_*`` hold the two-factor secret, when it was confirmed and the last time step used (a code works once).
``set_password_hash`` is the SHA-256 of a one-time "set your password" link. ``audit_event.request_id`` ties an
event to the request's log lines. ``staff_note`` holds the free text staff wrote that events used to carry (a
safeguarding review's note, a case's earlier response): existing notes are moved there, and the events keep only
the note's id, so the log holds no personal text. Then, on PostgreSQL, a trigger refuses UPDATE and DELETE on
``audit_event``.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
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
    op.create_table(
        'staff_note',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('object_type', sa.String(length=64), nullable=False),
        sa.Column('object_id', sa.String(length=64), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_note')),
    )
    with op.batch_alter_table('staff_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_note_object_id'), ['object_id'], unique=False)
    move_notes_out_of_the_log()
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(REFUSE_FUNCTION)
        op.execute(REFUSE_TRIGGER)


EVENTS = sa.table('audit_event', sa.column('id', sa.Integer), sa.column('action', sa.String),
                  sa.column('object_type', sa.String), sa.column('object_id', sa.String),
                  sa.column('detail', sa.JSON), sa.column('created_at', sa.DateTime))
NOTES = sa.table('staff_note', sa.column('id', sa.Integer), sa.column('kind', sa.String),
                 sa.column('object_type', sa.String), sa.column('object_id', sa.String),
                 sa.column('text', sa.Text), sa.column('created_at', sa.DateTime))


def move_notes_out_of_the_log():
    """Review notes and earlier responses leave the audit events for staff_note; the events keep the note's id."""
    bind = op.get_bind()
    found = bind.execute(sa.select(EVENTS).where(EVENTS.c.action.in_(['safeguarding_review', 'case_stage_changed'])))
    for event in found.all():
        detail = dict(event.detail or {})
        if event.action == 'safeguarding_review' and 'note' in detail:
            detail['note_id'] = _keep(bind, event, 'safeguarding_review', detail.pop('note'))
        elif 'previous_response' in detail and 'response_text' in detail['previous_response']:
            previous = dict(detail['previous_response'])
            previous['response_note_id'] = _keep(bind, event, 'earlier_response', previous.pop('response_text'))
            detail['previous_response'] = previous
        else:
            continue
        bind.execute(EVENTS.update().where(EVENTS.c.id == event.id).values(detail=detail))


def _keep(bind, event, kind, text):
    if not (text or '').strip():
        return None
    insert = NOTES.insert().values(kind=kind, object_type=event.object_type, object_id=event.object_id,
                                   text=text.strip(), created_at=event.created_at)
    return bind.execute(insert.returning(NOTES.c.id)).scalar_one()


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event')
        op.execute('DROP FUNCTION IF EXISTS audit_event_append_only()')
    with op.batch_alter_table('staff_note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_note_object_id'))
    op.drop_table('staff_note')  # notes moved out of events stay out: the log is not rewritten on the way down
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_column('request_id')
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_staff_user_set_password_hash'), type_='unique')
        for column in ('set_password_expires_at', 'set_password_hash', 'totp_last_step', 'totp_confirmed_at',
                       'totp_secret', 'locked_until', 'failed_sign_ins', 'session_generation'):
            batch_op.drop_column(column)
