"""Respondent pages: surveys by invitation or open link, and comments from the public. No login."""
