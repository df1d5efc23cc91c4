"""Forms of Start Smart: the public Interessensbekundung and the four pipeline actions of coordination staff."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wissensspeicher.core.forms import AccessibleForm, DateInput
from wissensspeicher.measures.models import FieldOfAction
from wissensspeicher.municipalities.forms import MunicipalityField
from wissensspeicher.startsmart.models import PipelineState, WantedFormat

DATE_WIDGET = DateInput()
DATE_ERRORS = {"invalid": _("Bitte geben Sie ein Datum an, z. B. 2026-03-15.")}


class ExpressionOfInterestForm(AccessibleForm):
    """The public form; the address is confirmed through a link (double opt-in)."""

    municipality = MunicipalityField(
        label=_("Kommune"),
        help_text=_("Name oder Amtlicher Gemeindeschlüssel, z. B. „Zwiesel“ oder „09276148“. Bei mehrdeutigen Namen zeigen wir Ihnen die Auswahl."),
        error_messages={"required": _("Bitte geben Sie Ihre Kommune an.")},
    )
    contact_name = forms.CharField(label=_("Ansprechperson"), max_length=200,
                                   error_messages={"required": _("Bitte geben Sie eine Ansprechperson an.")},
                                   widget=forms.TextInput(attrs={"autocomplete": "name"}))
    function = forms.CharField(label=_("Funktion"), max_length=200, help_text=_("z. B. Digitalisierungsbeauftragte, Bürgermeister"),
                               error_messages={"required": _("Bitte geben Sie Ihre Funktion in der Kommune an.")},
                               widget=forms.TextInput(attrs={"autocomplete": "organization-title"}))
    email = forms.EmailField(label=_("E-Mail-Adresse"), help_text=_("Sie erhalten einen Link, mit dem Sie die Anfrage bestätigen."),
                             error_messages={"required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
                                             "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@kommune.de.")},
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(label=_("Telefon (freiwillig)"), max_length=50, required=False,
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}))
    topics = forms.ModelMultipleChoiceField(
        label=_("Themen (Handlungsfelder)"), queryset=FieldOfAction.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("Wählen Sie die Handlungsfelder, die Ihre Kommune angehen möchte."))
    formats = forms.MultipleChoiceField(
        label=_("Gewünschte Formate"), choices=WantedFormat.choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("Mehrfachauswahl möglich."),
        error_messages={"required": _("Bitte wählen Sie mindestens ein Format."),
                        "invalid_choice": _("Bitte wählen Sie Formate aus der Liste.")})
    message = forms.CharField(label=_("Ihr Anliegen (freiwillig)"), max_length=5000, required=False,
                              widget=forms.Textarea(attrs={"rows": 5}),
                              help_text=_("Was möchten Sie erreichen, wo stehen Sie gerade?"))
    consent = forms.BooleanField(
        label=_("Ich willige ein, dass die Koordinierungsstelle meine Angaben speichert, um die Anfrage zu bearbeiten und mich dazu zu kontaktieren."),
        help_text=_("Sie können die Einwilligung jederzeit per E-Mail widerrufen. Einzelheiten in der Datenschutzerklärung."),
        error_messages={"required": _("Bitte willigen Sie in die Verarbeitung Ihrer Angaben ein, damit wir Ihre Anfrage bearbeiten können.")})
    website = forms.CharField(required=False, label=_("Bitte leer lassen"))  # honeypot for bots, hidden by form_fields.html


class TransitionForm(AccessibleForm):
    """Move a request to one of the states allowed from its current one."""

    to_state = forms.ChoiceField(label=_("Neuer Stand"), widget=forms.RadioSelect,
                                 error_messages={"required": _("Bitte wählen Sie den neuen Stand."),
                                                 "invalid_choice": _("Dieser Stand ist von hier aus nicht möglich.")})
    note = forms.CharField(label=_("Interne Notiz (freiwillig)"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    next_step = forms.CharField(label=_("Nächster Schritt (freiwillig)"), max_length=300, required=False,
                                help_text=_("Steht bei „Initialberatung vereinbart“ und „in Begleitung“ in der E-Mail an die Kommune."))
    next_step_date = forms.DateField(label=_("Datum des nächsten Schritts (freiwillig)"), required=False, widget=DATE_WIDGET,
                                     error_messages=DATE_ERRORS)

    def __init__(self, *args, allowed_states=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_state"].choices = [(state, PipelineState(state).label) for state in allowed_states]


class AssignForm(AccessibleForm):
    assignee = forms.ModelChoiceField(label=_("Zuständig"), queryset=None, required=False, empty_label=_("niemand"),
                                      error_messages={"invalid_choice": _("Bitte wählen Sie eine Person aus der Liste.")})

    def __init__(self, *args, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff
        self.fields["assignee"].label_from_instance = lambda user: getattr(getattr(user, "profile", None), "name", "") or user.get_username()


class NextStepForm(AccessibleForm):
    next_step = forms.CharField(label=_("Nächster Schritt"), max_length=300, required=False,
                                help_text=_("Leer lassen, um den nächsten Schritt zu entfernen."))
    next_step_date = forms.DateField(label=_("Datum"), required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS)


class NoteForm(AccessibleForm):
    text = forms.CharField(label=_("Notiz"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": _("Bitte schreiben Sie eine Notiz.")})
