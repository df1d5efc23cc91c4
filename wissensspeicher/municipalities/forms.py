"""Form fields over the registry, shared by every form that asks for a municipality."""

from __future__ import annotations

import re

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from wissensspeicher.municipalities.models import Municipality
from wissensspeicher.municipalities.selectors import municipality_describe, municipality_resolve_name

_KEY_AT_END = re.compile(r";\s*(\d{2,12})\)\s*$")


class MunicipalityField(forms.CharField):
    """A municipality typed by name ("Menden", "Landkreis Hof", an AGS or a suggestion), resolved against the registry.

    Works without JavaScript: an ambiguous name is answered with the candidates to choose from;
    with JavaScript the input suggests registry entries while typing.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 300)
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "off", "data-municipality-suggest": reverse_lazy("accounts:municipality-suggestions")})

    def prepare_value(self, value):
        if isinstance(value, Municipality):
            return municipality_describe(value)
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit() and len(value) < 7):
            municipality = Municipality.objects.filter(pk=int(value)).select_related("state").first()
            return municipality_describe(municipality) if municipality else value
        return value

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        match = _KEY_AT_END.search(text)
        if match:
            municipality = Municipality.objects.filter(key=match.group(1)).first()
            if municipality:
                return municipality
        resolved = municipality_resolve_name(text)
        if resolved.status == "resolved":
            return Municipality.objects.get(pk=resolved.municipality_id)
        if resolved.status == "ambiguous":
            raise forms.ValidationError(
                _("„%(name)s“ ist nicht eindeutig. Bitte übernehmen Sie eine dieser Angaben: %(candidates)s"),
                params={"name": text, "candidates": " · ".join(resolved.candidates[:8])},
                code="ambiguous",
            )
        raise forms.ValidationError(
            _("„%(name)s“ steht nicht im amtlichen Gemeindeverzeichnis. Prüfen Sie bitte die Schreibweise oder geben Sie den Amtlichen Gemeindeschlüssel an."),
            params={"name": text},
            code="unknown",
        )
