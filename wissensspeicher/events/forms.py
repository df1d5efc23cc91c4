"""Forms of the events app."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wissensspeicher.core.forms import AccessibleForm


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
