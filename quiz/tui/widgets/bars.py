"""Text bars and sparklines: shares drawn with block characters, readable with no colour at all."""

BAR_WIDTH = 20
_TICKS = "▁▂▃▄▅▆▇█"


def bar(share: float, width: int = BAR_WIDTH) -> str:
    """A share in [0, 1] as a bar of filled (█) and empty (░) cells."""
    filled = round(share * width)
    return "█" * filled + "░" * (width - filled)


def sparkline(values: list[float], width: int = 12) -> str:
    """The last `width` shares in [0, 1], one character each, from ▁ (none) to █ (all)."""
    return "".join(_TICKS[round(v * (len(_TICKS) - 1))] for v in values[-width:])
