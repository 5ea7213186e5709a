"""Our needs as the special-attribute codes of TCRP Report 210's Transactional Data Specification
(TDS): ours stay the source, these are how a scheduler reads them."""

from collections.abc import Iterable

# Each need and the TDS codes that say it (spec/schema.xsd, specialAttributesList). A car easy to
# get into has no code of its own: schedulers read it in the needs and the notes.
TDS_CODES: dict[str, tuple[str, ...]] = {
    "walker": ("WA",),  # Mobility aid: walker
    "wheelchair": ("W",),  # Mobility aid: wheelchair
    "hearing": ("HIP",),  # Service needs: hearing impaired
    "meet_at_door": ("D2D",),  # Service needs: door to door
    "easy_entry": (),
}


def tds_codes(needs: Iterable[str]) -> list[str]:
    """Return the TDS special-attribute codes for a ride's needs, each once, in the needs' order."""
    codes: list[str] = []
    for need in needs:
        codes += [code for code in TDS_CODES.get(need, ()) if code not in codes]
    return codes
