"""A comment that reads like a complaint remembers what the person chose to do about it

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 10:00:00.000000

The public comment form's confirmation page offers the same gentle choice as the survey (a formal complaint,
independent advice, mediation, or keep it as feedback). The choice is kept on the case, as it is on a survey
response, so the offer is made once and a double submit does nothing twice. Existing cases have made no choice.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('feedback_case', schema=None) as batch_op:
        batch_op.add_column(sa.Column('complaint_choice', sa.String(length=24), nullable=True))


def downgrade():
    with op.batch_alter_table('feedback_case', schema=None) as batch_op:
        batch_op.drop_column('complaint_choice')
