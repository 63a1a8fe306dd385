import shutil
from pathlib import Path

import pytest

from citemap.basemap import load_basemap
from citemap.dataset import load
from citemap.index import DatasetIndex

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of the bundled dataset that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="session")
def index() -> DatasetIndex:
    """The bundled dataset, loaded once, with its lookups: read-only, so tests may share it."""
    return DatasetIndex(load(DATA))


@pytest.fixture(scope="session")
def basemap():
    """The bundled offline basemap (data/geo)."""
    return load_basemap(DATA / "geo")
