"""The first administrator of a fresh deployment comes from `createsuperuser`."""

import pytest
from django.core.management import call_command

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_createsuperuser_makes_an_approved_admin_who_can_sign_in_at_once(client, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "first-admin-password-2026")
    call_command("createsuperuser", "--noinput", "--email", "Admin@ULSG.kg", verbosity=0)
    admin = User.objects.get()
    assert admin.email == "admin@ulsg.kg"
    assert admin.is_superuser and admin.is_staff and admin.is_approved
    response = client.post("/en/accounts/login/", {"login": "admin@ulsg.kg", "password": "first-admin-password-2026"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
