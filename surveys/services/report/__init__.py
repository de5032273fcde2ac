"""Report back: publications of the "you said, we did" tracker."""
