"""Privacy and data integrity: a complaint choice bound to its offer, one complaint per response, retention rules

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 14:00:00.000000

``response.complaint_offered`` records that the complaint choice was offered at submission (a choice is taken
only then); ``feedback_case.response_id`` becomes unique, so a survey response makes at most one formal complaint
however many clicks arrive at once, and ``feedback_case.raw_text_removed_at`` marks a case whose words the
retention job has redacted; ``retention_rule`` holds how long each class of personal data is kept.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('response', schema=None) as batch_op:
        batch_op.add_column(sa.Column('complaint_offered', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('feedback_case', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_case_response_id'))
        batch_op.create_index(batch_op.f('ix_feedback_case_response_id'), ['response_id'], unique=True)
        batch_op.add_column(sa.Column('raw_text_removed_at', sa.DateTime(), nullable=True))
    op.create_table(
        'retention_rule',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('data_class', sa.String(length=32), nullable=False),
        sa.Column('keep_days', sa.Integer(), nullable=True),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['updated_by_id'], ['staff_user.id'],
                                name=op.f('fk_retention_rule_updated_by_id_staff_user'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_retention_rule')),
        sa.UniqueConstraint('data_class', name=op.f('uq_retention_rule_data_class')),
    )


def downgrade():
    op.drop_table('retention_rule')
    with op.batch_alter_table('feedback_case', schema=None) as batch_op:
        batch_op.drop_column('raw_text_removed_at')
        batch_op.drop_index(batch_op.f('ix_feedback_case_response_id'))
        batch_op.create_index(batch_op.f('ix_feedback_case_response_id'), ['response_id'], unique=False)
    with op.batch_alter_table('response', schema=None) as batch_op:
        batch_op.drop_column('complaint_offered')
