"""`mkdocs build` for the tests, run as the command line runs it: MkDocs' own
click command, in a process of its own, with the build's environment, folder,
exit code and output. But the process is forked from a server that has
imported MkDocs, Material, Markdown and the libraries our hooks use once, where
`python -m mkdocs` imported them again at every build: a quarter of the CPU of
a build of the site.

Nothing of this project is imported in the server (a copy of the project built
by a test uses its own scripts/), nor mkdocs.__main__, whose log formatter
reads the terminal's width as it is imported: the child imports it once its
output goes to a file, as a subprocess's goes to a pipe.
"""
from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import tempfile
from pathlib import Path

PRELOAD = [
    "mkdocs.commands.build", "mkdocs.config.defaults", "mkdocs.structure.pages", "mkdocs.structure.nav",
    "mkdocs.contrib.search", "mkdocs.utils.templates", "mkdocs.livereload",
    "material.plugins.search.plugin", "material.extensions.emoji",
    "markdown", "markdown.extensions.admonition", "markdown.extensions.attr_list", "markdown.extensions.md_in_html",
    "markdown.extensions.tables", "markdown.extensions.toc", "markdown.extensions.sane_lists",
    "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.emoji",
    "jinja2", "jsonschema", "referencing", "yaml", "nh3", "babel.dates", "pathspec", "tinycss2", "rjsmin", "rcssmin",
    "pygments", "backrefs", "bs4", "colorama",
]

_server = None


def _context():
    global _server
    if _server is None:
        _server = multiprocessing.get_context("forkserver")
        _server.set_forkserver_preload(PRELOAD)
    return _server


def run(args: list[str], cwd: Path, env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
    """`python -m mkdocs *args` in `cwd` with `env` (and its PYTHONPATH's
    sitecustomize), its output captured as text."""
    with tempfile.TemporaryDirectory(prefix="mkdocs-run-") as folder:
        out, err = Path(folder, "stdout"), Path(folder, "stderr")
        child = _context().Process(target=_child, args=(args, str(cwd), env, str(out), str(err)))
        child.start()
        child.join(timeout)
        if child.exitcode is None:
            child.kill()
            child.join()
            raise subprocess.TimeoutExpired(["mkdocs", *args], timeout)
        return subprocess.CompletedProcess(["mkdocs", *args], child.exitcode,
                                           out.read_text(encoding="utf-8", errors="replace"),
                                           err.read_text(encoding="utf-8", errors="replace"))


def _child(args: list[str], cwd: str, env: dict[str, str], out: str, err: str) -> None:
    for fd, path in ((1, out), (2, err)):
        os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    # sys.path as `python -m` makes it: the folder, PYTHONPATH, then Python's own.
    extra = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    own = [p for p in sys.path if p.startswith((sys.prefix, sys.base_prefix, sys.exec_prefix))]
    sys.path[:] = [cwd, *extra, *own]
    import logging
    import runpy
    import traceback

    code: int = 1
    try:
        custom = next((Path(p, "sitecustomize.py") for p in extra if Path(p, "sitecustomize.py").is_file()), None)
        if custom:
            runpy.run_path(str(custom))
        import mkdocs.__main__ as main
        sys.argv = [main.__file__, *args]
        main.cli.main(args=args, prog_name="python -m mkdocs")
        code = 0
    except SystemExit as exit:
        if isinstance(exit.code, str):
            print(exit.code, file=sys.stderr)
        code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    except BaseException:
        traceback.print_exc()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
