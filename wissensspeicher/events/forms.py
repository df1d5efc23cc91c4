"""Forms of the events app: guest registration, and the organisers' event and document forms."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from wissensspeicher.core.forms import AccessibleForm, AccessibleModelForm, DateTimeLocalInput
from wissensspeicher.core.uploads import document_upload_help
from wissensspeicher.events.models import Event, EventDocument
from wissensspeicher.measures.models import FieldOfAction
from wissensspeicher.municipalities.models import ModelProject, Municipality


class GuestRegistrationForm(AccessibleForm):
    """Registration without an account; the address is confirmed through a link (double opt-in)."""

    name = forms.CharField(label=_("Ihr Name"), max_length=200, error_messages={"required": _("Bitte geben Sie Ihren Namen an.")},
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    organisation = forms.CharField(label=_("Organisation oder Kommune"), max_length=200, required=False,
                                   widget=forms.TextInput(attrs={"autocomplete": "organization"}))
    email = forms.EmailField(label=_("E-Mail-Adresse"), help_text=_("Sie erhalten einen Link, mit dem Sie die Anmeldung bestätigen."),
                             error_messages={"required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
                                             "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@kommune.de.")},
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    website = forms.CharField(required=False, label=_("Bitte leer lassen"))  # honeypot for bots, hidden by form_fields.html


def _https_by_default(model_field, **kwargs):
    # An address typed without a scheme ("www.kommune.de/folien.pdf") is meant as https.
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class EventForm(AccessibleModelForm):
    """An event as organisers enter it on the site; the services decide what happens on saving."""

    host_municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.all(), to_field_name="key", required=False, label=_("Gastgebende Kommune"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("Amtlicher Gemeindeschlüssel (8 Ziffern), z. B. 08421000 für Ulm. Leer lassen, wenn keine Kommune gastgebend ist."),
        error_messages={"invalid_choice": _("Diesen Gemeindeschlüssel kennen wir nicht. Bitte prüfen Sie die 8 Ziffern.")})

    class Meta:
        model = Event
        formfield_callback = _https_by_default
        fields = ["title", "slug", "format", "description", "start", "end", "mode", "venue_address", "online_link",
                  "host_model_project", "host_municipality", "series", "fields_of_action", "capacity",
                  "registration_opens", "registration_closes", "allow_guests", "is_published"]
        widgets = {
            "start": DateTimeLocalInput(), "end": DateTimeLocalInput(),
            "registration_opens": DateTimeLocalInput(), "registration_closes": DateTimeLocalInput(),
            "description": forms.Textarea(attrs={"rows": 8}),
            "fields_of_action": forms.CheckboxSelectMultiple(),
        }
        help_texts = {
            "slug": _("Teil der Adresse, nur Kleinbuchstaben, Ziffern und Bindestriche. Leer lassen: wird aus dem Titel gebildet."),
            "start": _("Datum und Uhrzeit (deutsche Zeit)"),
            "end": _("Datum und Uhrzeit (deutsche Zeit)"),
        }
        error_messages = {
            "title": {"required": _("Bitte geben Sie einen Titel an.")},
            "start": {"required": _("Bitte geben Sie den Beginn an."),
                      "invalid": _("Bitte geben Sie Datum und Uhrzeit an, z. B. 05.03.2027 10:00.")},
            "end": {"required": _("Bitte geben Sie das Ende an."),
                    "invalid": _("Bitte geben Sie Datum und Uhrzeit an, z. B. 05.03.2027 12:00.")},
            "capacity": {"required": _("Bitte geben Sie die Zahl der Plätze an.")},
            "slug": {"unique": _("Diesen Kurznamen trägt schon eine andere Veranstaltung. Bitte wählen Sie einen anderen.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["capacity"].min_value = 1
        self.fields["capacity"].widget.attrs["min"] = 1
        self.fields["fields_of_action"].queryset = FieldOfAction.objects.all()
        self.fields["host_model_project"].queryset = ModelProject.objects.order_by("name")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("Das Ende liegt vor dem Beginn. Bitte prüfen Sie Datum und Uhrzeit."))
        return cleaned


class EventDocumentForm(AccessibleModelForm):
    """Slides, minutes or other material after the event: a file to upload or a link."""

    class Meta:
        model = EventDocument
        formfield_callback = _https_by_default
        fields = ["title", "kind", "file", "url"]
        labels = {"url": _("oder Adresse eines Dokuments im Netz")}
        help_texts = {"url": _("Statt einer Datei, z. B. https://www.kommune.de/unterlagen/folien.pdf")}
        error_messages = {
            "title": {"required": _("Bitte geben Sie einen Titel an.")},
            "url": {"invalid": _("Bitte geben Sie eine vollständige Adresse an, die mit https:// beginnt.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = document_upload_help()

    def clean(self):
        # Said at the field here, so the model's "file or link" constraint never answers with its generic message.
        cleaned = super().clean()
        if cleaned.get("file") and cleaned.get("url"):
            self.add_error("url", _("Bitte laden Sie entweder eine Datei hoch oder geben Sie eine Adresse an, nicht beides."))
        elif not cleaned.get("file") and not cleaned.get("url") and "url" not in self.errors:
            self.add_error("file", _("Bitte laden Sie eine Datei hoch oder geben Sie die Adresse des Dokuments an."))
        return cleaned
