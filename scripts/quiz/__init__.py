"""The quiz-tree compiler: YAML decision trees in, a checked plain model out.

Knows nothing of MkDocs, so the build hook, the staff CLI (`python -m
scripts.quiz`) and the tests all call the same functions:

    from scripts.quiz import compile_all, TreeError
    trees = compile_all("quiz", articles={"causes/index.md", ...})   # or raises TreeError
"""
import sys

try:   # what the compiler needs: the pinned packages of requirements.txt
    import jsonschema, markdown, nh3, yaml  # noqa: E401, F401
except ModuleNotFoundError as missing:
    _main = getattr(sys.modules.get("__main__"), "__spec__", None)
    if sys.argv[:1] == ["-m"] or (_main and _main.name.startswith("scripts.")):   # a staff command: no traceback
        raise SystemExit(f"This Python does not have the package {missing.name!r} the quiz checks need. "
                         "Run `make check` instead (it installs them into .venv/), or use .venv/bin/python.") from None
    raise

from .compile import compile_all, compile_dir, compile_files, compile_tree, validate
from .errors import Problem, TreeError
from .loader import load
from .model import VERDICTS, Answer, Outcome, Path, Question, Step, Tree

__all__ = ["compile_all", "compile_dir", "compile_files", "compile_tree", "validate", "load", "Problem", "TreeError",
           "VERDICTS", "Answer", "Outcome", "Path", "Question", "Step", "Tree"]
