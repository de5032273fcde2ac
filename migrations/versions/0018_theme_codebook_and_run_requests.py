"""Theme codebook (expected themes with example phrases) and re-runs of the theme engine asked for by staff

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30 14:10:00.000000

``codebook_theme`` holds the co-production lead's codebook, which seeds the theme engine when a re-run asks
for it. ``theme_run_request`` holds re-runs asked for from the themes page (more or fewer themes); the
scheduler claims a waiting one with a conditional UPDATE and runs it.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'codebook_theme',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('phrases', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_codebook_theme')),
        sa.UniqueConstraint('name', name=op.f('uq_codebook_theme_name')),
    )
    op.create_table(
        'theme_run_request',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('k', sa.Integer(), nullable=False),
        sa.Column('use_codebook', sa.Boolean(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('requested_by_id', sa.Integer(), nullable=True),
        sa.Column('requested_at', sa.DateTime(), nullable=False),
        sa.Column('started_at', sa.DateTime(), nullable=True),
        sa.Column('finished_at', sa.DateTime(), nullable=True),
        sa.Column('outcome', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['requested_by_id'], ['staff_user.id'],
                                name=op.f('fk_theme_run_request_requested_by_id_staff_user'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_theme_run_request')),
    )
    op.create_index(op.f('ix_theme_run_request_status'), 'theme_run_request', ['status'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_theme_run_request_status'), table_name='theme_run_request')
    op.drop_table('theme_run_request')
    op.drop_table('codebook_theme')
