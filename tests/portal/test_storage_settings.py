"""S3-compatible media storage (django-storages): what the environment switches on, what it refuses,
and how a protected file leaves a bucket (a redirect to a short-lived signed URL, after the check).

Settings are loaded in a subprocess with the environment under test; nothing here touches a network
(boto3 signs URLs locally)."""

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.test import RequestFactory, override_settings

from magazine.models import Edition
from portal.files import protected_file_response

ROOT = Path(__file__).resolve().parents[2]
JAN_2026 = datetime.date(2026, 1, 1)

# Run in the subprocess: the storages' options, two URLs the storages build, or the refusal.
PROBE = """
import json, sys
from django.core.exceptions import ImproperlyConfigured
try:
    from django.conf import settings
    settings.STORAGES
except ImproperlyConfigured as exc:
    print(json.dumps({"error": str(exc)}))
    sys.exit(0)
from django.core.files.storage import storages
out = {"STORAGES": settings.STORAGES, "MEDIA_URL": settings.MEDIA_URL}
if "s3" in settings.STORAGES["default"]["BACKEND"]:
    out["public_url"] = storages["default"].url("covers/a b.jpg")
    out["private_url"] = storages["private"].url("editions/x.pdf", expire=60)
print(json.dumps(out, default=str))
"""

BUCKET = {
    "AWS_STORAGE_BUCKET_NAME": "portal-media",
    "AWS_S3_REGION_NAME": "eu-central-1",
    "AWS_ACCESS_KEY_ID": "AKIAEXAMPLEEXAMPLE00",
    "AWS_SECRET_ACCESS_KEY": "example-secret-example-secret-example-00",
}


