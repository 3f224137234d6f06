"""Build-time Python for the Sore Legs, Strong Runs site, one package per job:

build/    what `mkdocs build` runs: the MkDocs hooks (build/hooks/) and the checks they call
quiz/     the quiz compiler: YAML trees in, checked pages out (also `make check`, `make paths`)
staff/    what clinic staff and reviewers run: serve, lint, reading grade, route diff, PR summary
measure/  benchmarks and audits: `make bench`, `make audit`
"""
