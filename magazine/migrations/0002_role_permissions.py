"""Give the editor and ULSG admin roles the magazine's permissions (accounts 0002 made
the groups before the magazine existed). Frozen here, like accounts 0002."""

from django.db import migrations

EDITOR = [
    f"magazine.{action}_{model}"
    for model in ("issue", "edition", "article", "rubric", "plan")
    for action in ("add", "change", "delete", "view")
] + [
    "magazine.view_subscription",
    "magazine.change_subscription",
    "magazine.view_purchase",
    "magazine.change_purchase",
    "magazine.view_payment",
    "magazine.confirm_payment",
    "magazine.publish_issue",
]
GROUP_PERMISSIONS = {
    "editor": EDITOR,
    "ulsg_admin": ["magazine.view_issue", "magazine.view_subscription", "magazine.view_plan"],
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
            group.permissions.remove(*Permission.objects.filter(content_type__app_label="magazine", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("magazine", "0001_initial"), ("accounts", "0002_role_groups")]

    operations = [migrations.RunPython(grant, revoke)]
