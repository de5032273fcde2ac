"""Safeguarding decision: whether staff found a concern in a flagged comment, kept on the comment

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 14:15:00.000000

``comment.safeguarding_decision`` is "concern" (referred, or already known to a safeguarding service) or
"no_concern", from the latest review; NULL until reviewed. It is the training data for the learned second
opinion in triage (``surveys.jobs.retrain_triage_model``). Until now the outcome was only in the audit log, so
the upgrade fills it from the latest ``safeguarding_review`` event of each comment.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

_DECISIONS = {"referred": "concern", "already_known": "concern", "no_concern": "no_concern"}


def upgrade():
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('safeguarding_decision', sa.String(length=16), nullable=True))
    connection = op.get_bind()
    events = sa.table('audit_event', sa.column('id', sa.Integer), sa.column('action', sa.String),
                      sa.column('object_type', sa.String), sa.column('object_id', sa.String),
                      sa.column('detail', sa.JSON))
    comments = sa.table('comment', sa.column('id', sa.Integer), sa.column('safeguarding_decision', sa.String))
    latest = {}
    rows = connection.execute(
        sa.select(events.c.object_id, events.c.detail)
        .where(events.c.action == 'safeguarding_review', events.c.object_type == 'Comment')
        .order_by(events.c.id)
    )
    for object_id, detail in rows:
        decision = _DECISIONS.get((detail or {}).get('outcome', ''))
        if decision and object_id.isdigit():
            latest[int(object_id)] = decision
    for comment_id, decision in latest.items():
        connection.execute(sa.update(comments).where(comments.c.id == comment_id)
                           .values(safeguarding_decision=decision))


def downgrade():
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_column('safeguarding_decision')
