"""Compliments, comments and complaints: deadlines, a case's life, finding cases, wording, and importing decisions.

Import from the module that does the work: ``deadlines``, ``lifecycle``, ``queries``, ``wording`` and
``decision_import``. ``create_case`` and ``due_date`` are also named here for callers written before the split
(escalation and the demo data).
"""

from surveys.services.capture.cases.deadlines import due_date
from surveys.services.capture.cases.lifecycle import create_case

__all__ = ["create_case", "due_date"]
