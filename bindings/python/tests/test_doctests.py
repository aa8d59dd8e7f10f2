"""Runs the examples in the native module's docstrings (pytest --doctest-modules only sees .py files)."""

from __future__ import annotations

import doctest
import inspect

import qianming
from qianming import _native


def test_native_docstring_examples() -> None:
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    tests = []
    for name, obj in vars(_native).items():
        if name.startswith("_") or not (inspect.isclass(obj) or callable(obj)):
            continue
        # module=False: the objects' __module__ names the public modules, not _native.
        tests += finder.find(obj, f"_native.{name}", module=False, globs={"qianming": qianming})
    examples = sum(len(t.examples) for t in tests)
    assert examples >= 60, examples
    for t in tests:
        runner.run(t)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} native doctest examples failed"
