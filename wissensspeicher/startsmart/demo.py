"""Demo expressions of interest (fictional, written for this project) in every pipeline state, with history.

Rows are written directly rather than through the services: demo data must not send e-mails. Dates are relative
to today, so next steps always lie ahead and the history always lies behind.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wissensspeicher.measures.models import FieldOfAction
from wissensspeicher.municipalities.models import Municipality
from wissensspeicher.startsmart.models import ExpressionOfInterest, PipelineEntry, PipelineEntryKind, PipelineState, WantedFormat

DEMO_MODERATOR = "moderation@demo.wissensspeicher.example"
S = PipelineState
F = WantedFormat

# The steps each demo request went through after "new", to reach its current state.
PATHS = {
    S.NEW: [],
    S.IN_REVIEW: [S.IN_REVIEW],
    S.CONSULTATION_SCHEDULED: [S.IN_REVIEW, S.CONSULTATION_SCHEDULED],
    S.ACCOMPANIED: [S.IN_REVIEW, S.CONSULTATION_SCHEDULED, S.ACCOMPANIED],
    S.COMPLETED: [S.IN_REVIEW, S.CONSULTATION_SCHEDULED, S.ACCOMPANIED, S.COMPLETED],
    S.DECLINED: [S.IN_REVIEW, S.DECLINED],
}
MAILED = {S.CONSULTATION_SCHEDULED, S.ACCOMPANIED, S.COMPLETED, S.DECLINED}

# AGS, contact, function, e-mail, state, days since submission, formats, topic slugs, message, next step, in days, note
REQUESTS = [
    ("09276148", "Theresa Gruber", "Geschäftsleitung Stadtverwaltung", "t.gruber@zwiesel.example", S.ACCOMPANIED, 160,
     [F.PEER_LEARNING, F.THEME_WORKSHOP], ["kultur-und-tourismus", "daten-und-digitale-infrastruktur"],
     "Wir möchten Gästeinformation, Parken und Veranstaltungen im Bayerischen Wald digital zusammenführen und suchen "
     "Kommunen mit ähnlicher Größe zum Austausch.", "Zweites Treffen der Peer-Learning-Gruppe Tourismusdaten", 18,
     "Sehr engagiertes Team, Bürgermeister unterstützt das Vorhaben ausdrücklich."),
    ("14628270", "Dr. Henrik Lorenz", "Stabsstelle Digitalisierung", "digital@pirna.example", S.ACCOMPANIED, 140,
     [F.PEER_LEARNING, F.CONSULTATION], ["klimaanpassung-und-resilienz", "wasser-und-abwasser"],
     "Nach den Hochwassern der letzten Jahre wollen wir Pegeldaten und Warnungen besser nutzen und von anderen "
     "Städten an Flüssen lernen.", "Hospitation bei einem Modellprojekt mit Pegelsensorik planen", 25,
     "Passt gut in die Peer-Learning-Gruppe Starkregen und Hochwasser."),
    ("12069632", "Maren Voigt", "Amtsleitung Bauen und Stadtentwicklung", "m.voigt@treuenbrietzen.example", S.ACCOMPANIED, 120,
     [F.PEER_LEARNING], ["laendlicher-raum-und-landwirtschaft", "beteiligung-und-teilhabe"],
     "Wir haben im alten Bahnhof einen kleinen Coworking-Raum eröffnet, wollen die Erfahrungen mit anderen ländlichen "
     "Kommunen teilen und zugleich Neues zur digitalen Beteiligung lernen.", "Beitrag für das Peer-Learning-Treffen vorbereiten", 12,
     "Bringt viel eigene Erfahrung mit, kann anderen Kommunen der Gruppe helfen."),
    ("12070424", "Jana Krüger", "Wirtschaftsförderung", "wirtschaft@wittenberge.example", S.NEW, 2,
     [F.KICKOFF, F.CONSULTATION], ["wirtschaft-und-handel", "mobilitaet"],
     "Die Innenstadt soll mit digitalen Angeboten belebt werden. Wir wissen noch nicht, wo wir anfangen sollen.", "", 0, ""),
    ("06636003", "Stefan Weiß", "Hauptamt, IT-Koordination", "it@eschwege.example", S.NEW, 5,
     [F.CONSULTATION], ["verwaltung-und-buergerservice"],
     "Wir möchten unsere Onlinedienste bürgerfreundlicher machen und suchen Beispiele, die schon gut funktionieren.", "", 0, ""),
    ("05958032", "Katharina Brenner", "Klimaschutzmanagerin", "klima@meschede.example", S.NEW, 1,
     [F.THEME_WORKSHOP, F.PEER_LEARNING], ["energie", "umwelt-und-klima"],
     "Wir planen ein Energiemonitoring für die städtischen Gebäude.", "", 0, ""),
    ("03159017", "Ole Petersen", "Fachdienst Stadtentwicklung", "stadtentwicklung@hann-muenden.example", S.IN_REVIEW, 12,
     [F.KICKOFF, F.THEME_WORKSHOP], ["stadtplanung-und-bauen", "daten-und-digitale-infrastruktur"],
     "Für die Altstadtsanierung möchten wir ein 3D-Stadtmodell nutzen.", "Rückfrage zu Zeitplan und Haushaltsmitteln stellen", 3,
     "Fördersituation klären, bevor wir eine Initialberatung anbieten."),
    ("16072018", "Sandra Hoffmann", "Büroleitung Bürgermeister", "buero@sonneberg.example", S.IN_REVIEW, 9,
     [F.CONSULTATION, F.KICKOFF], ["bildung", "soziales-und-zusammenhalt"],
     "Digitale Angebote für Seniorinnen und Senioren und die Schulen im Stadtgebiet.", "Telefonat mit Frau Hoffmann", 4, ""),
    ("04012000", "Malte Jansen", "Referat Digitalisierung", "digitalisierung@bremerhaven.example", S.IN_REVIEW, 15,
     [F.THEME_WORKSHOP], ["mobilitaet", "klimaanpassung-und-resilienz"],
     "Wir suchen Austausch zu Sensorik im Hafenumfeld und zur Hitzevorsorge.", "Abgleich mit laufenden Themenwerkstätten", 6,
     "Prüfen, ob eine bestehende Themenwerkstatt passt."),
    ("08437100", "Benedikt Maier", "Stadtbaumeister", "bauamt@bad-saulgau.example", S.CONSULTATION_SCHEDULED, 30,
     [F.CONSULTATION, F.THEME_WORKSHOP], ["stadtplanung-und-bauen", "energie"],
     "Wärmeplanung und digitale Bauanträge sind unsere Schwerpunkte.", "Initialberatung per Videokonferenz", 9,
     "Agenda vorab an die Stadt senden."),
    ("13075144", "Anke Lindner", "Kämmerin", "kaemmerei@wolgast.example", S.CONSULTATION_SCHEDULED, 26,
     [F.CONSULTATION], ["verwaltung-und-buergerservice", "kultur-und-tourismus"],
     "Als kleine Stadt an der Küste wollen wir Verwaltung und Tourismus digital besser verbinden.",
     "Initialberatung im Rathaus Wolgast", 14, ""),
    ("07339005", "Paul Schneider", "Smart-City-Beauftragter", "smartcity@bingen.example", S.CONSULTATION_SCHEDULED, 21,
     [F.CONSULTATION, F.PEER_LEARNING], ["daten-und-digitale-infrastruktur", "mobilitaet"],
     "Der Stadtrat hat eine Digitalstrategie beschlossen; jetzt geht es an die Umsetzung.", "Initialberatung per Videokonferenz", 7,
     "Digitalstrategie liegt vor, bitte vor dem Termin lesen."),
    ("10042114", "Claudia Becker", "Bürgermeisteramt", "rathaus@mettlach.example", S.COMPLETED, 300,
     [F.KICKOFF, F.CONSULTATION], ["kultur-und-tourismus", "laendlicher-raum-und-landwirtschaft"],
     "Digitale Besucherlenkung an der Saarschleife.", "", 0, "Abschlussbericht liegt vor; Ergebnisse im Wissensspeicher eingetragen."),
    ("15085235", "Michael Franke", "Sachgebiet IT und Organisation", "it@quedlinburg.example", S.COMPLETED, 260,
     [F.THEME_WORKSHOP], ["kultur-und-tourismus", "verwaltung-und-buergerservice"],
     "Welterbe digital erlebbar machen und die Verwaltung modernisieren.", "", 0, "Themenwerkstatt erfolgreich abgeschlossen."),
    ("01062004", "Lea Hansen", "Fachbereich Bürgerdienste", "buergerdienste@bad-oldesloe.example", S.DECLINED, 45,
     [F.KICKOFF], ["verwaltung-und-buergerservice"],
     "Wir suchen einen Dienstleister für die Einführung eines Ratsinformationssystems.", "", 0,
     "Anliegen ist eine Beschaffung, keine Begleitung; auf Beratungsangebote des Landes verwiesen."),
    ("14521020", "Robert Seidel", "Ortsvorsteher", "ortschaft@annaberg-buchholz.example", S.DECLINED, 60,
     [F.CONSULTATION], ["soziales-und-zusammenhalt"],
     "Anfrage für einen einzelnen Ortsteil.", "", 0, "Anfrage bitte über die Stadtverwaltung stellen; Kontakt weitergegeben."),
]
# Submitted, but the e-mail address was never confirmed: stays outside the pipeline.
UNCONFIRMED = ("07233501", "Nina Roth", "Verbandsgemeindeverwaltung, Tourismus", "tourismus@daun.example", 1)


def demo_startsmart_present() -> bool:
    return ExpressionOfInterest.objects.filter(is_demo=True).exists()


def _history(eoi: ExpressionOfInterest, moderator, submitted: dt.datetime, state: str, note: str) -> None:
    """Entries for the way from submission to the current state, spread over the days since."""
    PipelineEntry.objects.create(expression_of_interest=eoi, kind=PipelineEntryKind.SUBMITTED, to_state=S.NEW, created_at=submitted)
    at = submitted + dt.timedelta(hours=2)
    PipelineEntry.objects.create(expression_of_interest=eoi, kind=PipelineEntryKind.CONFIRMED, created_at=at)
    path = PATHS[state]
    if moderator is not None and path:
        at += dt.timedelta(hours=20)
        PipelineEntry.objects.create(expression_of_interest=eoi, kind=PipelineEntryKind.ASSIGNED, actor=moderator,
                                     text="Zuständig: Carola Stein", created_at=at)
    span = max((timezone.now() - at).total_seconds() - 3600, 0)
    previous = S.NEW
    for n, step in enumerate(path, start=1):
        at_step = at + dt.timedelta(seconds=span * n / (len(path) + 1))
        PipelineEntry.objects.create(expression_of_interest=eoi, kind=PipelineEntryKind.STATE, actor=moderator, from_state=previous,
                                     to_state=step, municipality_notified=step in MAILED, created_at=at_step)
        previous = step
    if note:
        PipelineEntry.objects.create(expression_of_interest=eoi, kind=PipelineEntryKind.NOTE, actor=moderator, text=note,
                                     created_at=timezone.now() - dt.timedelta(minutes=30))
    if eoi.next_step:
        PipelineEntry.objects.create(expression_of_interest=eoi, kind=PipelineEntryKind.NEXT_STEP, actor=moderator,
                                     text=f"{eoi.next_step} ({eoi.next_step_date:%d.%m.%Y})", created_at=timezone.now() - dt.timedelta(minutes=20))


@transaction.atomic
def demo_startsmart_load() -> int:
    """Create the demo requests once (every pipeline state, one unconfirmed); returns how many were created."""
    if demo_startsmart_present():
        return 0
    moderator = get_user_model().objects.filter(email=DEMO_MODERATOR).first()
    topics = {f.slug: f for f in FieldOfAction.objects.all()}
    today = timezone.localdate()
    created = 0
    for (key, name, function, email, state, days, formats, topic_slugs, message, next_step, next_in, note) in REQUESTS:
        municipality = Municipality.objects.filter(key=key).first()
        if municipality is None:  # a registry without this Gemeinde (e.g. a trimmed test registry)
            continue
        submitted = timezone.now() - dt.timedelta(days=days)
        eoi = ExpressionOfInterest.objects.create(
            municipality=municipality, contact_name=name, function=function, email=email, formats=list(formats), message=message,
            consent_at=submitted, confirmed_at=submitted + dt.timedelta(hours=2), state=state,
            assignee=moderator if PATHS[state] else None, next_step=next_step,
            next_step_date=today + dt.timedelta(days=next_in) if next_step else None, is_demo=True, created_at=submitted)
        eoi.topics.set([topics[slug] for slug in topic_slugs if slug in topics])
        _history(eoi, moderator, submitted, state, note)
        created += 1
    key, name, function, email, days = UNCONFIRMED
    municipality = Municipality.objects.filter(key=key).first()
    if municipality is not None:
        submitted = timezone.now() - dt.timedelta(days=days)
        eoi = ExpressionOfInterest.objects.create(
            municipality=municipality, contact_name=name, function=function, email=email, formats=[F.KICKOFF],
            message="Wir interessieren uns für einen Kick-off-Workshop.", consent_at=submitted, is_demo=True, created_at=submitted)
        PipelineEntry.objects.create(expression_of_interest=eoi, kind=PipelineEntryKind.SUBMITTED, to_state=S.NEW, created_at=submitted)
        created += 1
    return created
