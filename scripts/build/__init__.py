"""What `mkdocs build` runs: the MkDocs hooks (hooks/, listed in mkdocs.yml) and the checks they call."""
