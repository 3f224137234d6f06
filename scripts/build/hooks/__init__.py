"""The MkDocs hooks, one file per build concern (mkdocs.yml lists them, in order)."""
