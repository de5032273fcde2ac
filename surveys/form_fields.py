"""Form fields and checks shared by every form that asks for text or contact details."""

import re

from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import EmailField, StringField, TelField
from wtforms.validators import Length, Optional, ValidationError

EMAIL_MESSAGE = "Enter an email address in the correct format, like name@example.com"
PHONE_MESSAGE = "Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"
EMAIL = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
PHONE_PUNCTUATION = re.compile(r"[\s().-]")


def strip_text(value):
    """Trim the ends, and count a line break as one character, as the character count does."""
    return value.replace("\r\n", "\n").strip() if isinstance(value, str) else value


def uk_phone_digits(value: str) -> str | None:
    """The national number (without 0 or +44) of a UK phone number, or None if it is not one."""
    number = PHONE_PUNCTUATION.sub("", value)
    for prefix in ("+440", "+44", "00440", "0044", "0"):
        if number.startswith(prefix):
            rest = number[len(prefix):]
            return rest if rest.isascii() and rest.isdigit() and len(rest) in (9, 10) and rest[0] != "0" else None
    return None


def valid_email(form, field) -> None:
    """An email address in the usual form, or nothing."""
    if field.data and not EMAIL.match(field.data):
        raise ValidationError(EMAIL_MESSAGE)


def valid_uk_phone(form, field) -> None:
    """A UK phone number, or nothing."""
    if field.data and uk_phone_digits(field.data) is None:
        raise ValidationError(PHONE_MESSAGE)


def contact_name_field(label: str = "Full name") -> StringField:
    """An optional full name."""
    return StringField(
        label,
        widget=GovTextInput(),
        filters=[strip_text],
        validators=[Optional(), Length(max=200, message="Full name must be 200 characters or fewer")],
    )


def contact_email_field(label: str = "Email address") -> EmailField:
    """An optional email address, checked for the usual form."""
    return EmailField(
        label,
        widget=GovTextInput(),
        filters=[strip_text],
        validators=[
            Optional(), Length(max=254, message="Email address must be 254 characters or fewer"), valid_email,
        ],
    )


def contact_phone_field(label: str = "Phone number") -> TelField:
    """An optional UK phone number, written any of the usual ways."""
    return TelField(
        label,
        widget=GovTextInput(),
        filters=[strip_text],
        validators=[Optional(), Length(max=32, message=PHONE_MESSAGE), valid_uk_phone],
    )


WEB_ADDRESS_MESSAGE = "Enter a web address in the correct format, like https://www.example.org"
WEB_ADDRESS = re.compile(r"^https?://(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(?::\d{1,5})?"
                         r"(?:[/?#][^\s<>\"]*)?$")


def valid_web_address(form, field) -> None:
    """A full http or https address with a real-looking host, or nothing (no javascript: or relative links)."""
    if field.data and not WEB_ADDRESS.match(field.data):
        raise ValidationError(WEB_ADDRESS_MESSAGE)


def web_address_field(label: str = "Web address") -> StringField:
    """An optional web address, starting https:// or http://."""
    return StringField(
        label,
        widget=GovTextInput(),
        filters=[strip_text],
        validators=[Optional(), Length(max=500, message="Web address must be 500 characters or fewer"),
                    valid_web_address],
    )
