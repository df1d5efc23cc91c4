"""Demo events (fictional, written for this project): every format, upcoming and past, a peer-learning series,
registrations of the demo accounts and one full event with a waiting list.

Dates are relative to today, so the calendar never runs empty. Registrations are written directly rather than
through the services: demo data must not send e-mails.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wissensspeicher.events.models import (
    DocumentKind,
    Event,
    EventDocument,
    EventFormat,
    EventMode,
    EventSeries,
    Registration,
    RegistrationStatus,
    event_document_upload_to,
)
from wissensspeicher.core.uploads import file_store_once
from wissensspeicher.measures.models import FieldOfAction
from wissensspeicher.municipalities.models import ModelProject, Municipality

DEMO_DOMAIN = "demo.wissensspeicher.example"

# slug, format, title, days from today, start hour, hours, mode, venue, capacity, allow_guests, host municipality name, description
EVENTS = [
    ("regionalkonferenz-nord", EventFormat.REGIONAL_CONFERENCE, "Regionalkonferenz Nord: Smarte Region gemeinsam gestalten", 21, 9, 7,
     EventMode.ON_SITE, "Kulturzentrum, Hafenstraße 12, 24103 Kiel", 120, True, "Kiel",
     "Kommunen aus Schleswig-Holstein, Hamburg, Bremen, Niedersachsen und Mecklenburg-Vorpommern tauschen sich über "
     "Datenplattformen, Mobilität im ländlichen Raum und Beteiligung aus. Mit Marktplatz der Modellprojekte."),
    ("kongress-smart-cities", EventFormat.CONGRESS, "Kongress Smart Cities: Von der Erprobung in die Fläche", 60, 10, 30,
     EventMode.HYBRID, "Congress Center, Messe-Allee 1, 04356 Leipzig", 400, True, "Leipzig",
     "Zwei Tage mit Vorträgen, Werkstätten und Exkursionen: Was haben die Modellprojekte gelernt, und wie übertragen "
     "andere Kommunen die Ergebnisse?"),
    ("kick-off-staffel-neu", EventFormat.KICKOFF, "Kick-off-Workshop für neue Kommunen im Netzwerk", 10, 13, 4,
     EventMode.ON_SITE, "Rathaus, Marktplatz 1, 89073 Ulm", 40, False, "Ulm",
     "Für Kommunen, die gerade einsteigen: Wie finden Sie passende Maßnahmen, Ansprechpersonen und Fördermöglichkeiten?"),
    ("themenwerkstatt-urbane-datenplattform", EventFormat.THEME_WORKSHOP, "Themenwerkstatt Urbane Datenplattformen", 35, 10, 6,
     EventMode.ON_SITE, "Stadtlabor, Bahnhofstraße 5, 59821 Arnsberg", 12, False, "Arnsberg",
     "Betrieb, Kosten und Datenmodelle offener Datenplattformen: drei Kommunen berichten, danach arbeiten wir an Ihren Fragen."),
    ("webinar-open-source-beschaffen", EventFormat.WEBINAR, "Webinar: Open-Source-Software rechtssicher beschaffen", 7, 11, 1.5,
     EventMode.ONLINE, "", 300, True, None,
     "Vergaberecht, Lizenzen und Betrieb: Wie Kommunen quelloffene Lösungen ausschreiben und gemeinsam weiterentwickeln."),
    ("webinar-digitale-beteiligung", EventFormat.WEBINAR, "Webinar: Digitale Beteiligung, die alle erreicht", 28, 14, 1.5,
     EventMode.ONLINE, "", 250, True, None,
     "Barrierefreie Beteiligungsplattformen, Ansprache älterer Menschen und die Verbindung von online und vor Ort."),
    # past
    ("regionalkonferenz-sued", EventFormat.REGIONAL_CONFERENCE, "Regionalkonferenz Süd: Klimaanpassung mit Daten", -45, 9, 7,
     EventMode.ON_SITE, "Stadthalle, Kaiserstraße 2, 76133 Karlsruhe", 150, True, "Karlsruhe",
     "Hitzeaktionspläne, Starkregenvorsorge und Sensornetze: Erfahrungen aus Baden-Württemberg und Bayern."),
    ("kongress-vorjahr", EventFormat.CONGRESS, "Kongress Smart Cities des Vorjahres: Daten für das Gemeinwohl", -200, 10, 30,
     EventMode.HYBRID, "Station Berlin, Luckenwalder Straße 4–6, 10963 Berlin", 500, True, "Berlin",
     "Rückblick mit Folien und Protokollen aller Foren."),
    ("kick-off-vorjahr", EventFormat.KICKOFF, "Kick-off-Workshop: Start in das Netzwerk", -120, 13, 4,
     EventMode.ON_SITE, "Rathaus, Am Markt 1, 06108 Halle (Saale)", 40, False, "Halle (Saale)",
     "Einstieg für neue Kommunen: Wissensspeicher, Peer Learning und Beratung."),
    ("themenwerkstatt-mobilitaet-land", EventFormat.THEME_WORKSHOP, "Themenwerkstatt Mobilität auf dem Land", -20, 10, 6,
     EventMode.HYBRID, "Kreishaus, Schlossplatz 3, 37574 Einbeck", 25, False, None,
     "Rufbusse, Mitfahrbänke und Mobilitätsstationen: was funktioniert, was kostet es, wer betreibt es?"),
    ("webinar-lorawan", EventFormat.WEBINAR, "Webinar: LoRaWAN-Sensornetze für kleine Kommunen", -10, 11, 1.5,
     EventMode.ONLINE, "", 300, True, None,
     "Aufbau, Kosten und Betrieb eines Funknetzes für Pegel-, Parkplatz- und Bodenfeuchtesensoren."),
]

SERIES_MEETINGS = [
    (-60, "Auftakt: Ziele und Ausgangslage"),
    (30, "Zwischenstand: Datenmodelle und Betrieb"),
    (120, "Abschluss: Übertragen und verstetigen"),
]

DOCUMENTS = [("Folien", DocumentKind.SLIDES, "folien.pdf"), ("Protokoll", DocumentKind.MINUTES, "protokoll.pdf")]


def demo_events_present() -> bool:
    return Event.objects.filter(is_demo=True).exists()


MINUTES = """# Protokoll: {title}

