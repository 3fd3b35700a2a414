"""Static files in production: hashed names, gzip beside them, a year's immutable cache from WhiteNoise."""

import gzip
import json
import re

import pytest
from django.core.management import call_command
from django.test import Client

PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """collectstatic once, with the production storage, into a temporary STATIC_ROOT."""
    from django.conf import settings
    from django.test import override_settings

    root = tmp_path_factory.mktemp("staticfiles")
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STORAGE}}
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


def manifest(root):
    return json.loads((root / "staticfiles.json").read_text())["paths"]


def test_it_writes_hashed_names_with_gzip_beside_them(collected):
    paths = manifest(collected)
    for name in ("css/portal.css", "img/logo.svg"):
        hashed = paths[name]
        assert re.search(r"\.[0-9a-f]{12}\.", hashed), hashed
        original = (collected / hashed).read_bytes()
        assert gzip.decompress((collected / f"{hashed}.gz").read_bytes()) == original
    try:
        import brotli
    except ImportError:
        return  # brotli is optional; WhiteNoise writes .br files only when it is installed
    hashed = paths["css/portal.css"]
    assert brotli.decompress((collected / f"{hashed}.br").read_bytes()) == (collected / hashed).read_bytes()


def test_whitenoise_serves_hashed_names_for_a_year_and_compressed(collected, settings):
    settings.STATIC_ROOT = collected
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STORAGE}}
    settings.WHITENOISE_AUTOREFRESH = False
    settings.WHITENOISE_USE_FINDERS = False
    client = Client()  # builds its middleware, WhiteNoise included, with these settings
    hashed = manifest(collected)["css/portal.css"]
    response = client.get(f"/static/{hashed}", headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    # WhiteNoise's default for hashed names: ten years (its FOREVER), public, immutable.
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert int(re.search(r"max-age=(\d+)", response["Cache-Control"])[1]) >= 365 * 24 * 3600
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    body = b"".join(response.streaming_content)
    assert gzip.decompress(body) == (collected / hashed).read_bytes()
    # The unhashed name is still served, but only briefly cached: it changes with every release.
    plain = client.get("/static/css/portal.css")
    assert plain.status_code == 200
    assert "immutable" not in plain["Cache-Control"]
