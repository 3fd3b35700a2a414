"""The fixtures of other apps' tests that the security tests use too."""

from tests.events.conftest import make_event, make_material  # noqa: F401
from tests.news.conftest import make_news  # noqa: F401
from tests.practices.sample_files import isolated_storage_fixture  # noqa: F401 (the isolated_storage fixture)
