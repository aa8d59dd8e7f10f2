"""When the venv's wheel predates qianming.session (a venv built before it existed), the tests
load it from the source tree: it is pure Python over the installed package's public API.
`make test` builds the wheel first, so there the installed module is the one tested."""

import importlib.util
import pathlib
import sys

try:
    import qianming.session  # noqa: F401
except ImportError:
    source = pathlib.Path(__file__).resolve().parents[2] / "bindings/python/python/qianming/session.py"
    spec = importlib.util.spec_from_file_location("qianming.session", source)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["qianming.session"] = module
    spec.loader.exec_module(module)
    print(f"conftest: qianming.session loaded from {source} (the installed wheel predates it)")
