"""Give editors (who organize events) the permissions for news and events. Frozen here."""

from django.db import migrations

EDITOR = [
    f"{app}.{action}_{model}"
    for app, model in (("news", "news"), ("events", "event"), ("events", "material"), ("events", "registration"))
    for action in ("add", "change", "delete", "view")
]
GROUP_PERMISSIONS = {
    "editor": EDITOR,
    "ulsg_admin": ["news.view_news", "events.view_event", "events.view_registration"],
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
            for perm in perms:
                app_label, codename = perm.split(".")
                group.permissions.remove(
                    *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
                )


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial"), ("news", "0001_initial"), ("accounts", "0002_role_groups")]

    operations = [migrations.RunPython(grant, revoke)]
