"""Index comments by when they were received and whether they were analysed

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 12:00:00.000000

The action and impact log counts the analysed comments received in each period for every theme-share measure;
with both columns in one index the database answers from the index alone (about 10x faster on 100,000 comments,
see bench/bench_act.py).
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.create_index('ix_comment_received_at_analysed_at', ['received_at', 'analysed_at'], unique=False)


def downgrade():
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_index('ix_comment_received_at_analysed_at')
