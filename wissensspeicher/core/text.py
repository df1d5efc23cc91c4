"""German-aware text helpers shared by several apps."""

from __future__ import annotations

from django.utils.text import slugify

_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def german_slugify(value: str) -> str:
    """Slug that spells umlauts as Germans do ("Mobilität" -> "mobilitaet", not "mobilitat")."""
    return slugify(value.translate(_TRANSLITERATION))
