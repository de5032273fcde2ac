"""Safeguarding alerts name their comment in a column of their own

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 11:30:00.000000

Until now an alert's comment was encoded in its provider_reference ("yousaid-safeguarding-<comment id>-<random>").
The upgrade copies that id into the new comment_id column (only where the comment still exists, as the foreign
key requires); the downgrade writes the encoding back for alerts made since, so the old code still finds them.
"""
import re

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

ALERT_KIND = 'safeguarding_alert'
ENCODED = re.compile(r'^yousaid-safeguarding-(\d+)-')

notification = sa.table(
    'notification',
    sa.column('id', sa.Integer),
    sa.column('kind', sa.String),
    sa.column('provider_reference', sa.String),
    sa.column('comment_id', sa.Integer),
)
comment = sa.table('comment', sa.column('id', sa.Integer))


def upgrade():
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.add_column(sa.Column('comment_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_notification_comment_id'), ['comment_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_notification_comment_id_comment'), 'comment', ['comment_id'],
                                    ['id'], ondelete='SET NULL')
    _copy_comment_ids()


def _copy_comment_ids():
    """Set comment_id from the old encoding in provider_reference."""
    connection = op.get_bind()
    existing = set(connection.scalars(sa.select(comment.c.id)))
    alerts = connection.execute(
        sa.select(notification.c.id, notification.c.provider_reference).where(notification.c.kind == ALERT_KIND)
    ).all()
    for notification_id, reference in alerts:
        match = ENCODED.match(reference or '')
        if match and int(match.group(1)) in existing:
            connection.execute(sa.update(notification).where(notification.c.id == notification_id)
                               .values(comment_id=int(match.group(1))))


def _encode_comment_ids():
    """Write the old encoding back for alerts that lack it, so code before this revision finds their comment."""
    connection = op.get_bind()
    alerts = connection.execute(
        sa.select(notification.c.id, notification.c.provider_reference, notification.c.comment_id)
        .where(notification.c.kind == ALERT_KIND, notification.c.comment_id.is_not(None))
    ).all()
    for notification_id, reference, comment_id in alerts:
        if not ENCODED.match(reference or ''):
            encoded = f'yousaid-safeguarding-{comment_id}-{reference or ""}'[:200]
            connection.execute(sa.update(notification).where(notification.c.id == notification_id)
                               .values(provider_reference=encoded))


def downgrade():
    _encode_comment_ids()
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_notification_comment_id_comment'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_notification_comment_id'))
        batch_op.drop_column('comment_id')
