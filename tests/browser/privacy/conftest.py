import pytest

from tests.browser.privacy.foreign import ForeignServer


@pytest.fixture
def foreign():
    with ForeignServer() as running:
        yield running
