"""Demo expressions of interest (filled in next)."""


def demo_startsmart_load() -> int:
    return 0
