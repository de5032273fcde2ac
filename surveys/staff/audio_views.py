"""Staff views for young people's audio messages: listen, and type a transcript."""

from flask import flash, redirect, render_template, send_file, url_for
from flask_login import current_user

from surveys.services.capture import audio, audio_messages
from surveys.staff import bp
from surveys.staff.access import roles_required
from surveys.staff.forms import TranscriptForm

# Roles that may read raw text (surveys.services.platform.raw_text) and do this work; admins always.
AUDIO_ROLES = ("partner_lead", "safeguarding_lead")


@bp.route("/audio")
@roles_required(*AUDIO_ROLES)
def audio_messages_list():
    """Audio messages, those waiting for a transcript first."""
    return render_template("staff/audio_list.html", messages=audio_messages.list_messages(current_user))


@bp.route("/audio/<int:message_id>", methods=["GET", "POST"])
@roles_required(*AUDIO_ROLES)
def audio_message(message_id: int):
    """Play one message and type what was said; the transcript becomes a comment for analysis."""
    message = audio_messages.get_message(current_user, message_id)
    form = TranscriptForm(transcript=message.transcript)
    if form.validate_on_submit():
        audio_messages.save_transcript(current_user, message, form.transcript.data)
        flash("Transcript saved", "success")
        return redirect(url_for("staff.audio_messages_list"))
    audio_messages.record_opened(current_user, message)
    return render_template("staff/audio_message.html", message=message, form=form)


@bp.route("/audio/<int:message_id>/file")
@roles_required(*AUDIO_ROLES)
def audio_file(message_id: int):
    """The audio itself, only to permitted staff, never cached."""
    message = audio_messages.get_message(current_user, message_id)
    audio_messages.record_listen(current_user, message)
    response = send_file(audio.audio_path(message), mimetype=message.content_type, conditional=True, max_age=0)
    response.headers["Cache-Control"] = "no-store"
    return response
