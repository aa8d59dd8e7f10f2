"""Shared helpers: where the cross-language vectors live (opened by relative path)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

# tests/ → bindings/python → bindings → repository root
VECTORS = Path(__file__).resolve().parents[3] / "vectors"


def vector_files() -> List[Path]:
    return sorted(VECTORS.glob("*.json"))


def vector_cases() -> Iterator[Tuple[str, str, Dict[str, Any]]]:
    """(file name, section, case) for every case of every file."""
    for path in vector_files():
        doc = json.loads(path.read_text(encoding="utf-8"))
        for section, cases in doc.items():
            if isinstance(cases, list):
                for case in cases:
                    yield path.name, section, case
