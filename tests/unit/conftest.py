import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from fakeserver import FakeServer  # noqa: E402


@pytest.fixture
def fake():
    """fake(reply_fn) -> a running FakeServer; stopped after the test."""
    made = []

    def make(reply, tls=None):
        s = FakeServer(reply, tls=tls)
        made.append(s)
        return s

    yield make
    for s in made:
        s.stop()
