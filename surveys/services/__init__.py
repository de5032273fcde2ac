"""Business rules used by views, CLI commands and jobs. No request objects here."""
