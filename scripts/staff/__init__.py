"""What clinic staff and reviewers run by hand or in CI: serve, lint, reading grade, route diff, PR summary."""
