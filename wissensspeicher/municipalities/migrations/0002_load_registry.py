"""Load the official registry (Destatis GV-ISys + Zensus 2022) and the 73 model projects.

Reference data belongs in every database, so `migrate` alone yields a database that accepts imports.
"""

from django.db import migrations


def load(apps, schema_editor):
    from wissensspeicher.municipalities.services import model_projects_seed, registry_seed

    State = apps.get_model("municipalities", "State")
    Municipality = apps.get_model("municipalities", "Municipality")
    ModelProject = apps.get_model("municipalities", "ModelProject")
    registry_seed(State, Municipality)
    model_projects_seed(ModelProject, State, Municipality)


def unload(apps, schema_editor):
    for name in ("ModelProject", "Municipality", "State"):
        model = apps.get_model("municipalities", name)
        if name == "Municipality":
            # Children point to parents with PROTECT: delete from the bottom up.
            for level in ("municipality", "association", "district"):
                model.objects.filter(level=level).delete()
        else:
            model.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("municipalities", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
