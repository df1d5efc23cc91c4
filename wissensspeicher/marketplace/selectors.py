"""Reads of the Suche-Biete-Pool: places, postings with filters and search, matches, inbox, reports."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from wissensspeicher.marketplace.models import (
    Message,
    Place,
    Posting,
    PostingCategory,
    PostingKind,
    PostingStatus,
    Report,
)
from wissensspeicher.measures.models import FieldOfAction
from wissensspeicher.municipalities.models import State


def posting_search_documents(ids: list[int] | None = None) -> Iterator[dict]:
    """Texts and keys of postings for the search seam (all statuses; search filters by status)."""
    queryset = Posting.objects.all()
    if ids is not None:
        queryset = queryset.filter(id__in=ids)
    fields: dict[int, list[int]] = {}
    through = Posting.fields_of_action.through.objects.all()
    if ids is not None:
        through = through.filter(posting_id__in=ids)
    for posting_id, term_id in through.values_list("posting_id", "fieldofaction_id"):
        fields.setdefault(posting_id, []).append(term_id)
    for row in queryset.values("id", "title", "body", "kind", "status", "category").iterator():
        yield {**row, "fields_of_action": fields.get(row["id"], [])}


def place_list() -> QuerySet:
    """Every place with its number of open postings, by name."""
    return Place.objects.select_related("municipality", "municipality__state", "model_project").annotate(
        open_postings=Count("postings", filter=Q(postings__status=PostingStatus.OPEN))
    )


def place_detail(slug: str) -> Place:
    """One place; raises Place.DoesNotExist."""
    return Place.objects.select_related("municipality", "municipality__state", "model_project").get(slug=slug)


@dataclass
class PostingFilters:
    kind: str = ""
    category: str = ""
    field_of_action: str = ""
    state: str = ""
    place: str = ""
    q: str = ""
    include_closed: bool = False
    errors: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return any([self.kind, self.category, self.field_of_action, self.state, self.place, self.q])


def posting_filters_parse(params: Mapping[str, str]) -> PostingFilters:
    """Filters from query parameters; unknown values are reported, not silently ignored."""
    filters = PostingFilters(q=(params.get("q") or "").strip()[:200], include_closed=params.get("alle") == "1")
    checks = {
        "kind": (params.get("art", ""), {k for k, _ in PostingKind.choices}),
        "category": (params.get("kategorie", ""), {k for k, _ in PostingCategory.choices}),
        "field_of_action": (params.get("handlungsfeld", ""), set(FieldOfAction.objects.values_list("slug", flat=True))),
        "state": (params.get("land", ""), set(State.objects.values_list("slug", flat=True))),
        "place": (params.get("ort", ""), set(Place.objects.values_list("slug", flat=True))),
    }
    for name, (value, allowed) in checks.items():
        if value and value not in allowed:
            filters.errors.append(f"{name}: {value}")
        elif value:
            setattr(filters, name, value)
    return filters


def posting_list(filters: PostingFilters) -> list[Posting] | QuerySet:
    """Public postings matching the filters: open ones (or all public ones), newest first or best first with a query."""
    queryset = Posting.objects.public().select_related("place", "municipality", "municipality__state").prefetch_related("fields_of_action")
    if not filters.include_closed:
        queryset = queryset.filter(status=PostingStatus.OPEN)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.category:
        queryset = queryset.filter(category=filters.category)
    if filters.field_of_action:
        queryset = queryset.filter(fields_of_action__slug=filters.field_of_action)
    if filters.state:
        queryset = queryset.filter(Q(municipality__state__slug=filters.state) | Q(place__municipality__state__slug=filters.state))
    if filters.place:
        queryset = queryset.filter(place__slug=filters.place)
    queryset = queryset.distinct()
    if not filters.q:
        return queryset
    from wissensspeicher.search.postings import search_postings

    ranked = search_postings(filters.q, list(queryset.values_list("id", flat=True)))
    by_id = {p.id: p for p in queryset.filter(id__in=ranked)}
    return [by_id[i] for i in ranked if i in by_id]


def posting_list_page(filters: PostingFilters, page: int | str = 1, per_page: int = 20) -> Page:
    return Paginator(posting_list(filters), per_page).get_page(page)


def posting_detail(pk: int) -> Posting:
    """One posting with its place; raises Posting.DoesNotExist."""
    return Posting.objects.select_related("place", "place__municipality", "municipality", "owner").prefetch_related("fields_of_action").get(pk=pk)


def posting_matches(posting: Posting, *, limit: int = 5) -> list[Posting]:
    """The open postings of the opposite kind that fit best (through the search seam)."""
    from wissensspeicher.search.postings import match_postings

    ranked = [pid for pid, _score in match_postings(posting.pk, limit=limit)]
    by_id = {p.id: p for p in Posting.objects.open().filter(id__in=ranked).select_related("place")}
    return [by_id[i] for i in ranked if i in by_id]


def posting_list_for_owner(user) -> QuerySet:
    """The member's own postings, all statuses."""
    return Posting.objects.filter(owner=user).select_related("place").annotate(message_count=Count("messages"))


def inbox_for_user(user) -> QuerySet:
    """Messages to the member's postings, newest first."""
    return Message.objects.filter(posting__owner=user).select_related("posting")


def report_queue() -> QuerySet:
    """Unresolved reports, oldest first, with their postings."""
    return Report.objects.filter(resolved_at__isnull=True).select_related("posting", "posting__place", "reporter")


def place_markers() -> list[dict]:
    """Places with coordinates, for the map."""
    return [
        {"name": p.name, "url": p.get_absolute_url(), "lon": p.longitude, "lat": p.latitude}
        for p in Place.objects.exclude(latitude=None).exclude(longitude=None).order_by("name")
    ]
