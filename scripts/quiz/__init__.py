"""The quiz-tree compiler: YAML decision trees in, a checked plain model out.

Knows nothing of MkDocs, so the build hook, the staff CLI (`python -m
scripts.quiz`) and the tests all call the same functions:

    from scripts.quiz import compile_all, TreeError
    trees = compile_all("quiz", articles={"causes/index.md", ...})   # or raises TreeError
"""
from .compile import compile_all, compile_dir, compile_files, compile_tree, validate
from .errors import Problem, TreeError
from .loader import load
from .model import VERDICTS, Answer, Outcome, Path, Question, Step, Tree

__all__ = ["compile_all", "compile_dir", "compile_files", "compile_tree", "validate", "load", "Problem", "TreeError",
           "VERDICTS", "Answer", "Outcome", "Path", "Question", "Step", "Tree"]
