"""MkDocs hook: Material's templates are compiled once, not at every build.

Jinja compiles each of the theme's ~70 templates to Python before it can render
a page: about a fifth of a build of this site, spent again at every build
(`make serve` builds after each save, the tests build often). Jinja's own
bytecode cache keeps the compiled code in a folder of the user's temporary
directory, per template, and checks it against the template's text, so an
edited override is compiled afresh.
"""
from __future__ import annotations

import jinja2


def on_env(env: jinja2.Environment, config, files) -> jinja2.Environment:
    env.bytecode_cache = jinja2.FileSystemBytecodeCache()
    return env
