"""Capture: surveys, questions, responses, respondents, invitations, reminders, audio messages and cases."""
