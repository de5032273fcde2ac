"""Public pages: the "you said, we did" tracker and the service's statements. No login."""
