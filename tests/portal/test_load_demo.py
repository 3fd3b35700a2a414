"""`manage.py load_demo`: idempotent demo content, refused on a real site."""

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from accounts.roles import Role
from portal.management.commands.load_demo import DEMO_PASSWORD
from portal.models import District, Municipality, Region

pytestmark = pytest.mark.django_db

DEMO = {
    "servant@demo.kg": (Role.SERVANT, User.Status.APPROVED),
    "deputy@demo.kg": (Role.DEPUTY, User.Status.APPROVED),
    "editor@demo.kg": (Role.EDITOR, User.Status.APPROVED),
    "ulsgadmin@demo.kg": (Role.ULSG_ADMIN, User.Status.APPROVED),
    "pending@demo.kg": (None, User.Status.PENDING),
}


def test_it_refuses_when_debug_is_off_without_yes(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--yes"):
        call_command("load_demo")
    assert not User.objects.exists()


def test_it_loads_the_directory_and_one_user_per_role():
    call_command("load_demo", "--yes", verbosity=0)
    assert Region.objects.count() == 9
    assert District.objects.count() == 40
    assert Municipality.objects.filter(code__in=["kumbel-aa", "toktogul-city"]).count() == 2
    for email, (role, status) in DEMO.items():
        user = User.objects.get(email=email)
        assert user.role == role
        assert user.status == status
        assert user.check_password(DEMO_PASSWORD)


def test_it_is_idempotent():
    call_command("load_demo", "--yes", verbosity=0)
    counts = (User.objects.count(), Municipality.objects.count(), District.objects.count())
    call_command("load_demo", "--yes", verbosity=0)
    assert (User.objects.count(), Municipality.objects.count(), District.objects.count()) == counts


@pytest.mark.parametrize("email", list(DEMO))
def test_every_demo_user_can_sign_in(client, email):
    call_command("load_demo", "--yes", verbosity=0)
    response = client.post("/en/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/profile/"
