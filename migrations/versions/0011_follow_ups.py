"""Personal follow-ups: one message per person per publication, and an unsubscribe that stops them

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 11:00:00.000000

``follow_up`` holds one row per (publication version, response): the unique constraint is the promise of at
most one message per person per publication, and the row is committed before its message goes. Only the hash of
each message's unsubscribe token is stored. ``response.follow_ups_stopped_at`` is set by the unsubscribe page.

(Written with down_revision 0007 in the brief; chained after 0009 in this branch so the branch has one head.)
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'follow_up',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('publication_version', sa.Integer(), nullable=False),
        sa.Column('response_id', sa.Integer(), nullable=False),
        sa.Column('action_ids', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('unsubscribe_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('sent_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['response_id'], ['response.id'], name=op.f('fk_follow_up_response_id_response'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up')),
        sa.UniqueConstraint('publication_version', 'response_id',
                            name=op.f('uq_follow_up_publication_version_response_id')),
        sa.UniqueConstraint('unsubscribe_hash', name=op.f('uq_follow_up_unsubscribe_hash')),
    )
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_publication_version'), ['publication_version'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_response_id'), ['response_id'], unique=False)
    with op.batch_alter_table('response', schema=None) as batch_op:
        batch_op.add_column(sa.Column('follow_ups_stopped_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('response', schema=None) as batch_op:
        batch_op.drop_column('follow_ups_stopped_at')
    with op.batch_alter_table('follow_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_response_id'))
        batch_op.drop_index(batch_op.f('ix_follow_up_publication_version'))
    op.drop_table('follow_up')
