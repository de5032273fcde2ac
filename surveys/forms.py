"""The base of every form: Flask-WTF's, taking only text into text fields and uploaded files into file fields."""

import re

from flask import request
from flask_wtf import FlaskForm
from werkzeug.datastructures import CombinedMultiDict, MultiDict
from wtforms.fields import FileField

# Control characters other than tab and line breaks, and Unicode non-characters: nobody types them, HTML may not
# contain them (a page showing them back is broken) and PostgreSQL refuses NUL in text.
NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")


def clean_text(value: str) -> str:
    """``value`` without control characters (tab and line breaks stay) or non-characters."""
    return NOT_TEXT.sub("", value)


class Form(FlaskForm):
    """A Flask-WTF form (CSRF, request data) that hands text fields only clean text, and files only to file fields.

    Flask-WTF merges every uploaded file into the form data, so a file posted under a text field's name reached
    that field's validators and broke them (a server error). A file is not text: here such a field sees nothing
    and says what is missing, as for any other bad value.
    """

    class Meta(FlaskForm.Meta):
        def wrap_formdata(self, form, formdata):
            data = super().wrap_formdata(form, formdata)
            if data is None or data is not request.form and not isinstance(data, CombinedMultiDict):
                return data  # data the view passed itself (a query string), or JSON
            text = MultiDict([(name, clean_text(value)) for name, value in request.form.items(multi=True)])
            takes_files = {name for name, field in form._fields.items() if isinstance(field, FileField)}
            files = [(name, upload) for name, upload in request.files.items(multi=True) if name in takes_files]
            return CombinedMultiDict((MultiDict(files), text)) if files else text
