"""Reports kept as they were made: the board report before each board meeting and the annual report

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 12:30:00.000000

A board report is made on demand or by the scheduler a week before each board meeting, and kept with the day it
was made (its HTML and its PDF), so the board pack can be found again exactly as it was sent. The annual
"you said, we did" report for the Local Offer is kept the same way.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'report',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('for_date', sa.Date(), nullable=False),
        sa.Column('made_at', sa.DateTime(), nullable=False),
        sa.Column('made_by_id', sa.Integer(), nullable=True),
        sa.Column('html', sa.Text(), nullable=False),
        sa.Column('pdf', sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(['made_by_id'], ['staff_user.id'], name=op.f('fk_report_made_by_id_staff_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_report')),
    )
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_for_date'), ['for_date'], unique=False)


def downgrade():
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_for_date'))
        batch_op.drop_index(batch_op.f('ix_report_kind'))
    op.drop_table('report')
