"""Demo places and postings for the Suche-Biete-Pool (fictional, written for this project).

Loaded by `manage.py load_demo_data` after the demo measures and accounts: places from
demo/places.jsonl (with coordinates for the map), postings from demo/postings.jsonl in the
marketplace import format. Some offers belong to the demo accounts so messages and the inbox
can be tried out; every place has a relay address so messages to other postings arrive too.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify

from wissensspeicher.marketplace.models import Place, PlaceKind, Posting
from wissensspeicher.marketplace.services import postings_import
from wissensspeicher.municipalities.models import ModelProject
from wissensspeicher.municipalities.selectors import municipality_resolve_name

DEMO_DIR = Path(settings.BASE_DIR) / "demo"
DEMO_DOMAIN = "demo.wissensspeicher.example"
KINDS = {str(label): key for key, label in PlaceKind.choices}
KIND_LABELS_DE = {"Stadtlabor": "stadtlabor", "Smarter Ankerort": "ankerort", "Makerspace": "makerspace",
                  "Digitallabor in der Bibliothek": "bibliothek", "Coworking und Innovationsraum": "coworking", "Reallabor": "reallabor"}


def demo_pool_present() -> bool:
    return Posting.objects.filter(is_demo=True).exists()


@transaction.atomic
def demo_pool_load() -> dict[str, int] | None:
    """Create the demo places and postings once; None if they are already there."""
    if demo_pool_present():
        return None
    projects = {p.name: p for p in ModelProject.objects.all()}
    taken = set(Place.objects.values_list("slug", flat=True))
    places = 0
    for line in (DEMO_DIR / "places.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        data = json.loads(line)
        resolved = municipality_resolve_name(data["municipality"])
        slug = base = slugify(data["name"])[:180]
        n = 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        Place.objects.create(
            name=data["name"], slug=slug, kind=KIND_LABELS_DE.get(data.get("kind", ""), PlaceKind.OTHER),
            municipality_id=resolved.municipality_id, municipality_as_written=data["municipality"],
            model_project=projects.get(data.get("model_project") or ""), address=data.get("address", ""),
            latitude=data.get("lat"), longitude=data.get("lon"), description=data.get("description", ""),
            offers=data.get("offers", ""), contact_email=f"{slug[:40]}@{DEMO_DOMAIN}", is_demo=True,
        )
        places += 1
    report = postings_import((DEMO_DIR / "postings.jsonl").read_text(encoding="utf-8").splitlines(), is_demo=True)
    if report.errors:
        raise ValueError("demo postings are invalid: " + "; ".join(str(e) for e in report.errors))
    # The demo editor owns the offers of Ulm's and Solingen's places, the demo member one need.
    users = {u.email.split("@")[0]: u for u in get_user_model().objects.filter(email__endswith="@" + DEMO_DOMAIN)}
    if "redaktion" in users:
        Posting.objects.filter(is_demo=True, kind="offer", place__municipality__name__startswith="Ulm").update(owner=users["redaktion"])
        Posting.objects.filter(is_demo=True, kind="offer", place__municipality__name__startswith="Solingen").update(owner=users["redaktion"])
    if "mitglied" in users:
        first_need = Posting.objects.filter(is_demo=True, kind="need").order_by("external_id").first()
        if first_need:
            Posting.objects.filter(pk=first_need.pk).update(owner=users["mitglied"], notify_matches=True)
    return {"places": places, "postings": report.created}
