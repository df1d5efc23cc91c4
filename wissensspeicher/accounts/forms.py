"""Forms for sign-up details, the profile, editor requests, decisions and API tokens."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wissensspeicher.accounts.models import EditorRequest
from wissensspeicher.core.forms import AccessibleForm
from wissensspeicher.municipalities.forms import MunicipalityField
from wissensspeicher.municipalities.models import ModelProject


class ProfileFieldsMixin(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=True,
                           error_messages={"required": _("Bitte geben Sie Ihren Namen an.")})
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False,
                                   help_text=_("z. B. Stadtverwaltung, Landkreis, Verein"))
    municipality = MunicipalityField(
        label=_("Kommune"), required=False,
        help_text=_("Die Kommune, für die Sie arbeiten: Name oder Amtlicher Gemeindeschlüssel. Bei mehrdeutigen Namen zeigen wir Ihnen die Auswahl."),
    )
    function = forms.CharField(label=_("Funktion"), max_length=200, required=False,
                               help_text=_("z. B. Digitalisierungsbeauftragte"))


class SignupProfileForm(ProfileFieldsMixin, AccessibleForm):
    """Extra fields on allauth's sign-up form; the profile is written once the account exists."""

    def signup(self, request, user) -> None:
        from wissensspeicher.accounts.services import profile_update

        profile_update(user, **{k: self.cleaned_data.get(k) for k in ("name", "organisation", "municipality", "function")})


class ProfileForm(ProfileFieldsMixin, AccessibleForm):
    pass


class EditorRequestForm(AccessibleForm):
    model_project = forms.ModelChoiceField(
        label=_("Modellprojekt"), queryset=ModelProject.objects.order_by("name"),
        empty_label=_("Bitte wählen"),
        error_messages={"required": _("Bitte wählen Sie das Modellprojekt."), "invalid_choice": _("Bitte wählen Sie ein Modellprojekt aus der Liste.")},
    )
    message = forms.CharField(
        label=_("Begründung"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000, required=True,
        help_text=EditorRequest._meta.get_field("message").help_text,
        error_messages={"required": _("Bitte beschreiben Sie kurz Ihre Rolle im Modellprojekt.")},
    )


class EditorRequestDecisionForm(AccessibleForm):
    decision = forms.ChoiceField(
        label=_("Entscheidung"), choices=[("approve", _("Bestätigen")), ("decline", _("Ablehnen"))], widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie „Bestätigen“ oder „Ablehnen“.")},
    )
    note = forms.CharField(label=_("Anmerkung (wird der Person mitgeteilt)"), widget=forms.Textarea(attrs={"rows": 3}),
                           max_length=2000, required=False)


class ApiTokenForm(AccessibleForm):
    name = forms.CharField(label=_("Bezeichnung"), max_length=100,
                           help_text=_("Wofür Sie den Schlüssel verwenden, z. B. „Import aus dem Rathaus-CMS“"),
                           error_messages={"required": _("Bitte geben Sie eine Bezeichnung an.")})


class AccountDeleteForm(AccessibleForm):
    confirm = forms.BooleanField(
        label=_("Ja, mein Konto und meine persönlichen Daten sollen gelöscht werden."),
        error_messages={"required": _("Bitte bestätigen Sie, dass Sie Ihr Konto löschen möchten.")},
    )