def load_settings(**env):
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AWS_")
        and key not in {"MEDIA_URL", "SERVE_MEDIA", "PRIVATE_MEDIA_X_ACCEL_REDIRECT", "DJANGO_SETTINGS_MODULE"}
    }
    clean |= {"DJANGO_SETTINGS_MODULE": "portal.settings", "SECRET_KEY": "storage-test", "DEBUG": "0"}
    clean |= {"AWS_EC2_METADATA_DISABLED": "true", "AWS_CONFIG_FILE": os.devnull}
    done = subprocess.run(  # noqa: S603 (this interpreter, a fixed script)
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean | env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_it_keeps_both_storages_on_the_local_disk_without_a_bucket():
    loaded = load_settings()
    assert loaded["STORAGES"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert loaded["STORAGES"]["private"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert loaded["MEDIA_URL"] == "/media/"


def test_it_moves_public_media_to_public_objects_with_a_long_cache():
    loaded = load_settings(**BUCKET, AWS_S3_CUSTOM_DOMAIN="media.portal.example")
    default = loaded["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    options = default["OPTIONS"]
    assert options["bucket_name"] == "portal-media"
    assert options["region_name"] == "eu-central-1"
    assert options["custom_domain"] == "media.portal.example"
    assert options["querystring_auth"] is False
    assert options["default_acl"] == "public-read"
    assert options["file_overwrite"] is False
    assert options["object_parameters"] == {"CacheControl": "public, max-age=604800"}
    # MEDIA_URL follows the custom domain (the Content-Security-Policy allows images from there).
    assert loaded["MEDIA_URL"] == "https://media.portal.example/"
    assert loaded["public_url"] == "https://media.portal.example/covers/a%20b.jpg"


def test_it_keeps_private_files_private_with_short_signed_urls():
    loaded = load_settings(**BUCKET, AWS_S3_CUSTOM_DOMAIN="media.portal.example")
    private = loaded["STORAGES"]["private"]
    assert private["BACKEND"] == "storages.backends.s3.S3Storage"
    options = private["OPTIONS"]
    assert options["bucket_name"] == "portal-media"
    assert options["location"] == "private"  # a prefix of its own in the shared bucket
    assert options["custom_domain"] is None  # never through the public CDN
    assert options["querystring_auth"] is True
    assert options["querystring_expire"] == 60
    assert options["default_acl"] == "private"
    url = loaded["private_url"]
    assert url.startswith("https://portal-media.s3.")
    assert "/private/editions/x.pdf?" in url
    assert "X-Amz-Signature=" in url
    assert "X-Amz-Expires=60" in url


def test_it_puts_private_files_in_a_bucket_of_their_own_when_given_one():
    loaded = load_settings(
        **BUCKET,
        AWS_PRIVATE_STORAGE_BUCKET_NAME="portal-private",
        AWS_S3_OBJECT_ACLS="0",
        PRIVATE_MEDIA_URL_EXPIRE="30",
    )
    public, private = loaded["STORAGES"]["default"]["OPTIONS"], loaded["STORAGES"]["private"]["OPTIONS"]
    assert private["bucket_name"] == "portal-private"
    assert private["location"] == ""
    assert private["querystring_expire"] == 30
    # Buckets with ACLs disabled: the bucket policy decides, no ACL is sent.
    assert public["default_acl"] is None
    assert private["default_acl"] is None
    assert loaded["MEDIA_URL"] == "https://portal-media.s3.eu-central-1.amazonaws.com/"


def test_it_speaks_to_an_s3_compatible_server_at_its_endpoint():
    loaded = load_settings(
        AWS_STORAGE_BUCKET_NAME="media",
        AWS_S3_ENDPOINT_URL="http://minio.internal:9000/",
        AWS_ACCESS_KEY_ID="minio",
        AWS_SECRET_ACCESS_KEY="minio-secret",
        AWS_LOCATION="public",
    )
    options = loaded["STORAGES"]["default"]["OPTIONS"]
    assert options["endpoint_url"] == "http://minio.internal:9000"
    assert options["addressing_style"] == "path"
    assert options["location"] == "public"
    assert loaded["MEDIA_URL"] == "http://minio.internal:9000/media/public/"
    assert loaded["public_url"] == "http://minio.internal:9000/media/public/covers/a%20b.jpg"
    assert loaded["private_url"].startswith("http://minio.internal:9000/media/private/editions/x.pdf?")


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"AWS_S3_CUSTOM_DOMAIN": "media.portal.example"}, "AWS_STORAGE_BUCKET_NAME"),
        ({"AWS_S3_ENDPOINT_URL": "http://minio:9000"}, "AWS_STORAGE_BUCKET_NAME"),
        ({**BUCKET, "AWS_SECRET_ACCESS_KEY": ""}, "AWS_SECRET_ACCESS_KEY"),
        ({**BUCKET, "AWS_ACCESS_KEY_ID": ""}, "AWS_ACCESS_KEY_ID"),
        ({**BUCKET, "AWS_S3_ENDPOINT_URL": "minio:9000"}, "AWS_S3_ENDPOINT_URL"),
        ({**BUCKET, "AWS_S3_CUSTOM_DOMAIN": "https://media.portal.example"}, "AWS_S3_CUSTOM_DOMAIN"),
        ({**BUCKET, "AWS_S3_OBJECT_ACLS": "0"}, "AWS_PRIVATE_STORAGE_BUCKET_NAME"),
        ({**BUCKET, "AWS_S3_OBJECT_ACLS": "maybe"}, "AWS_S3_OBJECT_ACLS"),
        ({**BUCKET, "AWS_PRIVATE_LOCATION": "/"}, "AWS_PRIVATE_LOCATION"),
        ({**BUCKET, "AWS_LOCATION": "files", "AWS_PRIVATE_LOCATION": "files"}, "AWS_PRIVATE_LOCATION"),
        ({**BUCKET, "PRIVATE_MEDIA_X_ACCEL_REDIRECT": "/protected/"}, "PRIVATE_MEDIA_X_ACCEL_REDIRECT"),
        ({**BUCKET, "SERVE_MEDIA": "1"}, "SERVE_MEDIA"),
        ({**BUCKET, "PRIVATE_MEDIA_URL_EXPIRE": "0"}, "PRIVATE_MEDIA_URL_EXPIRE"),
        ({"SERVE_MEDIA": "sometimes"}, "SERVE_MEDIA"),
    ],
)
def test_it_refuses_a_bad_combination_and_names_the_variable(env, named):
    loaded = load_settings(**env)
    assert named in loaded.get("error", ""), loaded


