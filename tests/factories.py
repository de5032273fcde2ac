"""Small factory functions with defaults, for test data."""

from datetime import date
from itertools import count

from surveys.models import Case, Partner, User, db
from surveys.services.platform.passwords import hash_password

PASSWORD = "correct horse battery staple"
_sequence = count(1)
_password_hash = None


def _hash() -> str:
    # Argon2 is slow on purpose; one hash serves every test user.
    global _password_hash
    if _password_hash is None:
        _password_hash = hash_password(PASSWORD)
    return _password_hash


def make_partner(name: str | None = None, kind: str = "council") -> Partner:
    partner = Partner(name=name or f"Partner {next(_sequence)}", kind=kind)
    db.session.add(partner)
    db.session.commit()
    return partner


def make_user(
    role: str = "admin", partner: Partner | None = None, email: str | None = None, active: bool = True
) -> User:
    user = User(
        email=email or f"user{next(_sequence)}@example.org",
        password_hash=_hash(),
        role=role,
        partner=partner,
        active=active,
    )
    db.session.add(user)
    db.session.commit()
    return user


def make_case(partner: Partner | None = None, kind: str = "complaint", **fields) -> Case:
    values = {
        "reference": f"YS-T{next(_sequence):05d}",
        "kind": kind,
        "stage": "stage_1",
        "summary": "Late annual review",
        "details": "The annual review was three months late.",
        "received_on": date(2026, 3, 2),
        "due_on": date(2026, 3, 30),
    }
    values.update(fields)
    case = Case(partner=partner, **values)
    db.session.add(case)
    db.session.commit()
    return case


def make_survey(slug: str | None = None, audience: str = "parent_carer", **fields):
    """A survey with version 1 and two questions (a rating and a free text)."""
    from surveys.models import Question, Survey, SurveyVersion

    slug = slug or f"survey-{next(_sequence)}"
    survey = Survey(slug=slug, title=fields.pop("title", f"Survey {slug}"), audience=audience, **fields)
    version = SurveyVersion(survey=survey, number=1, intro="Tell us how it went.")
    version.questions.append(Question(position=1, key="overall", kind="rating", prompt="How did it go?",
                                      options=[{"value": str(n), "label": str(n)} for n in range(1, 6)]))
    version.questions.append(Question(position=2, key="better", kind="free_text", prompt="What could be better?"))
    db.session.add(survey)
    db.session.commit()
    return survey


def make_invitation(survey=None, **fields):
    """An invitation (with an email address unless told otherwise) and its plain token."""
    from surveys.services.capture.invitations import create_invitation

    fields.setdefault("contact_email", f"parent{next(_sequence)}@example.com")
    invitation, token = create_invitation(survey or make_survey(), **fields)
    db.session.commit()
    return invitation, token


def make_comment(raw_text: str = "The annual review was late.", source: str = "import", **fields):
    """A comment as stored after analysis; pass safeguarding_flag=True (and a reason) for a flagged one."""
    from surveys.models import Comment, utcnow

    values = {"redacted_text": raw_text, "received_at": utcnow(), "analysed_at": utcnow()}
    values.update(fields)
    comment = Comment(raw_text=raw_text, source=source, **values)
    db.session.add(comment)
    db.session.commit()
    return comment


def make_theme(label: str = "Waiting for CAMHS", comments=(), status: str = "proposed", source: str = "model",
               confidence: float = 0.9, **fields):
    """A theme holding ``comments``, placed by the model with ``confidence`` (or by a person: source="manual")."""
    from surveys.models import CommentTheme, Theme

    theme = Theme(label=label, status=status, **fields)
    db.session.add(theme)
    db.session.flush()
    db.session.add_all(CommentTheme(comment_id=comment.id, theme_id=theme.id, source=source, confidence=confidence)
                       for comment in comments)
    db.session.commit()
    return theme


def make_api_token(user=None, name: str = "Test dashboard", days: int = 30):
    """An API token for ``user`` (a new admin by default) and its plain text, for an Authorization header."""
    from surveys.services.platform.api_tokens import create_token

    token, plain = create_token(user or make_user("admin"), name, days=days)
    db.session.commit()
    return token, plain
