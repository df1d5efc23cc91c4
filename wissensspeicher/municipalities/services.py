"""Writes of reference data: the official registry and the 73 model projects.

Both run from data migrations, so they take the (historical) model classes as arguments.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from wissensspeicher.core.text import german_slugify
from wissensspeicher.municipalities.registry import RegistryRow, load_registry
from wissensspeicher.municipalities.resolver import NameResolver

DATA_DIR = Path(__file__).resolve().parent / "data"
MPSC_CSV = DATA_DIR / "mpsc.csv"

# Official suffixes that are not part of the name people use ("Soest, Stadt" -> "Soest").
_SUFFIX = re.compile(r",\s*[^,]+$")

# Where the source's member column does not name registry entries, the members we link instead.
MEMBER_OVERRIDES: dict[str, list[str]] = {
    "Süderbrarup (Amt)": ["Amt Süderbrarup"],
    "Barleben (Gemeinde)": ["Barleben"],
    "Eichenzell (Gemeinde)": ["Eichenzell"],
    "Landkreis Wunsiedel i. Fichtelgebirge": ["Landkreis Wunsiedel i. Fichtelgebirge"],
    "Gemeinde Ringelai und Ilzer Land": ["Ringelai"],
    # A regional planning association across three Länder: no single registry entry stands for it.
    "Verband Region Rhein-Neckar": [],
}


def short_name(official: str) -> str:
    """The name without its official suffix ("Menden (Sauerland), Stadt" -> "Menden (Sauerland)")."""
    return _SUFFIX.sub("", official).strip() if "," in official else official.strip()


def registry_seed(state_model, municipality_model, rows: list[RegistryRow] | None = None) -> int:
    """Write the 16 Länder and every Kreis, Gemeindeverband and Gemeinde; returns the number of entries."""
    rows = rows if rows is not None else load_registry()
    states = {}
    for row in rows:
        if row.level == "state":
            states[row.key] = state_model.objects.create(code=row.key, name=row.name, slug=german_slugify(row.name))
    by_key = {}
    # Parents first, so every child can point to an existing row.
    for level in ("district", "association", "municipality"):
        batch = []
        for row in rows:
            if row.level != level:
                continue
            parent = by_key.get(row.parent_key)
            entry = municipality_model(
                key=row.key,
                level=level,
                ags=row.ags if level == "municipality" else (row.ags or ""),
                ars=row.ars,
                name=row.name,
                short_name=short_name(row.name),
                kind=row.kind,
                kind_code=row.kind_code,
                state=states[row.state_code],
                parent=parent,
                area_km2=round(row.area_km2, 2) if row.area_km2 is not None else None,
                population=row.population,
                population_source=row.population_source,
                postcode=row.postcode or "",
                latitude=row.latitude,
                longitude=row.longitude,
                urbanisation=row.urbanisation or "",
            )
            batch.append(entry)
        municipality_model.objects.bulk_create(batch, batch_size=1000)
        # Re-read to learn primary keys on every backend.
        by_key.update({m.key: m for m in municipality_model.objects.filter(level=level)})
    return len(by_key)


def _member_names(row: dict[str, str]) -> list[str]:
    name = row["name"]
    if name in MEMBER_OVERRIDES:
        return MEMBER_OVERRIDES[name]
    members = row["mitglieder"].strip()
    if not members:
        return [name]
    names = []
    for part in members.split(";"):
        # Drop notes such as "(lead)" or "(+ Stadtwerke Osnabrück, SWO Netz)".
        cleaned = re.sub(r"\s*\((?:lead|\+[^)]*)\)\s*$", "", part.strip())
        if cleaned:
            names.append(cleaned)
    return names


def model_projects_seed(model_project_model, state_model, municipality_model, csv_path: Path = MPSC_CSV) -> list[str]:
    """Write the 73 model projects with their Länder and member municipalities; returns unresolved member names."""
    resolver = NameResolver.from_registry(load_registry())
    states = {s.name: s for s in state_model.objects.all()}
    municipalities = {m.key: m for m in municipality_model.objects.all()}
    unresolved = []
    with csv_path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            project_states = [states[s.strip()] for s in row["bundesland"].split(";")]
            project = model_project_model.objects.create(
                name=row["name"],
                slug=german_slugify(row["name"]),
                cohort=int(row["staffel"]),
                category=row["kategorie_bewerbung"],
                members_note=row["mitglieder"],
                source_url=row["source_name_staffel_kategorie"] if row["source_name_staffel_kategorie"].startswith("http") else "",
            )
            project.states.set(project_states)
            members = []
            for member in _member_names(row):
                result = None
                for state in project_states:
                    candidate = resolver.resolve(member, state=state.name)
                    if candidate.status == "resolved":
                        result = candidate
                        break
                if result is None or result.match is None:
                    unresolved.append(f"{row['name']}: {member}")
                    continue
                members.append(municipalities[result.match.key])
            project.members.set(members)
    return unresolved
