"""Give the editor role the library's permissions (accounts 0002 made the groups
before the library existed). Frozen here, like accounts 0002."""

from django.db import migrations

GROUP_PERMISSIONS = {
    "editor": [
        f"practices.{action}_{model}"
        for model in ("practice", "resource", "tag", "attachment", "practiceimage")
        for action in ("add", "change", "delete", "view")
    ]
    + ["practices.change_theme", "practices.view_theme", "practices.view_reviewevent", "practices.review_practice"],
    "ulsg_admin": ["practices.view_practice", "practices.view_resource", "practices.view_theme"],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, perms in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, perms in GROUP_PERMISSIONS.items():
        group = Group.objects.filter(name=role).first()
        if group:
            codenames = [perm.split(".")[1] for perm in perms]
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="practices", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [("practices", "0002_themes"), ("accounts", "0002_role_groups")]

    operations = [migrations.RunPython(grant, revoke)]
