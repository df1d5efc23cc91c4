"""The measure form editors fill in (every field), and the small forms of the review and contact steps."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from wissensspeicher.core.forms import AccessibleForm, AccessibleModelForm
from wissensspeicher.measures.models import Measure
from wissensspeicher.measures.services.editorial import MeasureContent

MONTH_FORMATS = ["%Y-%m", "%m/%Y", "%m.%Y", "%Y-%m-%d"]


class MonthField(forms.DateField):
    """A month (stored as its first day): "2024-03", "03/2024" or "03.2024"."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", MONTH_FORMATS)
        kwargs.setdefault("error_messages", {"invalid": _("Bitte geben Sie einen Monat an, z. B. 2024-03 oder 03/2024.")})
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return value.replace(day=1) if isinstance(value, dt.date) else value


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").replace(";", "\n").splitlines() if line.strip()]


class MeasureForm(AccessibleModelForm):
    """Every field of a measure, with messages that say what to fix."""

    municipalities = forms.CharField(
        label=_("Beteiligte Kommunen"), widget=forms.Textarea(attrs={"rows": 3}), required=True,
        help_text=_("Eine Kommune pro Zeile, wie Sie sie schreiben (z. B. „Menden“, „Landkreis Hof“). Wir ordnen sie dem amtlichen Verzeichnis zu."),
        error_messages={"required": _("Bitte nennen Sie mindestens eine beteiligte Kommune.")},
    )
    reused_by = forms.CharField(
        label=_("Nachnutzende Kommunen"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
        help_text=_("Kommunen, die die Lösung übernommen haben; eine pro Zeile."),
    )
    start = MonthField(label=_("Beginn"), required=False, help_text=_("Monat, z. B. 2024-03"))
    end = MonthField(label=_("Ende"), required=False, help_text=_("Monat, z. B. 2026-12; leer lassen, wenn offen"))
    repository_url = forms.URLField(
        label=_("Quellcode-Repository"), max_length=500, required=False, assume_scheme="https",
        error_messages={"invalid": _("Bitte geben Sie eine vollständige Adresse an, z. B. https://gitlab.example.de/projekt.")},
    )
    open_source = forms.NullBooleanField(
        label=_("Open Source"), required=False,
        widget=forms.Select(choices=[("unknown", _("keine Angabe")), ("true", _("ja")), ("false", _("nein"))]),
    )

    class Meta:
        model = Measure
        fields = [
            "title", "summary", "description", "state", "fields_of_action", "spatial_impact", "status", "solution_types",
            "target_groups", "start", "end", "budget_eur", "open_source", "repository_url", "licence", "transferability",
            "contact_name", "contact_role", "contact_email", "contact_consent",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 10}),
            "transferability": forms.Textarea(attrs={"rows": 4}),
            "fields_of_action": forms.CheckboxSelectMultiple,
            "solution_types": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "title": {"required": _("Bitte geben Sie einen Titel an."), "max_length": _("Der Titel darf höchstens %(limit_value)d Zeichen lang sein (jetzt: %(show_value)d).")},
            "summary": {"required": _("Bitte geben Sie eine Kurzbeschreibung an."), "max_length": _("Die Kurzbeschreibung darf höchstens %(limit_value)d Zeichen lang sein (jetzt: %(show_value)d).")},
            "description": {"required": _("Bitte beschreiben Sie die Maßnahme.")},
            "state": {"required": _("Bitte wählen Sie das Bundesland.")},
            "fields_of_action": {"required": _("Bitte wählen Sie mindestens ein Handlungsfeld.")},
            "spatial_impact": {"required": _("Bitte wählen Sie die Raumwirkung.")},
            "status": {"required": _("Bitte wählen Sie den Bearbeitungsstand.")},
            "repository_url": {"invalid": _("Bitte geben Sie eine vollständige Adresse an, z. B. https://gitlab.example.de/projekt.")},
            "contact_email": {"invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de.")},
            "budget_eur": {"invalid": _("Bitte geben Sie das Budget als ganze Zahl in Euro an, z. B. 250000.")},
        }

    def __init__(self, *args, content: MeasureContent | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].help_text = _("Ausgangslage, Ziel, Vorgehen; Absätze durch Leerzeilen")
        self.fields["contact_email"].help_text = _("Wird nie angezeigt: Anfragen erreichen die Ansprechperson über ein Kontaktformular.")
        for name in ("state", "spatial_impact", "status"):
            self.fields[name].empty_label = _("Bitte wählen")
        if content is not None and not self.is_bound:
            self.initial.update({
                "municipalities": "\n".join(content.municipalities), "reused_by": "\n".join(content.reused_by),
                "fields_of_action": content.fields_of_action, "solution_types": content.solution_types,
                "target_groups": content.target_groups,
            })
        if self.instance.pk and not self.is_bound:
            self.initial["open_source"] = {None: "unknown", True: "true", False: "false"}[self.instance.open_source]
        for name in ("fields_of_action", "solution_types", "target_groups"):
            self.fields[name].widget.attrs.pop("aria-describedby", None)

    def clean_open_source(self):
        return {"true": True, "false": False}.get(self.data.get(self.add_prefix("open_source")), None)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("Das Ende (%(end)s) liegt vor dem Beginn (%(start)s).") % {"end": end.strftime("%m/%Y"), "start": start.strftime("%m/%Y")})
        if cleaned.get("contact_consent") and not cleaned.get("contact_name"):
            self.add_error("contact_name", _("Sie haben die Einwilligung bestätigt, aber keine Ansprechperson genannt."))
        return cleaned

    def content(self) -> MeasureContent:
        data = self.cleaned_data
        return MeasureContent(
            values={name: data.get(name) for name in self.Meta.fields if name not in ("fields_of_action", "solution_types", "target_groups")},
            fields_of_action=list(data.get("fields_of_action") or []),
            solution_types=list(data.get("solution_types") or []),
            target_groups=list(data.get("target_groups") or []),
            municipalities=_lines(data.get("municipalities")),
            reused_by=_lines(data.get("reused_by")),
        )


class ReviewForm(AccessibleForm):
    text = forms.CharField(label=_("Kommentar"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False,
                           help_text=_("Beim Zurückgeben: was überarbeitet werden soll."))


class ContactForm(AccessibleForm):
    """Relay to a measure's contact person: the address stays hidden, the reply goes to the sender."""

    name = forms.CharField(label=_("Ihr Name"), max_length=200, error_messages={"required": _("Bitte geben Sie Ihren Namen an.")})
    email = forms.EmailField(label=_("Ihre E-Mail-Adresse"), help_text=_("Die Ansprechperson antwortet Ihnen an diese Adresse."),
                             error_messages={"required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
                                             "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de.")})
    message = forms.CharField(label=_("Ihre Nachricht"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000,
                              error_messages={"required": _("Bitte schreiben Sie eine Nachricht.")})
    website = forms.CharField(required=False, label=_("Bitte leer lassen"))
