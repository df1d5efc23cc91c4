"""Reads of the registry and the model projects, and the name resolver over the registry."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet

from wissensspeicher.municipalities.models import Level, ModelProject, Municipality, State
from wissensspeicher.municipalities.resolver import Candidate, NameResolver

# Gemeindeverbände with Textkennzeichen 50 are "verbandsfreie Gemeinden": the same body as
# their single Gemeinde, so a name must resolve to the Gemeinde, not to this duplicate.
_DUPLICATE_ASSOCIATION_CODE = "50"


@dataclass(frozen=True)
class ResolvedName:
    """How a municipality name as people write it maps to the registry."""

    status: str  # "resolved" | "ambiguous" | "unknown"
    municipality_id: int | None
    candidates: list[str]


@functools.lru_cache(maxsize=1)
def _resolver() -> tuple[NameResolver, dict[str, int], dict[str, str]]:
    # The registry is reference data written only by migrations, so one build per process suffices.
    rows = Municipality.objects.exclude(level=Level.ASSOCIATION, kind_code=_DUPLICATE_ASSOCIATION_CODE).values_list(
        "id", "key", "name", "level", "kind", "state__code", "population", "parent__name", "parent__level"
    )
    district_names = dict(
        Municipality.objects.filter(level=Level.DISTRICT).values_list("key", "name")
    )
    state_names = dict(State.objects.values_list("code", "name"))
    candidates, ids = [], {}
    for pk, key, name, level, kind, state_code, population, _parent, _parent_level in rows:
        district_key = key[:5] if level != Level.DISTRICT else key
        candidates.append(
            Candidate(
                key=key,
                name=name,
                level=level,
                kind=kind,
                state_code=state_code,
                population=population,
                district_name=district_names.get(district_key, "") if level != Level.DISTRICT else "",
            )
        )
        ids[key] = pk
    return NameResolver(candidates), ids, state_names


def municipality_resolver_reset() -> None:
    """Forget the cached resolver (tests that rebuild the registry call this)."""
    _resolver.cache_clear()


def _describe(candidate: Candidate, state_names: dict[str, str]) -> str:
    parts = [candidate.kind or candidate.level]
    if candidate.district_name:
        parts.append(candidate.district_name)
    parts.append(state_names.get(candidate.state_code, candidate.state_code))
    return f"{candidate.name} ({', '.join(parts)}; {candidate.key})"


def municipality_resolve_name(text: str, state: str | None = None) -> ResolvedName:
    """Resolve a name as people write it ("Menden", "Landkreis Hof", an AGS) against the registry."""
    resolver, ids, state_names = _resolver()
    result = resolver.resolve(text, state=state)
    if result.status == "resolved" and result.match is not None:
        return ResolvedName("resolved", ids.get(result.match.key), [])
    return ResolvedName(result.status, None, [_describe(c, state_names) for c in result.candidates])


def municipality_search(prefix: str, *, limit: int = 20) -> QuerySet:
    """Registry entries whose name starts with the prefix, largest first (autocomplete, API)."""
    queryset = Municipality.objects.select_related("state").exclude(
        level=Level.ASSOCIATION, kind_code=_DUPLICATE_ASSOCIATION_CODE
    )
    if prefix:
        queryset = queryset.filter(short_name__istartswith=prefix.strip())
    return queryset.order_by("-population", "short_name")[:limit]


def municipality_describe_many(municipalities: list[Municipality]) -> list[str]:
    """Unambiguous labels like "Menden (Sauerland) (Stadt, Märkischer Kreis, Nordrhein-Westfalen; 05962032)"."""
    district_keys = {m.key[:5] for m in municipalities if m.level != Level.DISTRICT}
    districts = dict(Municipality.objects.filter(level=Level.DISTRICT, key__in=district_keys).values_list("key", "name"))
    labels = []
    for m in municipalities:
        parts = [m.kind or m.get_level_display()]
        if m.level != Level.DISTRICT and districts.get(m.key[:5]) and districts[m.key[:5]] != m.name:
            parts.append(districts[m.key[:5]])
        parts.append(m.state.name)
        labels.append(f"{m.name} ({', '.join(parts)}; {m.key})")
    return labels


def municipality_describe(municipality: Municipality) -> str:
    """One registry entry's unambiguous label (see municipality_describe_many)."""
    return municipality_describe_many([municipality])[0]


def municipality_by_ags(ags: str) -> QuerySet:
    """Registry entries by AGS (8 digits) or key (5/9 digits)."""
    return Municipality.objects.select_related("state").filter(key=ags.strip())


def municipality_detail(key: str) -> Municipality:
    """One registry entry with its state and parents; raises Municipality.DoesNotExist."""
    return Municipality.objects.select_related("state", "parent", "parent__parent").get(key=key)


def municipality_count_by_level() -> dict[str, int]:
    """How many registry entries each level has (data sources page)."""
    return dict(Municipality.objects.values_list("level").annotate(n=Count("id")).order_by())


def model_project_list() -> QuerySet:
    """All model projects with their states, by name."""
    return ModelProject.objects.prefetch_related("states").annotate(measure_count=Count("measures")).order_by("name")


def model_project_detail(slug: str) -> ModelProject:
    """A model project with states and members; raises ModelProject.DoesNotExist."""
    members = Municipality.objects.select_related("state").order_by("-population")
    return ModelProject.objects.prefetch_related("states", Prefetch("members", queryset=members)).get(slug=slug)


def state_list() -> QuerySet:
    """The 16 Länder."""
    return State.objects.order_by("name")
