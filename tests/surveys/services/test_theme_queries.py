"""Reading themes: quotes chosen in one place, never flagged, public only when publishable; lookups raise NotFound."""

import pytest

from surveys.services.platform.errors import NotFound
from surveys.services.understand import theme_queries as queries
from tests.factories import make_comment, make_theme


def comment(text: str, **fields):
    return make_comment(text, redacted_text=fields.pop("redacted_text", text), **fields)


def test_public_quotes_are_consented_unflagged_and_only_for_a_reviewed_public_theme(app_context):
    said = comment("Waited a year for CAMHS", consent_quote=True)
    unconsented = comment("No help from CAMHS for months")
    flagged = comment("CAMHS so slow she wants to hurt herself", consent_quote=True, safeguarding_flag=True)
    theme = make_theme(comments=[said, unconsented, flagged], status="reviewed", public=True)
    assert queries.public_quotes(theme, limit=20) == [said.redacted_text]
    theme.public = False
    assert queries.public_quotes(theme) == []
    theme.public, theme.status = True, "proposed"
    assert queries.public_quotes(theme) == []


def test_public_quotes_put_the_engines_picks_first_and_repeat_no_words(app_context):
    first, same, picked = (comment(text, consent_quote=True) for text in ("Late taxi", "Late taxi", "Nobody replied"))
    theme = make_theme(comments=[first, same, picked], status="reviewed", public=True,
                       signature={"quotes": [{"comment": picked.id}]})
    assert queries.public_quotes(theme) == ["Nobody replied", "Late taxi"]


def test_staff_quotes_show_consented_comments_first_and_never_flagged_ones(app_context):
    unconsented = comment("Emails go unanswered")
    consented = comment("The caseworker never replies", consent_quote=True)
    flagged = comment("I am frightened he will hurt himself", consent_quote=True, safeguarding_flag=True)
    theme = make_theme(comments=[unconsented, consented, flagged])
    assert queries.staff_quotes(theme) == [consented, unconsented]
    assert queries.count_members(theme) == 2 and queries.count_members(theme, flagged=True) == 1


def test_lookups_raise_not_found_for_what_may_not_be_shown(app_context):
    flagged = comment("He hits her", safeguarding_flag=True)
    shown = comment("Transport was late")
    theme = make_theme(comments=[flagged, shown])
    assert queries.get_theme(theme.id) == theme and queries.theme_member(theme, shown.id) == shown
    assert queries.queue_comment(shown.id) == shown
    for lookup in (lambda: queries.get_theme(theme.id + 1), lambda: queries.theme_member(theme, flagged.id),
                   lambda: queries.queue_comment(flagged.id), lambda: queries.queue_comment(999_999)):
        with pytest.raises(NotFound):
            lookup()
