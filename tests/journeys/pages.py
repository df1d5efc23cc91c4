"""Every page type of the site, in one place: the accessibility and HTML checks walk this list.

Add each new page type here (with the role that sees it) when you build it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageType:
    name: str
    path: str
    role: str = "visitor"  # later: member, editor, moderator
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
    PageType("home, English", "/en/"),
    PageType("measure detail, English", "/en/massnahmen/{measure_id}/"),
]