Datum: {date}
Ort: {where}

## Ablauf
1. Begrüßung und Vorstellungsrunde
2. Impulse aus zwei Modellprojekten
3. Arbeit in Kleingruppen
4. Ergebnisse und nächste Schritte

## Ergebnisse
- Die Teilnehmenden wünschen sich Vorlagen für Ausschreibungen und Kooperationsverträge.
- Mehrere Kommunen wollen Daten nach gemeinsamen Standards bereitstellen, damit Lösungen übertragbar bleiben.
- Für kleine Kommunen sind Verbünde mit Nachbarkommunen und dem Landkreis der wichtigste Hebel.

## Nächste Schritte
- Die Koordinierungsstelle sammelt die Vorlagen und stellt sie im Wissensspeicher bereit.
- Interessierte Kommunen melden sich für eine Initialberatung über Start Smart.

(Demo-Daten: fiktives Protokoll)
"""


def _minutes(event: Event, filename: str) -> None:
    """A protocol as an uploaded file, reused when an earlier load (of another database) stored the same text."""
    data = MINUTES.format(title=event.title, date=timezone.localtime(event.start).strftime("%d.%m.%Y"),
                          where=event.venue_address or event.get_mode_display()).encode("utf-8")
    document = EventDocument(event=event, title=f"Protokoll: {event.title}", kind=DocumentKind.MINUTES)
    file_store_once(document.file, event_document_upload_to(document, filename), data)
    document.save()


def _aware(days: int, hour: int):
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _registration(event: Event, *, user=None, name: str, email: str, organisation: str, status: str, minutes: int) -> None:
    Registration.objects.create(event=event, user=user, name=name, email=email.lower(), organisation=organisation, status=status,
                                confirmed_at=timezone.now() if status == RegistrationStatus.CONFIRMED else None,
                                created_at=timezone.now() - dt.timedelta(days=3, minutes=-minutes), is_demo=True)


@transaction.atomic
def demo_events_load() -> int | None:
    """Create the demo events once; returns how many events were created, None if they are already there."""
    if demo_events_present():
        return None
    fields = list(FieldOfAction.objects.all())
    created: list[Event] = []
    for n, (slug, event_format, title, days, hour, hours, mode, venue, capacity, guests, host, description) in enumerate(EVENTS):
        start = _aware(days, hour)
        municipality = Municipality.objects.filter(short_name=host).order_by("level").first() if host else None
        event = Event.objects.create(
            slug=f"demo-{slug}", format=event_format, title=title, description=description, start=start,
            end=start + dt.timedelta(hours=hours), mode=mode, venue_address=venue,
            online_link="https://konferenz.example.org/raum/" + slug if mode != EventMode.ON_SITE else "",
            host_municipality=municipality, capacity=capacity, allow_guests=guests, is_published=True, is_demo=True,
            registration_opens=start - dt.timedelta(days=90))
        if fields:
            event.fields_of_action.set([fields[n % len(fields)], fields[(n * 3 + 1) % len(fields)]])
        if days < 0:
            EventDocument.objects.create(event=event, title=f"Folien: {title}", kind=DocumentKind.SLIDES,
                                         url=f"https://example.org/veranstaltungen/{slug}/folien.pdf")
            _minutes(event, f"protokoll-{slug}.md")
        created.append(event)

    project = ModelProject.objects.order_by("cohort", "name").first()
    series = EventSeries.objects.create(
        title="Peer Learning Urbane Datenplattformen", slug="demo-peer-learning-datenplattformen", host_model_project=project, is_demo=True,
        description="Sechs Kommunen lernen über ein Jahr voneinander, wie sie eine Datenplattform aufbauen und dauerhaft betreiben.")
    for number, (days, subtitle) in enumerate(SERIES_MEETINGS, start=1):
        start = _aware(days, 10)
        event = Event.objects.create(
            slug=f"demo-peer-learning-datenplattformen-{number}", format=EventFormat.PEER_LEARNING,
            title=f"Peer Learning Urbane Datenplattformen, Treffen {number}: {subtitle}",
            description=series.description, start=start, end=start + dt.timedelta(hours=5), mode=EventMode.HYBRID,
            venue_address="Rathaus, Münsterplatz 1, 89073 Ulm", online_link="https://konferenz.example.org/raum/peer-learning",
            host_model_project=project, capacity=15, allow_guests=False, is_published=True, series=series, is_demo=True)
        if days < 0:
            for label, kind, filename in DOCUMENTS:
                EventDocument.objects.create(event=event, title=f"{label} von Treffen {number}", kind=kind,
                                             url=f"https://example.org/peer-learning/treffen-{number}/{filename}")
        created.append(event)

    # The Themenwerkstatt is full: twelve seats taken, three people waiting.
    workshop = Event.objects.get(slug="demo-themenwerkstatt-urbane-datenplattform")
    for n in range(workshop.capacity + 3):
        _registration(workshop, name=f"Teilnehmerin {n + 1}", email=f"teilnahme{n + 1}@kommune.example", organisation="Stadt Beispielhausen",
                      status=RegistrationStatus.CONFIRMED if n < workshop.capacity else RegistrationStatus.WAITING, minutes=n)

    # The demo accounts, when they are loaded, are already registered for a few events to try out cancelling.
    accounts = list(get_user_model().objects.filter(email__endswith="@" + DEMO_DOMAIN).order_by("email"))
    targets = ["demo-webinar-open-source-beschaffen", "demo-kongress-smart-cities", "demo-kick-off-staffel-neu"]
    for user, slug in zip(accounts, targets * 2, strict=False):
        event = Event.objects.get(slug=slug)
        if not Registration.objects.filter(event=event, email=user.email.lower()).exists():
            _registration(event, user=user, name=user.get_full_name() or user.email.split("@")[0], email=user.email,
                          organisation="", status=RegistrationStatus.CONFIRMED, minutes=0)
    return len(created)
