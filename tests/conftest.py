import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of the bundled dataset that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
