"""The durable outbox: messages and background work written with the data that causes them

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 14:00:00.000000

``outbox_item`` holds one row per message to send or piece of background work (analysing a comment, retraining
the theme assigner). It is written in the same transaction as the data that causes it, so nothing is sent for
work rolled back and nothing is lost for work committed; ``flask worker`` claims, does and retries the items.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'outbox_item',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('payload', sa.JSON(), nullable=False),
        sa.Column('priority', sa.SmallInteger(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('max_attempts', sa.Integer(), nullable=False),
        sa.Column('available_at', sa.DateTime(), nullable=False),
        sa.Column('claimed_by', sa.String(length=80), nullable=True),
        sa.Column('claimed_at', sa.DateTime(), nullable=True),
        sa.Column('finished_at', sa.DateTime(), nullable=True),
        sa.Column('last_error', sa.Text(), nullable=False),
        sa.Column('notifier', sa.String(length=16), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_item')),
    )
    with op.batch_alter_table('outbox_item', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_item_due', ['status', 'priority', 'available_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_item_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_item_created_at'), ['created_at'], unique=False)


def downgrade():
    with op.batch_alter_table('outbox_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_item_created_at'))
        batch_op.drop_index(batch_op.f('ix_outbox_item_kind'))
        batch_op.drop_index('ix_outbox_item_due')
    op.drop_table('outbox_item')
