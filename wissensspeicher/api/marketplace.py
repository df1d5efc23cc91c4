"""JSON API of the Suche-Biete-Pool: places, postings and matches (public read; token write, same rules as the site)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from wissensspeicher.api.editorial import TokenAuth
from wissensspeicher.marketplace import selectors
from wissensspeicher.marketplace.forms import PostingForm
from wissensspeicher.marketplace.models import Place, Posting, PostingCategory
from wissensspeicher.marketplace.services import postings as services
from wissensspeicher.measures.models import FieldOfAction

router = Router(tags=["marketplace"])


class PlaceOut(Schema):
    slug: str
    name: str
    kind: str
    municipality: str | None
    municipality_key: str | None
    model_project: str | None
    address: str
    latitude: float | None
    longitude: float | None
    description: str
    offers: str
    url: str


class PostingOut(Schema):
    id: int
    external_id: str | None
    kind: str
    title: str
    body: str
    category: str
    place: str
    municipality: str | None
    fields_of_action: list[str]
    valid_until: str
    status: str
    url: str


class PostingList(Schema):
    count: int
    items: list[PostingOut]


class PostingParams(Schema):
    q: str = ""
    art: str = ""
    kategorie: str = ""
    handlungsfeld: str = ""
    land: str = ""
    ort: str = ""
    alle: str = ""
    page: int = 1


class PostingWrite(Schema):
    kind: str | None = None
    title: str | None = None
    body: str | None = None
    category: str | None = None  # key ("wissen") or label ("Wissen und Erfahrung")
    place: str | None = None  # slug or name
    fields_of_action: list[str] | None = None
    valid_until: dt.date | None = None
    notify_matches: bool | None = None


def _place(request: HttpRequest, place: Place) -> dict:
    return {
        "slug": place.slug, "name": place.name, "kind": place.get_kind_display(),
        "municipality": place.municipality.name if place.municipality else (place.municipality_as_written or None),
        "municipality_key": place.municipality.key if place.municipality else None,
        "model_project": place.model_project.name if place.model_project else None, "address": place.address,
        "latitude": place.latitude, "longitude": place.longitude, "description": place.description, "offers": place.offers,
        "url": request.build_absolute_uri(place.get_absolute_url()),
    }


def _posting(request: HttpRequest, posting: Posting) -> dict:
    return {
        "id": posting.pk, "external_id": posting.external_id, "kind": posting.kind, "title": posting.title, "body": posting.body,
        "category": posting.get_category_display(), "place": posting.place.name,
        "municipality": posting.municipality.name if posting.municipality else (posting.municipality_as_written or None),
        "fields_of_action": [f.label for f in posting.fields_of_action.all()], "valid_until": posting.valid_until.isoformat(),
        "status": posting.status, "url": request.build_absolute_uri(posting.get_absolute_url()),
    }


@router.get("/places", response=list[PlaceOut], summary="All places (Stadtlabore, Ankerorte …)")
def list_places(request: HttpRequest):
    return [_place(request, p) for p in selectors.place_list()]


@router.get("/places/{slug}", response=PlaceOut, summary="One place")
def get_place(request: HttpRequest, slug: str):
    try:
        return _place(request, selectors.place_detail(slug))
    except Place.DoesNotExist as exc:
        raise HttpError(404, f"place {slug!r} not found") from exc


@router.get("/postings", response=PostingList, summary="Offers and needs, filtered like the pool page")
def list_postings(request: HttpRequest, params: Query[PostingParams]):
    """Open postings (add `alle=1` for fulfilled and expired ones too); with `q`, best match first."""
    filters = selectors.posting_filters_parse(params.dict())
    if filters.errors:
        raise HttpError(422, "unknown filter value(s): " + ", ".join(filters.errors))
    page = selectors.posting_list_page(filters, params.page, per_page=50)
    return {"count": page.paginator.count, "items": [_posting(request, p) for p in page.object_list]}


def _visible(request: HttpRequest, pk: int) -> Posting:
    try:
        posting = selectors.posting_detail(pk)
    except Posting.DoesNotExist as exc:
        raise HttpError(404, f"posting {pk} not found") from exc
    if not request.user.has_perm("marketplace.view_posting", posting):
        raise HttpError(404, f"posting {pk} not found")
    return posting


@router.get("/postings/{pk}", response=PostingOut, summary="One posting")
def get_posting(request: HttpRequest, pk: int):
    return _posting(request, _visible(request, pk))


@router.get("/postings/{pk}/matches", response=list[PostingOut], summary="Best open postings of the opposite kind")
def get_matches(request: HttpRequest, pk: int, limit: int = 10):
    posting = _visible(request, pk)
    return [_posting(request, p) for p in selectors.posting_matches(posting, limit=min(max(limit, 1), 50))]


def _form_data(payload: PostingWrite, posting: Posting | None) -> tuple[dict, list[str]]:
    errors: list[str] = []
    data: dict = {}
    if posting is not None:
        data = {"kind": posting.kind, "title": posting.title, "body": posting.body, "category": posting.category,
                "place": posting.place_id, "fields_of_action": [f.pk for f in posting.fields_of_action.all()],
                "valid_until": posting.valid_until.isoformat(), "notify_matches": "on" if posting.notify_matches else ""}
    given = payload.dict(exclude_unset=True)
    with translation.override("de"):
        labels = {str(label).lower(): key for key, label in PostingCategory.choices}
    for name, value in given.items():
        if name == "category" and value is not None:
            data[name] = labels.get(str(value).lower(), value)
        elif name == "place" and value is not None:
            place = Place.objects.filter(slug=value).first() or Place.objects.filter(name__iexact=value).first()
            if place is None:
                errors.append(f"body.place: unknown place {value!r}")
            data[name] = place.pk if place else ""
        elif name == "fields_of_action":
            ids = []
            for v in value or []:
                term = FieldOfAction.objects.filter(slug=v).first() or FieldOfAction.objects.filter(label__iexact=v).first()
                if term is None:
                    errors.append(f"body.fields_of_action: unknown Handlungsfeld {v!r}")
                else:
                    ids.append(term.pk)
            data[name] = ids
        elif name == "valid_until":
            data[name] = value.isoformat() if value else ""
        elif name == "notify_matches":
            data[name] = "on" if value else ""
        else:
            data[name] = "" if value is None else value
    return data, errors


def _save(request: HttpRequest, payload: PostingWrite, posting: Posting | None) -> Posting:
    from django.http import QueryDict

    data, errors = _form_data(payload, posting)
    query = QueryDict(mutable=True)
    for name, value in data.items():
        query.setlist(name, [str(v) for v in value]) if isinstance(value, list) else query.__setitem__(name, str(value))
    form = PostingForm(query, instance=posting or Posting())
    if not form.is_valid():
        errors += [f"body.{field}: {message}" for field, messages in form.errors.items() for message in messages]
    if errors:
        raise HttpError(422, "; ".join(errors))
    try:
        return services.posting_save(request.user, form.save(commit=False), fields_of_action=form.cleaned_data["fields_of_action"], request=request)
    except PermissionDenied as exc:
        raise HttpError(403, "permission denied") from exc
    except ValidationError as exc:
        raise HttpError(422, "; ".join(f"body.{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from exc


@router.post("/postings", response={201: PostingOut}, auth=TokenAuth(), summary="Create a posting (members)")
def create_posting(request: HttpRequest, payload: PostingWrite):
    if not request.user.has_perm("marketplace.add_posting"):
        raise HttpError(403, "only members with a verified e-mail address may post")
    return Status(201, _posting(request, _save(request, payload, None)))


@router.patch("/postings/{pk}", response=PostingOut, auth=TokenAuth(), summary="Change your posting")
def update_posting(request: HttpRequest, pk: int, payload: PostingWrite):
    posting = _visible(request, pk)
    if not request.user.has_perm("marketplace.change_posting", posting):
        raise HttpError(403, f"posting {pk} is not yours")
    return _posting(request, _save(request, payload, posting))
