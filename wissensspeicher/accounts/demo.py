"""Demo accounts and editorial work in progress, so a newcomer sees roles and the workflow at once.

Loaded by `manage.py load_demo_data` together with the demo measures (never in production unless
LOAD_DEMO_DATA is set). The passwords and the moderator's TOTP secret are public (README): these
accounts exist only to try the platform out.
"""

from __future__ import annotations

import datetime as dt

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wissensspeicher.accounts.services import editor_request_create, moderator_grant, profile_update
from wissensspeicher.accounts.models import ProjectEditor
from wissensspeicher.measures.models import FieldOfAction, Measure, PublicationState
from wissensspeicher.measures.services import editorial
from wissensspeicher.municipalities.models import ModelProject, Municipality

DEMO_DOMAIN = "demo.wissensspeicher.example"
MODERATOR_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # base32; README shows it for authenticator apps
ACCOUNTS = [
    # email local part, password, name, organisation, municipality key, function
    ("moderation", "Demo-Moderation-2026", "Carola Stein", "Koordinierungs- und Transferstelle Modellprojekte Smart Cities", "", "Moderation Wissensspeicher"),
    ("redaktion", "Demo-Redaktion-2026", "Jonas Albrecht", "Stadt Ulm, Geschäftsstelle Digitale Agenda", "08421000", "Projektkoordination Smart City"),
    ("mitglied", "Demo-Mitglied-2026", "Aylin Demir", "Gemeinde Hagenburg", "", "Digitalisierungsbeauftragte"),
]
CONTACTS = {
    "demo-1-004": ("Dr. Miriam Scholz", "Leitung Digitaler Zwilling"),
    "demo-1-005": ("Tobias Wendt", "Koordination Verschwörhaus"),
    "demo-1-001": ("Sabine Krüger", "Datenkoordinatorin"),
}


def demo_accounts_present() -> bool:
    return get_user_model().objects.filter(email__endswith="@" + DEMO_DOMAIN).exists()


def _account(local: str, password: str, name: str, organisation: str, municipality_key: str, function: str):
    email = f"{local}@{DEMO_DOMAIN}"
    user = get_user_model().objects.create_user(username=local + "-demo", email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    municipality = Municipality.objects.filter(key=municipality_key).first() if municipality_key else None
    profile_update(user, name=name, organisation=organisation, municipality=municipality, function=function)
    return user


@transaction.atomic
def demo_accounts_load() -> bool:
    """Create the demo accounts, editor rights and some measures in each workflow state; False if present."""
    if demo_accounts_present() or not Measure.objects.filter(is_demo=True).exists():
        return False
    moderator, editor, member = (_account(*row) for row in ACCOUNTS)
    moderator_grant(moderator)
    TOTP.activate(moderator, MODERATOR_TOTP_SECRET)
    moderator = get_user_model().objects.get(pk=moderator.pk)  # fresh: permission caches

    ulm, solingen = ModelProject.objects.get(name="Ulm"), ModelProject.objects.get(name="Solingen")
    for project in (ulm, solingen):
        ProjectEditor.objects.create(user=editor, model_project=project, granted_by=moderator)
    editor = get_user_model().objects.get(pk=editor.pk)
    editor_request_create(member, ModelProject.objects.get(name="Kaiserslautern"),
                          message="Ich betreue in der Verbandsgemeinde die Nachnutzung des Bürgerportals und möchte unsere Erfahrungen bei den Maßnahmen ergänzen.")

    for external_id, (name, role) in CONTACTS.items():
        Measure.objects.filter(external_id=external_id).update(
            contact_name=name, contact_role=role, contact_email=f"{external_id}@{DEMO_DOMAIN}", contact_consent=True)

    # A new draft of Ulm, written by the editor.
    template = Measure.objects.get(external_id="demo-1-005")
    content = editorial.content_of(template)
    content.values.update(
        title="Sensorboxen für Schulhöfe: Hitze und Luftqualität messen",
        summary="Schülerinnen und Schüler bauen im Makerspace Messboxen und werten die Daten im Unterricht aus.",
        description=("Ausgangslage: Schulhöfe heizen sich im Sommer stark auf, Daten dazu fehlen.\n\n"
                     "Vorgehen: In Projektwochen bauen Klassen Sensorboxen für Temperatur, Luftfeuchte und Feinstaub; "
                     "die Werte laufen in die städtische Datenplattform.\n\nStand: Entwurf, Abstimmung mit dem Schulamt läuft."),
        contact_name="", contact_role="", contact_email="", contact_consent=False,
    )
    content.fields_of_action = list(FieldOfAction.objects.filter(slug__in=["bildung", "umwelt-und-klima"])) or content.fields_of_action
    draft = editorial.measure_create(editor, ulm, content)
    Measure.objects.filter(pk=draft.pk).update(is_demo=True)

    # A measure of Solingen sent for review, with a question from the moderation.
    in_review = editorial.measure_revision_start(editor, Measure.objects.get(external_id="demo-1-003"))
    changed = editorial.content_of(in_review)
    changed.values["summary"] = ("Ein KI-Assistent beantwortet Fragen zu Ausweisen, Abfall und Parken rund um die Uhr – "
                                 "seit 2026 auch in Leichter Sprache und auf Türkisch.")
    editorial.measure_update(editor, in_review, changed)
    editorial.measure_submit(editor, in_review)
    editorial.measure_comment(moderator, in_review, text="Danke! Können Sie ergänzen, wie viele Anfragen der Assistent im Monat beantwortet?")

    # A published measure not checked for eight months: its editors see it under "Bitte prüfen".
    old = timezone.now() - dt.timedelta(days=240)
    Measure.objects.filter(external_id="demo-1-002").update(last_checked_at=old)
    return True
