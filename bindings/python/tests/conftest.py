"""Shared helpers: where the cross-language vectors live (opened by relative path), and a real
redis-server for the replay-store tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Tuple

import pytest

if TYPE_CHECKING:
    from redis_server import RedisServer

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


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator["RedisServer"]:
    """A real redis-server on 127.0.0.1 (a free port, its own directory), stopped afterwards."""
    from redis_server import RedisServer

    server = RedisServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()
