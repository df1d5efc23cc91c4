"""JSON API for editors: create and change measures of their model projects with a token.

The same permission predicates (measures/rules.py), the same form validation (MeasureForm) and the
same services as the website: a published measure is changed through a revision that a moderator
publishes. Authenticate with `Authorization: Bearer <token>` (tokens: "Mein Konto" → "API-Schlüssel").
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import HttpBearer

from wissensspeicher.measures.rules import can
from wissensspeicher.accounts.services import api_token_authenticate
from wissensspeicher.measures.forms import MeasureForm
from wissensspeicher.measures.models import (
    FieldOfAction,
    Measure,
    ProgressStatus,
    SolutionType,
    SpatialImpact,
    TargetGroup,
)
from wissensspeicher.measures.services import editorial
from wissensspeicher.municipalities.models import ModelProject, State


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user  # so permission predicates and the version history see who acts
        return user


router = Router(auth=TokenAuth(), tags=["editorial"])


class MeasureWrite(Schema):
    """A measure as editors send it; taxonomy values are slugs or German labels (as in the import format)."""

    model_project: str | None = None  # slug or name; required when creating
    title: str | None = None
    summary: str | None = None
    description: str | None = None
    state: str | None = None
    fields_of_action: list[str] | None = None
    spatial_impact: str | None = None
    status: str | None = None
    solution_types: list[str] | None = None
    target_groups: list[str] | None = None
    start: str | None = None  # "YYYY-MM"
    end: str | None = None
    budget_eur: int | None = None
    open_source: bool | None = None
    repository_url: str | None = None
    licence: str | None = None
    transferability: str | None = None
    contact_name: str | None = None
    contact_role: str | None = None
    contact_email: str | None = None
    contact_consent: bool | None = None
    municipalities: list[str] | None = None
    reused_by: list[str] | None = None
    submit: bool = False  # submit for review after saving


class EditorialMeasure(Schema):
    id: int
    title: str
    publication_state: str
    revision_of: int | None
    model_project: str
    url: str
    editorial_url: str


class Problem(Schema):
    detail: str
    errors: list[dict] = []


_TAXONOMIES = {"fields_of_action": FieldOfAction, "solution_types": SolutionType, "target_groups": TargetGroup,
               "spatial_impact": SpatialImpact, "status": ProgressStatus}


def _key(model, value: str, field: str, errors: list[dict]):
    lookup = model.objects.filter(slug=value).first() or model.objects.filter(label__iexact=value).first()
    if lookup is None:
        errors.append({"location": f"body.{field}", "message": f"unknown value {value!r}"})
        return None
    return lookup.pk


def _form_data(payload: MeasureWrite, base: dict) -> tuple[dict, list[dict]]:
    """Form data (as the website's form posts it) from the current content overlaid with the payload."""
    data, errors = dict(base), []
    given = payload.dict(exclude_unset=True)
    for name, value in given.items():
        if name in ("model_project", "submit"):
            continue
        if name in ("fields_of_action", "solution_types", "target_groups"):
            data[name] = [k for k in (_key(_TAXONOMIES[name], v, name, errors) for v in value or []) if k is not None]
        elif name in ("spatial_impact", "status"):
            data[name] = _key(_TAXONOMIES[name], value, name, errors) if value else ""
        elif name == "state":
            state = State.objects.filter(slug=value).first() or State.objects.filter(name__iexact=value or "").first()
            if value and state is None:
                errors.append({"location": "body.state", "message": f"unknown state {value!r}"})
            data["state"] = state.pk if state else ""
        elif name in ("municipalities", "reused_by"):
            data[name] = "\n".join(value or [])
        elif name == "open_source":
            data[name] = {True: "true", False: "false", None: "unknown"}[value]
        elif name == "contact_consent":
            data[name] = "on" if value else ""
        else:
            data[name] = "" if value is None else value
    return data, errors


def _base_data(measure: Measure | None) -> dict:
    if measure is None:
        return {}
    content = editorial.content_of(measure)
    values = content.values
    return {
        **{k: ("" if v is None else v) for k, v in values.items() if k not in ("state", "spatial_impact", "status", "start", "end", "open_source", "contact_consent")},
        "state": measure.state_id, "spatial_impact": measure.spatial_impact_id, "status": measure.status_id,
        "start": measure.start.strftime("%Y-%m") if measure.start else "", "end": measure.end.strftime("%Y-%m") if measure.end else "",
        "open_source": {True: "true", False: "false", None: "unknown"}[measure.open_source],
        "contact_consent": "on" if measure.contact_consent else "",
        "fields_of_action": [t.pk for t in content.fields_of_action], "solution_types": [t.pk for t in content.solution_types],
        "target_groups": [t.pk for t in content.target_groups],
        "municipalities": "\n".join(content.municipalities), "reused_by": "\n".join(content.reused_by),
    }


def _validated(data: dict, errors: list[dict], instance: Measure | None = None) -> MeasureForm:
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for name, value in data.items():
        if isinstance(value, list):
            query.setlist(name, [str(v) for v in value])
        else:
            query[name] = str(value)
    form = MeasureForm(query, instance=instance)
    valid = form.is_valid()
    for field, messages in form.errors.items():
        for message in messages:
            errors.append({"location": f"body.{field}" if field != "__all__" else "body", "message": message})
    if errors or not valid:
        raise HttpError(422, _errors_text(errors))
    return form


def _errors_text(errors: list[dict]) -> str:
    return "; ".join(f"{e['location']}: {e['message']}" for e in errors)


def _out(request: HttpRequest, measure: Measure) -> dict:
    return {
        "id": measure.pk, "title": measure.title, "publication_state": measure.publication_state,
        "revision_of": measure.revision_of_id, "model_project": measure.model_project.slug,
        "url": request.build_absolute_uri(reverse("measures:measure-detail", args=[measure.pk])),
        "editorial_url": request.build_absolute_uri(reverse("measures:measure-review", args=[measure.pk])),
    }


def _own(request: HttpRequest, pk: int, permission: str) -> Measure:
    measure = Measure.objects.select_related("model_project").filter(pk=pk).first()
    if measure is None or not can(request.user, "measures.view_measure", measure):
        raise HttpError(404, f"measure {pk} not found")
    if not can(request.user, permission, measure):
        raise HttpError(403, f"you may not do this with measure {pk} in state {measure.publication_state!r}")
    return measure


@router.post("/measures", response={201: EditorialMeasure}, summary="Create a measure (draft)")
def create_measure(request: HttpRequest, payload: MeasureWrite):
    """Create a measure of one of your model projects as a draft; `submit: true` sends it for review."""
    project_key = payload.model_project or ""
    project = ModelProject.objects.filter(slug=project_key).first() or ModelProject.objects.filter(name__iexact=project_key).first()
    if project is None:
        raise HttpError(422, f"body.model_project: unknown model project {project_key!r}")
    if not can(request.user, "measures.add_measure", project):
        raise HttpError(403, f"you are not an editor of {project.name!r}")
    data, errors = _form_data(payload, {})
    form = _validated(data, errors)
    try:
        measure = editorial.measure_create(request.user, project, form.content())
        if payload.submit:
            editorial.measure_submit(request.user, measure, request=request)
    except PermissionDenied as exc:
        raise HttpError(403, "permission denied") from exc
    return Status(201, _out(request, measure))


@router.get("/measures/{pk}", response=EditorialMeasure, summary="A measure you edit (any state)")
def get_measure(request: HttpRequest, pk: int):
    return _out(request, _own(request, pk, "measures.view_measure_history"))


@router.patch("/measures/{pk}", response=EditorialMeasure, summary="Change a measure")
def update_measure(request: HttpRequest, pk: int, payload: MeasureWrite):
    """Change the given fields. A published measure is changed through a revision (returned), which a moderator publishes."""
    measure = _own(request, pk, "measures.change_measure")
    target = editorial.measure_revision_start(request.user, measure) if measure.is_published else measure
    data, errors = _form_data(payload, _base_data(target))
    form = _validated(data, errors, instance=target)
    editorial.measure_update(request.user, target, form.content())
    if payload.submit:
        if not can(request.user, "measures.submit_measure", target):
            raise HttpError(403, f"measure {target.pk} cannot be submitted in state {target.publication_state!r}")
        editorial.measure_submit(request.user, target, request=request)
    target.refresh_from_db()
    return _out(request, target)


@router.post("/measures/{pk}/submit", response=EditorialMeasure, summary="Submit a draft for review")
def submit_measure(request: HttpRequest, pk: int):
    measure = _own(request, pk, "measures.submit_measure")
    editorial.measure_submit(request.user, measure, request=request)
    return _out(request, measure)
