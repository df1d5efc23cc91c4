"""Demo peer learning and working groups (fictional, written for this project).

The peer learning uses the demo peer-learning series of the events app as its meetings and takes its participants from
the demo expressions of interest in state "accompanied". Rows are written directly rather than through the services:
demo data must not send e-mails. Meeting dates are relative to today, so there is always something ahead.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wissensspeicher.communities.models import (
    Community,
    CommunityDocument,
    CommunityKind,
    CommunityMembership,
    CommunityOrganisation,
    DocumentVisibility,
    MembershipStatus,
    document_upload_to,
)
from wissensspeicher.core.uploads import file_store_once
from wissensspeicher.events.models import Event, EventFormat, EventMode, EventSeries
from wissensspeicher.municipalities.models import Level, ModelProject, Municipality
from wissensspeicher.startsmart.models import ExpressionOfInterest, PipelineState

DEMO_DOMAIN = "demo.wissensspeicher.example"
PEER_LEARNING_SERIES = "demo-peer-learning-datenplattformen"  # created by wissensspeicher/events/demo.py
PEER_LEARNING_SLUG = "demo-peer-learning-datenplattformen"
TWINS_SLUG = "demo-urbane-digitale-zwillinge"
OPEN_DATA_SLUG = "demo-datenplattformen-und-open-data"
PARTICIPANTS = ["Zwiesel", "Pirna", "Treuenbrietzen"]

PROTOCOL = """# Protokoll Auftakttreffen

**Peer Learning Urbane Datenplattformen** – fiktives Demo-Dokument

## Teilnehmende
Gastgebendes Modellprojekt sowie die Kommunen Zwiesel, Pirna und Treuenbrietzen.

## Ergebnisse
1. Jede Kommune beschreibt bis zum nächsten Treffen drei Datensätze, die sie zuerst veröffentlichen möchte.
2. Das Modellprojekt stellt sein Betriebskonzept und die Kostenaufstellung für die Plattform vor.
3. Offene Frage: Wer betreibt die Plattform nach dem Ende der Förderung?

## Nächste Schritte
- Datensätze sammeln (alle Kommunen)
- Muster-Leistungsbeschreibung teilen (Modellprojekt)
"""

CHECKLIST = """# Checkliste: Erste Schritte zur Datenplattform

Fiktives Demo-Dokument, öffentlich.

- [ ] Ziel festlegen: Welche Fragen sollen die Daten beantworten?
- [ ] Zuständigkeit klären: Wer pflegt welche Daten?
- [ ] Lizenz wählen (z. B. Datenlizenz Deutschland – Namensnennung 2.0)
- [ ] Offene Schnittstellen und offene Formate verlangen
- [ ] Betrieb und Kosten nach der Förderung planen
"""

TWINS_NOTES = """Arbeitsstand Datenmodell Gebäude und Bäume

Fiktives Demo-Dokument, nur für Mitglieder.

- Gebäude: LoD2 aus den Landesvermessungsdaten, ergänzt um Nutzungsarten
- Bäume: Baumkataster mit Standort, Art, Kronendurchmesser, Bewässerungsbedarf
- Offene Punkte: Aktualisierungszyklus, Schnittstelle zum Geoportal
"""

CONTRACT_DRAFT = """Entwurf: Mustervertrag für den Betrieb einer urbanen Datenplattform

Fiktives Demo-Dokument, nur für Mitglieder. Stand: Diskussion in der Arbeitsgemeinschaft.

