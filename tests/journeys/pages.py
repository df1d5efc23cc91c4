"""Every page type of the site, in one place: the accessibility and HTML checks walk this list.

Add each new page type here (with the role that sees it) when you build it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageType:
    name: str
    path: str
    role: str = "visitor"  # visitor | member | editor | moderator (demo accounts, see README)
    status: int = 200


PAGE_TYPES: list[PageType] = [
    PageType("home", "/"),
    PageType("measure list", "/massnahmen/"),
    PageType("measure list, filtered and paged", "/massnahmen/?state=nordrhein-westfalen&status=verstetigt&status=in-umsetzung&sort=title&page=2"),
    PageType("search results with snippets", "/massnahmen/?q=Dorfl%C3%A4den"),
    PageType("search results with typo correction and filter", "/massnahmen/?q=Verkehrsz%C3%A4hlunng&state=bayern"),
    PageType("search results, exact title match", "/massnahmen/?q=%22digitaler+Zwilling%22&nur_titel=1&exakt=1"),
    PageType("measure list, no results", "/massnahmen/?state=bremen&fields_of_action=energie"),
    PageType("measure detail", "/massnahmen/{measure_id}/"),
    PageType("model project list", "/modellprojekte/"),
    PageType("model project detail", "/modellprojekte/5-fuer-suedwestfalen/"),
    PageType("municipality search", "/kommunen/?q=Soest"),
    PageType("municipality detail", "/kommunen/05974040/"),
    PageType("district detail", "/kommunen/09475/"),
    PageType("data sources", "/datenquellen/"),
    PageType("imprint", "/impressum/"),
    PageType("privacy", "/datenschutz/"),
    PageType("accessibility statement", "/barrierefreiheit/"),
    PageType("easy read", "/leichte-sprache/"),
    PageType("not found", "/gibt-es-nicht/", status=404),
    PageType("contact relay form", "/massnahmen/{contact_measure_id}/kontakt/"),
    PageType("login", "/konto/login/"),
    PageType("sign-up", "/konto/signup/"),
    PageType("password reset", "/konto/password/reset/"),
    PageType("member dashboard", "/konto/uebersicht/", role="member"),
    PageType("profile form", "/konto/profil/", role="member"),
    PageType("editor rights request", "/konto/redaktionsrechte/", role="member"),
    PageType("account deletion", "/konto/loeschen/", role="member"),
    PageType("second factor settings", "/konto/2fa/", role="member"),
    PageType("e-mail addresses", "/konto/email/", role="member"),
    PageType("editor dashboard", "/konto/uebersicht/", role="editor"),
    PageType("measure create form", "/massnahmen/neu/", role="editor"),
    PageType("measure edit form", "/massnahmen/{draft_id}/bearbeiten/", role="editor"),
    PageType("measure editorial page", "/massnahmen/{draft_id}/redaktion/", role="editor"),
    PageType("measure versions", "/massnahmen/{contact_measure_id}/versionen/", role="editor"),
    PageType("measure draft preview", "/massnahmen/{draft_id}/", role="editor"),
    PageType("API tokens", "/konto/api-schluessel/", role="editor"),
    PageType("moderation queue", "/moderation/", role="moderator"),
    PageType("editor request decision", "/moderation/antraege/{request_id}/", role="moderator"),
    PageType("revision in review", "/massnahmen/{review_id}/redaktion/", role="moderator"),
    PageType("pool: postings", "/pool/"),
    PageType("pool: postings searched and filtered", "/pool/?q=Sensoren&art=offer&alle=1"),
    PageType("pool: places with map", "/pool/orte/"),
    PageType("pool: place detail", "/pool/orte/{place_slug}/"),
    PageType("pool: posting with matches", "/pool/eintraege/{posting_id}/"),
    PageType("pool: message form", "/pool/eintraege/{posting_id}/nachricht/"),
    PageType("pool: message to a place", "/pool/orte/{place_slug}/nachricht/"),
    PageType("pool: new posting", "/pool/neu/", role="member"),
    PageType("pool: my postings and messages", "/pool/postfach/", role="member"),
    PageType("pool: report form", "/pool/eintraege/{posting_id}/melden/", role="member"),
    PageType("pool: moderation", "/pool/moderation/", role="moderator"),
    PageType("pool: moderate a posting", "/pool/eintraege/{posting_id}/moderieren/", role="moderator"),
    PageType("events: upcoming", "/veranstaltungen/"),
    PageType("events: past, filtered", "/veranstaltungen/?zeit=vergangen&online=1"),
    PageType("events: detail with documents", "/veranstaltungen/{past_event_slug}/"),
    PageType("events: detail, open for registration", "/veranstaltungen/{event_slug}/"),
    PageType("events: guest registration", "/veranstaltungen/{guest_event_slug}/anmelden/"),
    PageType("events: detail as member", "/veranstaltungen/{event_slug}/", role="member"),
    PageType("events: attendee list", "/veranstaltungen/{event_slug}/teilnehmende/", role="moderator"),
    PageType("events: create event", "/veranstaltungen/neu/", role="moderator"),
    PageType("events: edit event", "/veranstaltungen/{event_slug}/bearbeiten/", role="moderator"),
    PageType("events: add documents to past event", "/veranstaltungen/{past_event_slug}/unterlagen/neu/", role="moderator"),
    # Start Smart (startsmart app)
    PageType("start smart: programme", "/start-smart/"),
    PageType("start smart: expression of interest form", "/start-smart/interesse/"),
    PageType("start smart: check your inbox", "/start-smart/interesse/gesendet/"),
    PageType("start smart: pipeline", "/start-smart/anfragen/", role="moderator"),
    PageType("start smart: pipeline, filtered", "/start-smart/anfragen/?zustaendig=mine&stand=accompanied", role="moderator"),
    PageType("start smart: request detail with history", "/start-smart/anfragen/{eoi_id}/", role="moderator"),
    PageType("start smart: overview per state and Bundesland", "/start-smart/uebersicht/", role="moderator"),
    # Peer learnings and working groups (communities app)
    PageType("community: peer learnings", "/peer-learnings/"),
    PageType("community: working groups", "/arbeitsgemeinschaften/"),
    PageType("community: peer learning detail", "/peer-learnings/demo-peer-learning-datenplattformen/"),
    PageType("community: working group detail", "/arbeitsgemeinschaften/demo-urbane-digitale-zwillinge/"),
    PageType("community: working group detail as member, request form", "/arbeitsgemeinschaften/demo-datenplattformen-und-open-data/",
             role="member"),
    PageType("community: working group detail as member, request open", "/arbeitsgemeinschaften/demo-urbane-digitale-zwillinge/",
             role="member"),
    PageType("community: membership request form", "/arbeitsgemeinschaften/demo-datenplattformen-und-open-data/mitmachen/",
             role="member"),
    PageType("community: working group detail as group member", "/arbeitsgemeinschaften/demo-datenplattformen-und-open-data/",
             role="editor"),
    PageType("community: document upload form", "/arbeitsgemeinschaften/demo-datenplattformen-und-open-data/dokumente/neu/",
             role="editor"),
    PageType("community: peer learning detail as moderator", "/peer-learnings/demo-peer-learning-datenplattformen/",
             role="moderator"),
    PageType("community: membership requests", "/arbeitsgemeinschaften/antraege/", role="moderator"),
    PageType("community: new group form", "/arbeitsgemeinschaften/neu/?art=peer-learning", role="moderator"),
    PageType("community: edit group form", "/arbeitsgemeinschaften/demo-urbane-digitale-zwillinge/bearbeiten/", role="moderator"),
    PageType("home, English", "/en/"),
    PageType("measure detail, English", "/en/massnahmen/{measure_id}/"),
]
