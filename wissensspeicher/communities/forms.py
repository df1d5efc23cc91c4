"""Forms of the communities app; the rules behind them live in services.py."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wissensspeicher.communities.models import Community, DocumentVisibility
from wissensspeicher.core.forms import AccessibleForm, AccessibleModelForm
from wissensspeicher.core.uploads import document_upload_help
from wissensspeicher.events.models import EventSeries
from wissensspeicher.municipalities.models import ModelProject


class MembershipRequestForm(AccessibleForm):
    organisation = forms.CharField(label=_("Für welche Organisation arbeiten Sie mit?"), max_length=200, required=False,
                                   help_text=_("Zum Beispiel Ihre Kommune oder Ihr Modellprojekt"),
                                   widget=forms.TextInput(attrs={"autocomplete": "organization"}))
    message = forms.CharField(label=_("Nachricht an die Moderation"), max_length=2000, required=False,
                              help_text=_("Was möchten Sie einbringen oder erfahren? (freiwillig)"),
                              widget=forms.Textarea(attrs={"rows": 4}))


class MembershipDecisionForm(AccessibleForm):
    decision = forms.ChoiceField(label=_("Entscheidung"), widget=forms.RadioSelect,
                                 choices=[("approve", _("Mitgliedschaft bestätigen")), ("decline", _("Anfrage ablehnen"))],
                                 error_messages={"required": _("Bitte wählen Sie, ob Sie bestätigen oder ablehnen.")})
    note = forms.CharField(label=_("Anmerkung für die Person"), max_length=2000, required=False,
                           help_text=_("Steht in der E-Mail mit der Entscheidung (freiwillig)"),
                           widget=forms.Textarea(attrs={"rows": 2}))


class DocumentForm(AccessibleForm):
    title = forms.CharField(label=_("Titel"), max_length=200, error_messages={"required": _("Bitte geben Sie einen Titel an.")})
    file = forms.FileField(label=_("Datei"), required=False)
    url = forms.URLField(label=_("oder Adresse eines Dokuments im Netz"), max_length=500, required=False, assume_scheme="https",
                         help_text=_("Statt einer Datei, z. B. https://cloud.kommune.de/protokoll.pdf"),
                         error_messages={"invalid": _("Bitte geben Sie eine vollständige Adresse an, z. B. https://beispiel.de/datei.pdf.")})
    visibility = forms.ChoiceField(label=_("Wer darf das Dokument sehen?"), choices=DocumentVisibility.choices, widget=forms.RadioSelect,
                                   initial=DocumentVisibility.MEMBERS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = document_upload_help()


class InterestSelectForm(AccessibleForm):
    """Moderators take municipalities from confirmed expressions of interest into a peer learning."""

    expression_of_interest = forms.TypedChoiceField(label=_("Interessensbekundung"), coerce=int,
                                                    error_messages={"required": _("Bitte wählen Sie eine Interessensbekundung.")})

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expression_of_interest"].choices = [("", _("Bitte wählen"))] + [
            (eoi.pk, f"{eoi.municipality} – {eoi.get_state_display()} ({eoi.contact_name})") for eoi in candidates]


class CommunityForm(AccessibleModelForm):
    """Moderators describe a peer learning or a working group."""

    class Meta:
        model = Community
        fields = ["kind", "title", "slug", "description", "host_model_project", "series"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "title": {"required": _("Bitte geben Sie einen Titel an.")},
            "slug": {"required": _("Bitte geben Sie einen Kurznamen für die Adresse an."),
                     "invalid": _("Bitte verwenden Sie nur Kleinbuchstaben, Ziffern und Bindestriche."),
                     "unique": _("Diesen Kurznamen trägt schon eine andere Gruppe. Bitte wählen Sie einen anderen.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_model_project"].queryset = ModelProject.objects.order_by("name")
        self.fields["series"].queryset = EventSeries.objects.order_by("title")
