"""Who may do what in the Suche-Biete-Pool (django-rules predicates, used by pages and API alike)."""

from __future__ import annotations

import rules

from wissensspeicher.accounts.rules import is_member, is_moderator


@rules.predicate
def is_owner(user, posting) -> bool:
    return posting is not None and user.is_authenticated and posting.owner_id == user.pk


@rules.predicate
def is_public(_user, posting) -> bool:
    return posting is not None and posting.status not in ("hidden", "withdrawn")


@rules.predicate
def is_open(_user, posting) -> bool:
    return posting is not None and posting.status == "open"


rules.add_perm("marketplace.view_posting", is_public | is_owner | is_moderator)
rules.add_perm("marketplace.add_posting", is_member)
rules.add_perm("marketplace.change_posting", (is_owner & is_member & ~rules.predicate(lambda u, p: p is not None and p.status == "hidden")) | is_moderator)
rules.add_perm("marketplace.message_posting", is_open)
rules.add_perm("marketplace.report_posting", is_member & is_public)
rules.add_perm("marketplace.moderate_posting", is_moderator)
rules.add_perm("marketplace.view_inbox", is_member)
