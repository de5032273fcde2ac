"""The publication schedule: how often the tracker is published, and the last scheduled slot handled

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 10:00:00.000000

One settings row (cadence monthly, termly or off, at a London time). The scheduler claims each slot by moving
``last_slot_at`` forward with one conditional UPDATE, so after downtime a missed slot runs once, and two
schedulers on one database publish once. ``followed_up_version`` records the live version whose personal
follow-ups were sent. No row means the default: monthly at 09:00.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'publication_schedule',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('hour', sa.Integer(), nullable=False),
        sa.Column('minute', sa.Integer(), nullable=False),
        sa.Column('last_slot_at', sa.DateTime(), nullable=True),
        sa.Column('last_run_at', sa.DateTime(), nullable=True),
        sa.Column('last_result', sa.String(length=200), nullable=False),
        sa.Column('followed_up_version', sa.Integer(), nullable=True),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['updated_by_id'], ['staff_user.id'],
                                name=op.f('fk_publication_schedule_updated_by_id_staff_user'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_publication_schedule')),
    )


def downgrade():
    op.drop_table('publication_schedule')
