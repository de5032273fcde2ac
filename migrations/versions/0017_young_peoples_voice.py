"""Young people's voice: a scale for each symbol question, read-aloud recordings, and codes to come back later

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30 14:00:00.000000

``question.symbols`` names a symbol question's scale (three faces, five faces, thumbs, yes / no / not sure).
Every existing symbol question gets "three_faces", what they all showed before, and its options' emoji
characters become the names of the SVG pictures that replace them (a character we do not know is dropped, so
the option shows its word only). ``question.read_aloud`` is the private file name of a recording staff attach to
an easy-read question. ``resume_code`` keeps the hash of each "save and come back later" code.
"""
import json

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

EMOJI_NAMES = {"😀": "happy", "😃": "happy", "🙂": "happy", "😄": "very_happy", "😐": "ok", "🙁": "sad",
               "☹️": "sad", "😞": "very_sad", "👍": "thumbs_up", "👎": "thumbs_down", "✅": "yes", "❌": "no",
               "❓": "not_sure"}
NAME_EMOJI = {"happy": "😀", "ok": "😐", "sad": "🙁", "very_happy": "😄", "very_sad": "😞", "thumbs_up": "👍",
              "thumbs_down": "👎", "yes": "✅", "no": "❌", "not_sure": "❓"}


def rewrite_symbols(connection, mapping: dict[str, str]) -> int:
    """Map each symbol question's option symbols through ``mapping`` (unknown ones are dropped); how many changed."""
    question = sa.table('question', sa.column('id', sa.Integer), sa.column('kind', sa.String),
                        sa.column('options', sa.JSON))
    rows = connection.execute(sa.select(question.c.id, question.c.options).where(question.c.kind == 'symbol_scale'))
    changed_questions = 0
    for question_id, options in rows.fetchall():
        if isinstance(options, str):
            options = json.loads(options)
        changed = []
        for option in options or []:
            option = dict(option)
            symbol = mapping.get(str(option.pop('symbol', '') or ''))
            if symbol:
                option['symbol'] = symbol
            changed.append(option)
        if changed != options:
            connection.execute(question.update().where(question.c.id == question_id).values(options=changed))
            changed_questions += 1
    return changed_questions


def upgrade():
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.add_column(sa.Column('symbols', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('read_aloud', sa.String(length=64), nullable=True))
    op.execute("UPDATE question SET symbols = 'three_faces' WHERE kind = 'symbol_scale'")
    rewrite_symbols(op.get_bind(), EMOJI_NAMES)
    op.create_table(
        'resume_code',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('response_id', sa.Integer(), nullable=False),
        sa.Column('code_hash', sa.String(length=64), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('used_at', sa.DateTime(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['response_id'], ['response.id'], name=op.f('fk_resume_code_response_id_response'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_resume_code')),
        sa.UniqueConstraint('code_hash', name=op.f('uq_resume_code_code_hash')),
    )
    with op.batch_alter_table('resume_code', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resume_code_response_id'), ['response_id'], unique=False)


def downgrade():
    with op.batch_alter_table('resume_code', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resume_code_response_id'))
    op.drop_table('resume_code')
    rewrite_symbols(op.get_bind(), NAME_EMOJI)
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_column('read_aloud')
        batch_op.drop_column('symbols')
