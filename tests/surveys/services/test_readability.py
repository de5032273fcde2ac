"""Readability checks for easy-read wording: texts in, findings out."""

import subprocess
import sys
import textwrap

from surveys.services.capture import readability

EASY = "We want to know what you think. You can ask someone to help you."
HARD = "The multidisciplinary assessment necessitates comprehensive documentation."
LONG = "You can ask someone to help you and you can tell us anything that you want about school and home and friends."


def test_easy_wording_has_no_findings():
    texts = [("Introduction", EASY), ("Question 1", "Did someone help you?"), ("Answer", "Prefer not to say")]
    assert readability.check_easy_read(texts) == []


def test_short_lines_of_familiar_words_are_not_flagged_for_their_syllables():
    for label in ("Another adult", "Female", "Neither good nor poor", "Very good"):
        assert readability.reading_age(label) <= readability.EASY_READ_AGES[1], label


def test_hard_wording_says_the_reading_age_it_needs():
    [finding] = readability.check_easy_read([("Question 2", f"{EASY} {HARD}")])
    assert finding.where == "Question 2" and finding.text == HARD
    assert finding.too_hard and finding.reading_age >= 13
    assert finding.messages[0] == (
        f"This line needs a reading age of about {finding.reading_age}{' or over' if finding.reading_age == 18 else ''}"
        ". Easy read should suit a reading age of 7 to 9."
    )
    assert "multidisciplinary" in finding.hard_words


def test_long_sentences_are_flagged_with_their_word_count():
    [finding] = readability.check_easy_read([("Introduction", LONG)])
    assert finding.too_long and finding.words == 22
    assert "This sentence has 22 words. Easy-read sentences should have 15 words or fewer." in finding.messages


def test_findings_come_hardest_first():
    findings = readability.check_easy_read([("Introduction", LONG), ("Question 1", HARD)])
    assert [f.where for f in findings] == ["Question 1", "Introduction"]


def test_sentences_split_on_full_stops_and_new_lines():
    assert readability.sentences("One. Two?\nThree!  \n\n Four") == ["One.", "Two?", "Three!", "Four"]
    assert readability.sentences("") == []


def test_nothing_is_downloaded_at_run_time():
    """textstat 0.7.9 and later download a dictionary through nltk on first use; ours must not."""
    script = textwrap.dedent(
        """
        import socket

        def refuse(*args, **kwargs):
            raise SystemExit("tried to use the network")

        socket.socket.connect = refuse
        socket.create_connection = refuse
        from surveys.services.capture import readability
        findings = readability.check_easy_read([("Intro", "The multidisciplinary assessment necessitates it.")])
        print(findings[0].reading_age)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) > 9
