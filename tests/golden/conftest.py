"""The golden tests: their update switch.

Golden files change only on purpose: run ``pytest tests/golden --update-golden``
(or set ``COMPETENCY_UPDATE_GOLDEN=1``), then review the diff before committing.
"""

from __future__ import annotations

import os

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add --update-golden, which rewrites the golden files instead of comparing."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden render files from the current output",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the golden files are to be rewritten rather than compared."""
    flag = bool(request.config.getoption("--update-golden", default=False))
    return flag or os.environ.get("COMPETENCY_UPDATE_GOLDEN") == "1"
