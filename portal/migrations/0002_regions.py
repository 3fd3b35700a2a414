"""The nine top-level regions of the Kyrgyz Republic, with their ISO 3166-2 codes.

The data is frozen here on purpose (no import of app code), so the migration
keeps working whatever later happens to the models. update_or_create by code
makes it safe to run on a database that already has some of the regions.
"""

from django.db import migrations

# code, kind, order, Kyrgyz, Russian, English
REGIONS = [
    ("KG-B", "oblast", 1, "Баткен облусу", "Баткенская область", "Batken Oblast"),
    ("KG-C", "oblast", 2, "Чүй облусу", "Чуйская область", "Chuy Oblast"),
    ("KG-Y", "oblast", 3, "Ысык-Көл облусу", "Иссык-Кульская область", "Issyk-Kul Oblast"),
    ("KG-J", "oblast", 4, "Жалал-Абад облусу", "Джалал-Абадская область", "Jalal-Abad Oblast"),
    ("KG-N", "oblast", 5, "Нарын облусу", "Нарынская область", "Naryn Oblast"),
    ("KG-O", "oblast", 6, "Ош облусу", "Ошская область", "Osh Oblast"),
    ("KG-T", "oblast", 7, "Талас облусу", "Таласская область", "Talas Oblast"),
    ("KG-GB", "city", 8, "Бишкек шаары", "город Бишкек", "Bishkek City"),
    ("KG-GO", "city", 9, "Ош шаары", "город Ош", "Osh City"),
]


def create_regions(apps, schema_editor):
    Region = apps.get_model("portal", "Region")
    for code, kind, order, name_ky, name_ru, name_en in REGIONS:
        Region.objects.update_or_create(
            code=code,
            defaults={
                # Historical models know nothing of modeltranslation: fill the
                # original column with the default language (Kyrgyz) ourselves.
                "name": name_ky,
                "name_ky": name_ky,
                "name_ru": name_ru,
                "name_en": name_en,
                "kind": kind,
                "order": order,
            },
        )


def delete_unused_regions(apps, schema_editor):
    Region = apps.get_model("portal", "Region")
    District = apps.get_model("portal", "District")
    Municipality = apps.get_model("portal", "Municipality")
    codes = [row[0] for row in REGIONS]
    used = set(District.objects.values_list("region__code", flat=True)) | set(
        Municipality.objects.values_list("region__code", flat=True)
    )
    Region.objects.filter(code__in=[code for code in codes if code not in used]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_regions, delete_unused_regions),
    ]
