"""Seed the taxonomies with the labels of the import format; moderators edit them afterwards."""

from django.db import migrations


def seed(apps, schema_editor):
    from wissensspeicher.core.text import german_slugify
    from wissensspeicher.measures.taxonomy import TAXONOMY_SEED

    for model_name, labels in TAXONOMY_SEED.items():
        model = apps.get_model("measures", model_name)
        for position, (label, label_en) in enumerate(labels, start=1):
            model.objects.get_or_create(
                label=label, defaults={"label_en": label_en, "slug": german_slugify(label), "position": position}
            )


def unseed(apps, schema_editor):
    from wissensspeicher.measures.taxonomy import TAXONOMY_SEED

    for model_name in TAXONOMY_SEED:
        apps.get_model("measures", model_name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("measures", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
