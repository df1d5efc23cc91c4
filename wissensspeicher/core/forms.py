"""Forms of the core app."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class _TextWhenInvalid:
    """A typed value the HTML input type may not hold is shown again in a text field: the person sees
    what to correct, and the page stays valid HTML."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        shown = context["widget"]["value"]
        if shown and not self.holds(str(shown)):
            context["widget"]["type"] = "text"
        return context


class DateInput(_TextWhenInvalid, forms.DateInput):
    """A date picker (<input type="date">, ISO value); a typed value that is not a date comes back in a
    text field."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")

    @staticmethod
    def holds(value: str) -> bool:
        try:
            dt.date.fromisoformat(value)
        except ValueError:  # also "2027-02-31": shaped like a date, but none
            return False
        return True


_LOCAL_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?")  # what the input may hold


class DateTimeLocalInput(_TextWhenInvalid, forms.DateTimeInput):
    """The browser's own date and time picker (<input type="datetime-local">); without it, people
    type "2027-03-05T10:00" or "05.03.2027 10:00". A typed value that is not a date and time comes
    back in a text field."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")

    @staticmethod
    def holds(value: str) -> bool:
        if not _LOCAL_DATE_TIME.fullmatch(value):
            return False
        try:
            dt.datetime.fromisoformat(value)
        except ValueError:  # also "2027-02-31T10:00": shaped like a date and time, but none
            return False
        return True


class AccessibleFormMixin:
    """Links every input to its help text and error message, so screen readers announce them.

    Rendered with templates/components/form_field.html, which gives the help text the id
    `<input id>_help` and the error list `<input id>_error`.
    """

    def full_clean(self) -> None:
        super().full_clean()
        for name, field in self.fields.items():
            bound = self[name]
            described_by = []
            if field.help_text:
                described_by.append(f"{bound.auto_id}_help")
            if name in self.errors:
                described_by.append(f"{bound.auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if described_by:
                field.widget.attrs["aria-describedby"] = " ".join(described_by)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}_help"


class AccessibleForm(AccessibleFormMixin, forms.Form):
    pass


class AccessibleModelForm(AccessibleFormMixin, forms.ModelForm):
    pass


class AccessibilityFeedbackForm(AccessibleForm):
    """Barriere melden: only the description is required, so anyone can report anonymously."""

    description = forms.CharField(
        label=_("Welche Barriere ist Ihnen begegnet?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_("Beschreiben Sie bitte, was nicht funktioniert hat und womit Sie die Seite genutzt haben."),
        error_messages={"required": _("Bitte beschreiben Sie die Barriere.")},
    )
    page_url = forms.CharField(label=_("Auf welcher Seite?"), max_length=500, required=False,
                               help_text=_("Adresse oder Titel der Seite (freiwillig)"))
    name = forms.CharField(label=_("Ihr Name (freiwillig)"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse (freiwillig)"),
        required=False,
        help_text=_("Nur wenn Sie eine Antwort wünschen."),
        error_messages={"invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de.")},
    )
    # Bots fill every field; people never see this one.
    website = forms.CharField(required=False, label=_("Bitte leer lassen"))


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: each message at its field, or above the form when the
    service names no field the form has (services validate too, so the API and the CLI get the same messages)."""
    errors = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    for field, messages in errors.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
