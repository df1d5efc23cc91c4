"""Forms of the Suche-Biete-Pool."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wissensspeicher.core.forms import AccessibleForm, AccessibleModelForm, DateInput
from wissensspeicher.marketplace.models import Place, Posting


class PostingForm(AccessibleModelForm):
    class Meta:
        model = Posting
        fields = ["kind", "title", "body", "category", "place", "fields_of_action", "valid_until", "notify_matches"]
        widgets = {
            "kind": forms.RadioSelect,
            "body": forms.Textarea(attrs={"rows": 8}),
            "fields_of_action": forms.CheckboxSelectMultiple,
            "valid_until": DateInput(),
        }
        labels = {"kind": _("Art des Eintrags"), "body": _("Beschreibung")}
        help_texts = {
            "title": _("Kurz und konkret, z. B. „Suche Erfahrungen mit LoRaWAN-Pegelsensoren“"),
            "body": _("Was genau, für wen, zu welchen Bedingungen (kostenfrei, Anreise, Lizenz, Zeitraum)"),
            "place": _("Der Ort oder die Kommune, für die Sie den Eintrag veröffentlichen"),
            "valid_until": _("Danach wird der Eintrag automatisch geschlossen; eine Woche vorher erinnern wir Sie."),
        }
        error_messages = {
            "kind": {"required": _("Bitte wählen Sie „Biete“ oder „Suche“.")},
            "title": {"required": _("Bitte geben Sie einen Titel an.")},
            "body": {"required": _("Bitte beschreiben Sie Ihr Angebot oder Ihren Bedarf.")},
            "category": {"required": _("Bitte wählen Sie eine Kategorie.")},
            "place": {"required": _("Bitte wählen Sie den Ort.")},
            "valid_until": {"invalid": _("Bitte geben Sie ein Datum an, z. B. 2027-05-31.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = Place.objects.order_by("name")
        self.fields["place"].empty_label = _("Bitte wählen")
        self.fields["category"].choices = [("", _("Bitte wählen")), *self.fields["category"].choices[1:]]
        self.fields["valid_until"].required = False
        self.fields["valid_until"].input_formats = ["%Y-%m-%d", "%d.%m.%Y"]
        self.fields["kind"].choices = [c for c in self.fields["kind"].choices if c[0]]


class MessageForm(AccessibleForm):
    name = forms.CharField(label=_("Ihr Name"), max_length=200, error_messages={"required": _("Bitte geben Sie Ihren Namen an.")})
    email = forms.EmailField(label=_("Ihre E-Mail-Adresse"), help_text=_("Die Person antwortet Ihnen an diese Adresse."),
                             error_messages={"required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
                                             "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de.")})
    text = forms.CharField(label=_("Ihre Nachricht"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000,
                           error_messages={"required": _("Bitte schreiben Sie eine Nachricht.")})
    consent = forms.BooleanField(label=_("Ich bin einverstanden, dass mein Name, meine E-Mail-Adresse und meine Nachricht an die verantwortliche Person weitergegeben und dort gespeichert werden."),
                                 error_messages={"required": _("Ohne Ihre Zustimmung können wir die Nachricht nicht weiterleiten.")})
    website = forms.CharField(required=False, label=_("Bitte leer lassen"))


class ReportForm(AccessibleForm):
    reason = forms.CharField(label=_("Grund der Meldung"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
                             help_text=_("z. B. Werbung, falsche Angaben, verletzende Inhalte"),
                             error_messages={"required": _("Bitte nennen Sie den Grund der Meldung.")})


class ModerationForm(AccessibleForm):
    note = forms.CharField(label=_("Notiz an die verantwortliche Person"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                           error_messages={"required": _("Bitte begründen Sie die Entscheidung kurz.")})
