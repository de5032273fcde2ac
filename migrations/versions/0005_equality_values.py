"""One set of equality monitoring values: rewrite stored answers and question options to the canonical values

The survey editor stored ethnic groups as slugs of their labels ("asian_or_asian_british") while the demo
surveys stored short values ("asian"), so the same answer was counted twice under two names. The canonical
values are those of surveys/services/capture/equality.py. This migration rewrites, for every question whose key
starts with ``equality_``, the values in its options and in its answers (value_text and the value_choices list).

The mapping is copied here rather than imported, so the migration keeps meaning what it meant when the app's
code moves on. It reads and writes rows in Python, which works the same on SQLite and PostgreSQL (JSON columns).

Downgrade leaves the values as they are: the old values were two inconsistent sets, and going back to them
would split answers again for no gain.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 10:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# Old value to canonical value, by question key. Values not listed (and canonical ones) stay as they are.
OLD_TO_CANONICAL = {
    "equality_ethnicity": {
        "asian_or_asian_british": "asian",
        "black_black_british_caribbean_or_african": "black",
        "mixed_or_multiple_ethnic_groups": "mixed",
        "another_ethnic_group": "other",
    },
}
PREFIX = "equality_"

question = sa.table(
    "question",
    sa.column("id", sa.Integer),
    sa.column("key", sa.String),
    sa.column("options", sa.JSON),
)
answer = sa.table(
    "answer",
    sa.column("id", sa.Integer),
    sa.column("question_id", sa.Integer),
    sa.column("value_text", sa.Text),
    sa.column("value_choices", sa.JSON),
)


def canonical(key, value):
    """The canonical value for one stored value of question ``key``."""
    return OLD_TO_CANONICAL.get(key, {}).get(value, value) if isinstance(value, str) else value


def canonical_options(key, options):
    """Options with canonical values; an option whose value now repeats an earlier one is dropped."""
    seen, result = set(), []
    for option in options or []:
        value = canonical(key, option.get("value")) if isinstance(option, dict) else option
        if isinstance(option, dict):
            option = {**option, "value": value}
        if value not in seen:
            seen.add(value)
            result.append(option)
    return result


def canonical_choices(key, choices):
    """A list of chosen values with canonical values, each once, in the order chosen."""
    if not isinstance(choices, list):
        return choices
    return list(dict.fromkeys(canonical(key, value) for value in choices))


def rewrite_equality_values(connection):
    """Rewrite equality questions' options and answers to the canonical values. Returns (questions, answers) changed."""
    rows = connection.execute(sa.select(question.c.id, question.c.key, question.c.options)).all()
    keys = {row.id: row.key for row in rows if (row.key or "").startswith(PREFIX)}
    changed_questions = 0
    for row in rows:
        if row.id in keys and (options := canonical_options(row.key, row.options)) != (row.options or []):
            connection.execute(question.update().where(question.c.id == row.id).values(options=options))
            changed_questions += 1
    return changed_questions, _rewrite_answers(connection, keys)


def _rewrite_answers(connection, keys):
    """Rewrite the answers to the equality questions (by question id), in batches of question ids."""
    changed, ids = 0, sorted(keys)
    for start in range(0, len(ids), 500):
        query = sa.select(answer.c.id, answer.c.question_id, answer.c.value_text, answer.c.value_choices).where(
            answer.c.question_id.in_(ids[start:start + 500]))
        for row in connection.execute(query).all():
            key = keys[row.question_id]
            values = {"value_text": canonical(key, row.value_text),
                      "value_choices": canonical_choices(key, row.value_choices)}
            # only what changes is written: writing None to a JSON column would store JSON null, not SQL NULL
            values = {name: value for name, value in values.items() if value != getattr(row, name)}
            if values:
                connection.execute(answer.update().where(answer.c.id == row.id).values(**values))
                changed += 1
    return changed


def upgrade():
    rewrite_equality_values(op.get_bind())


def downgrade():
    pass  # see the module's docstring: the old values are not restored
