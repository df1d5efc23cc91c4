"""Seed the synonym groups moderators maintain in the admin (from search/data/synonyms_de.txt)."""

from pathlib import Path

from django.db import migrations

SOURCE = Path(__file__).resolve().parent.parent / "data" / "synonyms_de.txt"


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    groups = []
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            groups.append(SynonymGroup(terms=" | ".join(t.strip() for t in line.split("|") if t.strip())))
    SynonymGroup.objects.bulk_create(groups)


def unseed(apps, schema_editor):
    apps.get_model("search", "SynonymGroup").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
