"""Demo peer learnings and working groups (filled in next)."""


def demo_communities_load() -> int:
    return 0
