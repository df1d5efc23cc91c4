"""Reads of Start Smart: the pipeline list with filters, one request with its history, the overview per state and Bundesland."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from wissensspeicher.accounts.models import MODERATOR_GROUP
from wissensspeicher.municipalities.models import State
from wissensspeicher.startsmart.models import ExpressionOfInterest, PipelineState


@dataclass
class PipelineFilters:
    state: str = ""
    assignee: str = ""  # "mine", "niemand" or a user id
    land: str = ""  # Bundesland slug
    q: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return any([self.state, self.assignee, self.land, self.q])


def staff_list() -> QuerySet:
    """Coordination staff who can be made responsible for a request."""
    return (get_user_model().objects.filter(Q(groups__name=MODERATOR_GROUP) | Q(is_superuser=True), is_active=True)
            .select_related("profile").distinct().order_by("username"))


def pipeline_filters_parse(params: Mapping[str, str]) -> PipelineFilters:
    """Filters from query parameters; unknown values are reported, not silently ignored."""
    filters = PipelineFilters(q=(params.get("q") or "").strip()[:200])
    staff_ids = {str(pk) for pk in staff_list().values_list("pk", flat=True)}
    checks = {
        "state": (params.get("stand", ""), set(PipelineState.values)),
        "assignee": (params.get("zustaendig", ""), {"mine", "niemand"} | staff_ids),
        "land": (params.get("land", ""), set(State.objects.values_list("slug", flat=True))),
    }
    for name, (value, allowed) in checks.items():
        if value and value not in allowed:
            filters.errors.append(f"{name}: {value}")
        elif value:
            setattr(filters, name, value)
    return filters


def expression_of_interest_list(filters: PipelineFilters, user) -> QuerySet:
    """Confirmed requests (newest first), filtered; `user` resolves the filter "mine"."""
    queryset = ExpressionOfInterest.objects.confirmed().select_related("municipality__state", "assignee__profile")
    if filters.state:
        queryset = queryset.filter(state=filters.state)
    if filters.assignee == "mine":
        queryset = queryset.filter(assignee=user)
    elif filters.assignee == "niemand":
        queryset = queryset.filter(assignee__isnull=True)
    elif filters.assignee:
        queryset = queryset.filter(assignee_id=int(filters.assignee))
    if filters.land:
        queryset = queryset.filter(municipality__state__slug=filters.land)
    if filters.q:
        queryset = queryset.filter(Q(municipality__name__icontains=filters.q) | Q(municipality__short_name__icontains=filters.q)
                                   | Q(contact_name__icontains=filters.q) | Q(email__icontains=filters.q)
                                   | Q(function__icontains=filters.q))
    return queryset


PIPELINE_PAGE_SIZE = 50


def expression_of_interest_page(filters: PipelineFilters, user, page: int | str = 1, per_page: int = PIPELINE_PAGE_SIZE) -> Page:
    """One page of the pipeline list (a page number past the end gives the last page)."""
    return Paginator(expression_of_interest_list(filters, user), per_page).get_page(page)


def expression_of_interest_detail(pk: int) -> ExpressionOfInterest:
    """One confirmed request with topics and full history; raises ExpressionOfInterest.DoesNotExist."""
    return (ExpressionOfInterest.objects.confirmed().select_related("municipality__state", "assignee__profile")
            .prefetch_related("topics", "entries__actor__profile").get(pk=pk))


def expression_of_interest_by_token(token: str) -> ExpressionOfInterest:
    """The request behind an opt-in link; raises ExpressionOfInterest.DoesNotExist."""
    return ExpressionOfInterest.objects.select_related("municipality__state").get(token=token)


@dataclass
class OverviewRow:
    state: State
    counts: list[int]
    total: int

    @property
    def cells(self) -> list[tuple[str, int]]:
        """(pipeline state, count) pairs, so the table can link each number to the filtered list."""
        return list(zip(PipelineState.values, self.counts))


@dataclass
class Overview:
    columns: list[tuple[str, str]]  # (pipeline state, label)
    rows: list[OverviewRow]
    column_totals: list[int]
    total: int


def pipeline_overview() -> Overview:
    """Confirmed requests counted per Bundesland (rows) and pipeline state (columns), in one aggregated query."""
    states = list(PipelineState.choices)
    prefix = "municipalities__expressions_of_interest"
    annotations = {
        f"n_{value}": Count(f"{prefix}__id", filter=Q(**{f"{prefix}__state": value, f"{prefix}__confirmed_at__isnull": False}))
        for value, _label in states
    }
    rows = []
    for land in State.objects.annotate(**annotations).order_by("name"):
        counts = [getattr(land, f"n_{value}") for value, _label in states]
        rows.append(OverviewRow(state=land, counts=counts, total=sum(counts)))
    column_totals = [sum(row.counts[i] for row in rows) for i in range(len(states))]
    return Overview(columns=states, rows=rows, column_totals=column_totals, total=sum(column_totals))
