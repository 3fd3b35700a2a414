"""Create a group for each role of DESIGN.md with its permissions.

Groups are data, so a deployment can adjust them in the admin afterwards;
running this again only adds what is missing.
"""

from django.db import migrations

# Frozen here (not imported from accounts.roles) so that this migration means the
# same thing forever; later changes to the roles come as new migrations.
GROUP_PERMISSIONS = {
    "servant": [],
    "deputy": [],
    "editor": ["portal.view_region", "portal.view_district", "portal.view_municipality"],
    "ulsg_admin": [
        "accounts.view_user",
        "accounts.change_user",
        "accounts.approve_member",
        "portal.view_region",
        "portal.add_district",
        "portal.change_district",
        "portal.view_district",
        "portal.add_municipality",
        "portal.change_municipality",
        "portal.view_municipality",
    ],
}


def create_role_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; the groups need them now.
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


def remove_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=list(GROUP_PERMISSIONS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("portal", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_role_groups, remove_role_groups)]
