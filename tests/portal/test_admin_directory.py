"""The directory in the admin: ULSG admins keep it, editors may only look, and
the translated-field tabs load nothing from a CDN."""

import pytest

pytestmark = pytest.mark.django_db


def test_ulsg_admin_edits_a_municipality_with_language_tabs_and_no_cdn(client, ulsg_admin, municipality):
    client.force_login(ulsg_admin)
    response = client.get(f"/admin/portal/municipality/{municipality.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("name_ky", "name_ru", "name_en"):
        assert f'name="{field}"' in html
    assert "vendor/jquery-ui/jquery-ui.min.js" in html
    assert "googleapis" not in html and "//ajax." not in html


def test_ulsg_admin_marks_ulsg_membership(client, ulsg_admin, municipality):
    client.force_login(ulsg_admin)
    client.post(
        "/admin/portal/municipality/",
        {"action": "unmark_members", "_selected_action": [str(municipality.pk)]},
    )
    municipality.refresh_from_db()
    assert not municipality.is_ulsg_member


def test_editor_sees_the_directory_but_cannot_change_it(client, editor, municipality):
    client.force_login(editor)
    assert client.get("/admin/portal/municipality/").status_code == 200
    response = client.post(
        f"/admin/portal/municipality/{municipality.pk}/change/",
        {"code": "x", "name_ky": "x", "kind": "city", "region": municipality.region_id},
    )
    assert response.status_code == 403