class SignedStorage(Storage):
    """A stand-in for S3Storage: files somewhere else, reachable only by a signed URL."""

    def __init__(self, names=()):
        self.calls, self.files = [], dict.fromkeys(names, b"")

    def _save(self, name, content):
        self.files[name] = content.read()
        return name

    def _open(self, name, mode="rb"):
        return ContentFile(self.files[name], name=name)

    def exists(self, name):
        return name in self.files

    def size(self, name):
        return len(self.files[name])

    def url(self, name, parameters=None, expire=None):
        self.calls.append((name, parameters, expire))
        return f"https://bucket.example/{name}?X-Amz-Expires={expire}&X-Amz-Signature=abc"


class FakeFile:
    def __init__(self, storage, name):
        self.storage, self.name = storage, name


@override_settings(PRIVATE_MEDIA_URL_EXPIRE=45)
def test_a_file_in_a_bucket_is_a_redirect_to_a_signed_url_kept_in_no_cache():
    storage = SignedStorage(["editions/x.pdf"])
    request = RequestFactory().get("/download/")
    response = protected_file_response(
        request, FakeFile(storage, "editions/x.pdf"), filename="Отчёт «1».pdf", content_type="application/pdf"
    )
    assert response.status_code == 302
    assert response["Location"] == "https://bucket.example/editions/x.pdf?X-Amz-Expires=45&X-Amz-Signature=abc"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    [(name, parameters, expire)] = storage.calls
    assert expire == 45
    # The bucket sends the file under the same name and type as the app would.
    assert parameters["ResponseContentType"] == "application/pdf"
    assert parameters["ResponseContentDisposition"].startswith('attachment; filename="Otchyot 1.pdf"; ')
    assert parameters["ResponseCacheControl"] == "private, no-store"


@pytest.mark.parametrize(
    "filename",
    ['say "hi".pdf', "two\r\nlines.pdf", "Отчет.pdf", "a\x00b.pdf", "../../etc/passwd", "ü" * 300 + ".pdf"],
)
def test_the_download_name_makes_a_safe_header(filename):
    from portal.files import content_disposition

    header = content_disposition(filename)
    assert header.isascii()
    assert not any(ch in header for ch in "\r\n\x00")
    assert header.count('"') == 2  # the fallback name's own quotes, nothing inside
    fallback = header.split('"')[1]
    assert "/" not in fallback and "\\" not in fallback


@pytest.mark.django_db
class TestBehindTheCheck:
    @pytest.fixture(autouse=True)
    def bucket(self, monkeypatch):
        storage = SignedStorage()
        # The edition's FieldFile takes its storage from the field.
        monkeypatch.setattr(Edition._meta.get_field("file"), "storage", storage)
        return storage

    def test_an_entitled_reader_is_sent_to_the_signed_url(self, client, servant, make_order, plans, make_issue):
        issue = make_issue(2026, 3, editions=("ru",))
        make_order(servant, plan=plans["electronic"], starts_on=JAN_2026)
        client.force_login(servant)
        response = client.get("/ru/magazine/2026/3/pdf/ru/")
        assert response.status_code == 302
        assert response["Location"].startswith("https://bucket.example/")
        assert response["Cache-Control"] == "private, no-store"
        assert issue.editions.get().file.name in response["Location"]

    def test_the_anonymous_reader_is_refused_before_any_url_is_signed(self, client, bucket, make_issue):
        make_issue(2026, 3, editions=("ru",))
        response = client.get("/ru/magazine/2026/3/pdf/ru/")
        assert response.status_code == 403
        assert "bucket.example" not in response.content.decode()
        assert bucket.calls == []

    def test_a_member_without_the_right_is_refused_too(self, client, servant, bucket, make_issue):
        make_issue(2026, 3, editions=("ru",))
        client.force_login(servant)
        assert client.get("/ru/magazine/2026/3/pdf/ru/").status_code == 403
        assert bucket.calls == []
