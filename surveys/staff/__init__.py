"""The staff workspace: sign in, themes, actions, cases, dashboards."""
