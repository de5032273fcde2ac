"""The models decide easy-read wording, so every page and form words a question the same way."""

import pytest

from surveys.models import Question, Survey


@pytest.mark.parametrize(("easy_read", "easy_words", "shown"), [
    (True, "Do adults listen to you?", "Do adults listen to you?"),
    (True, "", "Do staff listen to your views?"),  # no easy-read wording written: the usual wording
    (False, "Do adults listen to you?", "Do staff listen to your views?"),
])
def test_prompt_for(easy_read, easy_words, shown):
    question = Question(prompt="Do staff listen to your views?", easy_read_prompt=easy_words)
    assert question.prompt_for(easy_read) == shown


@pytest.mark.parametrize(("easy_read", "audience", "reads_easy"), [
    (True, "parent_carer", True),
    (False, "young_person", True),  # always easy read for young people
    (False, "parent_carer", False),
])
def test_reads_easy(easy_read, audience, reads_easy):
    assert Survey(easy_read=easy_read, audience=audience).reads_easy is reads_easy
