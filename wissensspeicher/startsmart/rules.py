"""Who may do what in Start Smart (django-rules predicates, used by pages and services alike)."""

from __future__ import annotations

import rules

from wissensspeicher.accounts.rules import is_moderator

# Submitting an Interessensbekundung is public (double opt-in instead of an account).
rules.add_perm("startsmart.submit_expression_of_interest", rules.always_allow)
# The pipeline holds personal data of municipal staff: coordination staff (moderators) only.
rules.add_perm("startsmart.view_pipeline", is_moderator)
rules.add_perm("startsmart.change_expression_of_interest", is_moderator)
