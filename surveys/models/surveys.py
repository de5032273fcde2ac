"""Survey definitions: a survey has numbered versions; answers point at the version they answered."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from surveys.models.base import UTCDateTime, db, utcnow

AUDIENCES = {
    "parent_carer": "Parents and carers",
    "young_person": "Young people",
    "practitioner": "Practitioners",
    "anyone": "Anyone",
}

QUESTION_KINDS = (
    "rating",  # labelled points, for example 1 (very poor) to 5 (very good)
    "symbol_scale",  # smiley or symbol scale, always with text labels
    "single_choice",
    "multiple_choice",
    "yes_no",
    "free_text",
    "consent",
    "equality",  # equality monitoring question, always with "prefer not to say"
    "audio",  # a recorded or uploaded audio message instead of typing
)


class Survey(db.Model):
    """A survey as staff know it; its questions live in versions."""

    __tablename__ = "survey"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    audience: Mapped[str] = mapped_column(String(32))
    easy_read: Mapped[bool] = mapped_column(Boolean, default=False)
    open_link: Mapped[bool] = mapped_column(Boolean, default=True)  # anyone may answer without a token
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    versions: Mapped[list["SurveyVersion"]] = relationship(
        back_populates="survey", order_by="SurveyVersion.number", cascade="all, delete-orphan"
    )

    @property
    def current_version(self) -> "SurveyVersion | None":
        """The newest version, which new respondents answer."""
        return self.versions[-1] if self.versions else None

    @property
    def reads_easy(self) -> bool:
        """Easy-read wording and layout apply: easy-read surveys, and every survey for young people."""
        return bool(self.easy_read or self.audience == "young_person")


class SurveyVersion(db.Model):
    """A frozen set of questions; editing a survey that has answers makes a new version."""

    __tablename__ = "survey_version"
    __table_args__ = (UniqueConstraint("survey_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    intro: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    survey: Mapped[Survey] = relationship(back_populates="versions")
    questions: Mapped[list["Question"]] = relationship(
        back_populates="version", order_by="Question.position", cascade="all, delete-orphan"
    )


class Question(db.Model):
    """One question of a survey version."""

    __tablename__ = "question"
    __table_args__ = (UniqueConstraint("version_id", "key"), UniqueConstraint("version_id", "position"))

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("survey_version.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    prompt: Mapped[str] = mapped_column(Text)
    easy_read_prompt: Mapped[str] = mapped_column(Text, default="")
    hint: Mapped[str] = mapped_column(Text, default="")
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    # [{"value": "5", "label": "Very good", "symbol": "happy"}], for choices and scales; a symbol is a picture name
    options: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    max_length: Mapped[int | None] = mapped_column(Integer)
    condition_key: Mapped[str | None] = mapped_column(String(64))  # show only when that answer ...
    condition_value: Mapped[str | None] = mapped_column(String(200))  # ... has this value
    page: Mapped[int] = mapped_column(Integer, default=1)
    # a symbol question's scale (surveys.services.capture.symbols.SCALES); None for other kinds
    symbols: Mapped[str | None] = mapped_column(String(32))
    # an easy-read question's read-aloud recording, stored privately like audio messages (its file name)
    read_aloud: Mapped[str | None] = mapped_column(String(64))

    version: Mapped[SurveyVersion] = relationship(back_populates="questions")

    def prompt_for(self, easy_read: bool) -> str:
        """The wording to show: the easy-read wording where easy read applies and it has been written."""
        if easy_read and self.easy_read_prompt:
            return self.easy_read_prompt
        return self.prompt