§ 1 Gegenstand: Betrieb, Wartung und Weiterentwicklung der Plattform als Open-Source-Software
§ 2 Datenhoheit: Alle Daten bleiben Eigentum der Kommune; Export jederzeit in offenen Formaten
§ 3 Verfügbarkeit: 99,5 % im Monatsmittel, Wartungsfenster nach Absprache
§ 4 Ausstieg: Übergabe an einen anderen Betreiber innerhalb von drei Monaten
"""

# slug, title, description, member model projects, series meetings (days from today, title), documents
WORKING_GROUPS = [
    (TWINS_SLUG, "Urbane Digitale Zwillinge",
     "Kommunen und Modellprojekte, die digitale Zwillinge ihrer Stadt oder Region aufbauen, teilen hier Datenmodelle, "
     "Ausschreibungsunterlagen und Erfahrungen mit Simulationen – von der Hitzevorsorge bis zur Verkehrsplanung. "
     "Die Gemeinschaft trifft sich alle zwei Monate online und einmal im Jahr vor Ort.",
     ["Connected Urban Twins (Hamburg, Leipzig, München)", "Ulm", "Solingen", "Kassel"],
     [(-40, "Digitale Zwillinge: Datenmodelle im Vergleich"), (25, "Digitale Zwillinge: Simulationen für die Hitzevorsorge")],
     [("Arbeitsstand Datenmodell Gebäude und Bäume", "datenmodell-gebaeude-baeume.txt", TWINS_NOTES, DocumentVisibility.MEMBERS),
      ("Steckbrief der Arbeitsgemeinschaft", "", "https://example.org/arbeitsgemeinschaften/digitale-zwillinge/steckbrief.pdf",
       DocumentVisibility.PUBLIC)]),
    (OPEN_DATA_SLUG, "Datenplattformen und Open Data",
     "Wie veröffentlichen Kommunen ihre Daten offen, und wie betreiben sie eine urbane Datenplattform dauerhaft? "
     "Die Arbeitsgemeinschaft sammelt Musterverträge, Lizenzhinweise und Datenkataloge und entwickelt gemeinsame "
     "Empfehlungen für kleine und mittlere Kommunen.",
     ["Solingen", "Wolfsburg", "Darmstadt"],
     [(-15, "Open Data: Lizenzen und Haftung"), (50, "Open Data: Datenkataloge nach DCAT-AP.de")],
     [("Checkliste: Erste Schritte zur Datenplattform", "checkliste-datenplattform.md", CHECKLIST, DocumentVisibility.PUBLIC),
      ("Entwurf: Mustervertrag für den Betrieb einer Datenplattform", "entwurf-mustervertrag-betrieb.txt", CONTRACT_DRAFT,
       DocumentVisibility.MEMBERS)]),
]


def demo_communities_present() -> bool:
    return Community.objects.filter(is_demo=True).exists()


def _aware(days: int, hour: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _document(community: Community, title: str, filename: str, content: str, visibility: str) -> None:
    document = CommunityDocument(community=community, title=title, visibility=visibility, is_demo=True)
    if filename:
        file_store_once(document.file, document_upload_to(document, filename), content.encode("utf-8"))
    else:
        document.url = content
    document.save()


def _municipality(short_name: str) -> Municipality | None:
    return Municipality.objects.filter(short_name=short_name, level=Level.MUNICIPALITY).order_by("key").first()


def _peer_learning() -> Community | None:
    series = EventSeries.objects.filter(slug=PEER_LEARNING_SERIES).select_related("host_model_project").first()
    host = (series.host_model_project if series else None) or ModelProject.objects.order_by("cohort", "name").first()
    if host is None:
        return None
    community = Community.objects.create(
        kind=CommunityKind.PEER_LEARNING, slug=PEER_LEARNING_SLUG, title="Peer Learning Urbane Datenplattformen",
        description=("Ein Jahr lang begleitet das Modellprojekt Kommunen, die eine eigene Datenplattform aufbauen wollen. "
                     "In drei Treffen klären die Teilnehmenden Ziele, Datenmodelle und den dauerhaften Betrieb; zwischen den "
                     "Treffen tauschen sie Unterlagen und Fragen aus."),
        host_model_project=host, series=series, is_demo=True)
    for short_name in PARTICIPANTS:
        eoi = (ExpressionOfInterest.objects.filter(municipality__short_name=short_name, state=PipelineState.ACCOMPANIED)
               .select_related("municipality").order_by("-created_at").first())
        municipality = eoi.municipality if eoi else _municipality(short_name)
        if municipality is None:
            CommunityOrganisation.objects.create(community=community, name=short_name)
        else:  # without the Start Smart demo the municipality still takes part, just without the link
            CommunityOrganisation.objects.create(community=community, municipality=municipality, expression_of_interest=eoi)
    _document(community, "Protokoll des Auftakttreffens", "protokoll-auftakt.md", PROTOCOL, DocumentVisibility.MEMBERS)
    _document(community, "Checkliste: Erste Schritte zur Datenplattform", "checkliste-datenplattform.md", CHECKLIST,
              DocumentVisibility.PUBLIC)
    return community


def _working_group(slug: str, title: str, description: str, projects: list[str], meetings, documents) -> Community:
    # get_or_create: the meetings may outlive a deleted demo group, and loading again must not fail on them.
    series, _created = EventSeries.objects.get_or_create(
        slug=f"{slug}-treffen", defaults={"title": f"Arbeitsgemeinschaft {title}", "description": description, "is_demo": True})
    for number, (days, meeting_title) in enumerate(meetings, start=1):
        start = _aware(days, 14)
        Event.objects.get_or_create(slug=f"{slug}-treffen-{number}", defaults=dict(
            format=EventFormat.WEBINAR, title=meeting_title,
            description=f"Treffen der Arbeitsgemeinschaft „{title}“. {description}", start=start, end=start + dt.timedelta(hours=2),
            mode=EventMode.ONLINE, online_link=f"https://konferenz.example.org/raum/{slug}", capacity=40, allow_guests=False,
            is_published=True, series=series, is_demo=True, registration_opens=start - dt.timedelta(days=60)))
    community = Community.objects.create(kind=CommunityKind.WORKING_GROUP, slug=slug, title=title, description=description,
                                         series=series, is_demo=True)
    for project in ModelProject.objects.filter(name__in=projects).order_by("name"):
        CommunityOrganisation.objects.create(community=community, model_project=project)
    for doc_title, filename, content, visibility in documents:
        _document(community, doc_title, filename, content, visibility)
    return community


@transaction.atomic
def demo_communities_load() -> int:
    """Create the demo peer learning and working groups once; returns how many were created (0 if already there)."""
    if demo_communities_present():
        return 0
    users = {user.email.split("@")[0]: user for user in get_user_model().objects.filter(email__endswith="@" + DEMO_DOMAIN)}
    created = []
    peer_learning = _peer_learning()
    if peer_learning:
        created.append(peer_learning)
    groups = {row[0]: _working_group(*row) for row in WORKING_GROUPS}
    created.extend(groups.values())
    moderator = users.get("moderation")
    if "redaktion" in users:
        CommunityMembership.objects.create(
            community=groups[OPEN_DATA_SLUG], user=users["redaktion"], organisation="Stadt Ulm, Geschäftsstelle Digitale Agenda",
            status=MembershipStatus.APPROVED, message="Wir bringen unsere Erfahrungen mit dem Ulmer Datenkatalog ein.",
            decided_by=moderator, decided_at=timezone.now() - dt.timedelta(days=20), is_demo=True)
    if "mitglied" in users:
        # Left open on purpose, so the moderators' queue has something to decide.
        CommunityMembership.objects.create(
            community=groups[TWINS_SLUG], user=users["mitglied"], organisation="Gemeinde Hagenburg", status=MembershipStatus.REQUESTED,
            message="Wir planen ein 3D-Stadtmodell für die Ortsentwicklung und möchten von den Erfahrungen der Gruppe lernen.",
            is_demo=True)
    return len(created)
