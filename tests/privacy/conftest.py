import pytest

from tests.privacy.foreign import ForeignServer


@pytest.fixture
def foreign():
    with ForeignServer() as running:
        yield running
