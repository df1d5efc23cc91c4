"""Who may do what with events (django-rules predicates, used by pages, services and API alike)."""

from __future__ import annotations

import rules

from wissensspeicher.accounts.rules import is_member, is_moderator


@rules.predicate
def is_published(_user, event) -> bool:
    return event is not None and event.is_published


rules.add_perm("events.view_event", is_published | is_moderator)
# Members register with one click; guests go through the double opt-in and need no permission.
rules.add_perm("events.register_for_event", is_member & is_published)
rules.add_perm("events.view_registrations", is_moderator)
rules.add_perm("events.change_event", is_moderator)
