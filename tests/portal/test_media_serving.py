"""SERVE_MEDIA: the app serves public media itself (one machine, no proxy), with a long cache and
validators, from MEDIA_ROOT only."""

import os

import pytest
from django.http import Http404
from django.test import override_settings

from portal.media import media_file

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def media(tmp_path, settings):
    root = tmp_path / "media"
    (root / "covers").mkdir(parents=True)
    (root / "covers" / "cover.png").write_bytes(PNG)
    (root / "covers" / "drawing.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    (root / "covers" / "page.html").write_text("<script>alert(1)</script>")
    (root / ".secret").write_text("hidden")
    (tmp_path / "settings.py").write_text("SECRET_KEY = 'x'")
    settings.MEDIA_ROOT = root
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    settings.SERVE_MEDIA = True
    return root


def test_it_serves_a_public_file_with_a_long_public_cache(client, media):
    response = client.get("/media/covers/cover.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "public, max-age=604800"
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" not in response.get("Content-Disposition", "")


def test_it_answers_304_to_a_reader_who_has_the_file(client, media):
    first = client.get("/media/covers/cover.png")
    again = client.get("/media/covers/cover.png", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["Cache-Control"] == "public, max-age=604800"
    since = client.get("/media/covers/cover.png", headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304


def test_a_changed_file_gets_a_new_etag(client, media):
    first = client.get("/media/covers/cover.png")["ETag"]
    path = media / "covers" / "cover.png"
    path.write_bytes(PNG + b"more")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    response = client.get("/media/covers/cover.png", headers={"If-None-Match": first})
    assert response.status_code == 200
    assert response["ETag"] != first


@override_settings(MEDIA_CACHE_SECONDS=60)
def test_the_cache_lifetime_is_a_setting(client, media):
    assert client.get("/media/covers/cover.png")["Cache-Control"] == "public, max-age=60"


def test_head_answers_without_the_body(client, media):
    response = client.head("/media/covers/cover.png")
    assert response.status_code == 200
    assert response["Content-Length"] == str(len(PNG))


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_other_methods_are_refused(client, media, method):
    assert getattr(client, method)("/media/covers/cover.png").status_code == 405


def test_nothing_is_served_while_serve_media_is_off(client, media, settings):
    settings.SERVE_MEDIA = False
    assert client.get("/media/covers/cover.png").status_code == 404


def test_a_missing_file_is_404(client, media):
    assert client.get("/media/covers/none.png").status_code == 404
    assert client.get("/media/covers/").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "../settings.py",
        "covers/../../settings.py",
        "%2e%2e/settings.py",
        "..%2fsettings.py",
        "/etc/passwd",
        "covers/%00cover.png",
        ".secret",
        "covers/..",
    ],
)
def test_it_refuses_to_leave_media_root(client, media, path):
    assert client.get(f"/media/{path}").status_code == 404


@pytest.mark.parametrize("path", ["../settings.py", "/etc/passwd", "covers/\x00.png", ".secret", "covers/../../x"])
def test_the_lookup_refuses_paths_out_of_media_root(media, path):
    with pytest.raises(Http404):
        media_file(path)


def test_a_link_out_of_media_root_is_refused(client, media, tmp_path):
    (media / "covers" / "link.py").symlink_to(tmp_path / "settings.py")
    assert client.get("/media/covers/link.py").status_code == 404


def test_private_files_inside_media_root_are_never_served(client, media, settings):
    private = media / "private"
    private.mkdir()
    (private / "paid.pdf").write_bytes(b"%PDF-1.4 paid")
    settings.PRIVATE_MEDIA_ROOT = private
    assert client.get("/media/private/paid.pdf").status_code == 404


@pytest.mark.parametrize("name", ["drawing.svg", "page.html"])
def test_files_a_browser_would_run_are_downloaded_not_shown(client, media, name):
    response = client.get(f"/media/covers/{name}")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
