"""Understand: comments and their analysis, imports, themes and their decisions, safeguarding, similarity."""
