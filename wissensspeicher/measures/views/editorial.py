"""Pages of the editorial workflow: create and edit measures, review, versions, freshness, contact relay."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wissensspeicher.measures.rules import can
from wissensspeicher.core.ratelimit import rate_limit_exceeded
from wissensspeicher.measures.forms import ContactForm, MeasureForm, ReviewForm
from wissensspeicher.measures.models import Measure, PublicationState
from wissensspeicher.measures.selectors import editorial as editorial_selectors
from wissensspeicher.measures.services import editorial
from wissensspeicher.measures.services.contact import measure_contact_send
from wissensspeicher.municipalities.models import ModelProject


def _measure(request: HttpRequest, pk: int, permission: str) -> Measure:
    try:
        measure = editorial_selectors.measure_for_user(pk, request.user)
    except Measure.DoesNotExist as exc:
        raise Http404 from exc
    if not can(request.user, permission, measure):
        raise PermissionDenied
    return measure


def _error_messages(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


@login_required
def measure_create(request: HttpRequest) -> HttpResponse:
    """A new measure of one of the editor's model projects (saved as a draft)."""
    projects = [p for p in ModelProject.objects.order_by("name") if can(request.user, "measures.add_measure", p)]
    if not projects:
        raise PermissionDenied
    chosen = request.POST.get("model_project") or request.GET.get("projekt")
    project = next((p for p in projects if str(p.pk) == str(chosen)), projects[0] if len(projects) == 1 else None)
    states = list(project.states.all()) if project else []
    form = MeasureForm(request.POST or None, initial={"state": states[0].pk if len(states) == 1 else None})
    project_error = None
    if request.method == "POST":
        if project is None:
            project_error = _("Bitte wählen Sie das Modellprojekt.")
        if form.is_valid() and project is not None:
            measure = editorial.measure_create(request.user, project, form.content())
            if request.POST.get("submit_for_review"):
                editorial.measure_submit(request.user, measure, request=request)
                messages.success(request, _("Die Maßnahme ist angelegt und zur Prüfung eingereicht."))
            else:
                messages.success(request, _("Die Maßnahme ist als Entwurf gespeichert."))
            return redirect("measures:measure-review", pk=measure.pk)
    return render(request, "measures/measure_form.html", {
        "form": form, "projects": projects, "project": project, "project_error": project_error, "creating": True,
    })


@login_required
def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a draft or a measure in review; a published measure is changed through a revision."""
    measure = _measure(request, pk, "measures.change_measure")
    if measure.is_published:
        revision = editorial.measure_revision_start(request.user, measure)
        return redirect("measures:measure-edit", pk=revision.pk)
    form = MeasureForm(request.POST or None, instance=measure, content=editorial.content_of(measure))
    if request.method == "POST" and form.is_valid():
        try:
            editorial.measure_update(request.user, measure, form.content())
            if request.POST.get("submit_for_review") and can(request.user, "measures.submit_measure", measure):
                editorial.measure_submit(request.user, measure, request=request)
                messages.success(request, _("Ihre Änderungen sind gespeichert und zur Prüfung eingereicht."))
            else:
                messages.success(request, _("Ihre Änderungen sind gespeichert."))
            return redirect("measures:measure-review", pk=measure.pk)
        except ValidationError as error:
            form.add_error(None, error)
    return render(request, "measures/measure_form.html", {"form": form, "measure": measure, "creating": False})


@login_required
def measure_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The editorial page of a measure: state, changes against the published version, conversation and actions."""
    measure = _measure(request, pk, "measures.comment_measure")
    form = ReviewForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action", "")
        text = request.POST.get("text", "")
        try:
            if action == "comment":
                editorial.measure_comment(request.user, measure, text=text)
                messages.success(request, _("Ihr Kommentar ist gespeichert."))
            elif action == "submit":
                editorial.measure_submit(request.user, measure, request=request)
                messages.success(request, _("Die Maßnahme ist zur Prüfung eingereicht."))
            elif action == "send_back":
                editorial.measure_send_back(request.user, measure, text=text, request=request)
                messages.success(request, _("Die Maßnahme ist zur Überarbeitung zurückgegeben."))
            elif action == "publish":
                public = editorial.measure_publish(request.user, measure, request=request)
                messages.success(request, _("Die Maßnahme ist veröffentlicht."))
                return redirect("measures:measure-detail", pk=public.pk)
            elif action == "archive":
                editorial.measure_archive(request.user, measure)
                messages.success(request, _("Die Maßnahme ist archiviert und nicht mehr öffentlich."))
            elif action == "confirm_checked":
                editorial.measure_confirm_checked(request.user, measure)
                messages.success(request, _("Danke: Die Maßnahme ist als aktuell bestätigt."))
            else:
                raise ValidationError(_("Unbekannte Aktion."))
            return redirect("measures:measure-review", pk=measure.pk)
        except PermissionDenied:
            messages.error(request, _("Diese Aktion ist für Sie bei diesem Stand der Maßnahme nicht möglich."))
        except ValidationError as error:
            for message in _error_messages(error):
                form.add_error("text", message)
    compare = None
    if measure.revision_of_id:
        compare = editorial_selectors.revision_changes(measure)
    user = request.user
    allowed = {action: can(user, f"measures.{action}_measure", measure) for action in ("submit", "send_back", "publish", "archive")}
    allowed["confirm"] = can(user, "measures.confirm_measure_checked", measure)
    return render(request, "measures/measure_review.html", {
        "measure": measure, "form": form, "comments": editorial_selectors.review_comments(measure), "compare": compare, "can": allowed,
    })


@login_required
def measure_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every version with author, time and what changed; older versions can be restored."""
    measure = _measure(request, pk, "measures.view_measure_history")
    return render(request, "measures/measure_history.html", {
        "measure": measure, "versions": editorial_selectors.measure_versions(measure),
        "can_restore": can(request.user, "measures.restore_measure_version", measure),
    })


@login_required
@require_POST
def measure_restore(request: HttpRequest, pk: int, history_id: int) -> HttpResponse:
    """Make an older version current again."""
    measure = _measure(request, pk, "measures.restore_measure_version")
    try:
        editorial.measure_restore_version(request.user, measure, history_id)
        messages.success(request, _("Die ältere Version ist wiederhergestellt; die bisherige bleibt in der Historie."))
    except ValidationError as error:
        messages.error(request, " ".join(_error_messages(error)))
    return redirect("measures:measure-history", pk=measure.pk)


def measure_contact(request: HttpRequest, pk: int) -> HttpResponse:
    """Write to a measure's contact person; the address is never shown."""
    measure = get_object_or_404(Measure.objects.published().exclude(contact_email=""), pk=pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:
            return redirect("measures:measure-detail", pk=measure.pk)  # honeypot: pretend success to bots
        if rate_limit_exceeded(request, "measure-contact", limit=5, period=3600):
            form.add_error(None, _("Sie haben in der letzten Stunde schon mehrere Nachrichten gesendet. Bitte versuchen Sie es später wieder."))
        else:
            measure_contact_send(measure, name=form.cleaned_data["name"], email=form.cleaned_data["email"],
                                 message=form.cleaned_data["message"], page_url=request.build_absolute_uri(measure.get_absolute_url()))
            messages.success(request, _("Ihre Nachricht ist unterwegs. Die Ansprechperson antwortet Ihnen per E-Mail."))
            return redirect("measures:measure-detail", pk=measure.pk)
    return render(request, "measures/measure_contact.html", {"measure": measure, "form": form},
                  status=429 if form.non_field_errors() else 200)

