"""JSON API with an OpenAPI description."""
