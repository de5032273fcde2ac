"""Co-production sign-off of tracker entries, and which process is building a publication

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 12:30:00.000000

An approval records that a partnership lead or a parent carer forum representative approved (or dissented from)
one version of a theme or action entry, identified by a fingerprint of what would be published. A publication
remembers the process building it, so that a build left by a process that died is cleaned up at the next run.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'approval',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('entry_kind', sa.String(length=10), nullable=False),
        sa.Column('entry_id', sa.Integer(), nullable=False),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('side', sa.String(length=12), nullable=False),
        sa.Column('approved', sa.Boolean(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('decided_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['staff_user.id'], name=op.f('fk_approval_user_id_staff_user'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_approval')),
    )
    op.create_index('ix_approval_entry', 'approval', ['entry_kind', 'entry_id'], unique=False)
    with op.batch_alter_table('publication', schema=None) as batch_op:
        batch_op.add_column(sa.Column('built_by', sa.String(length=120), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('publication', schema=None) as batch_op:
        batch_op.drop_column('built_by')
    op.drop_index('ix_approval_entry', table_name='approval')
    op.drop_table('approval')
