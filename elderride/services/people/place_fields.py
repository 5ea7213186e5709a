"""Every field a family fills in for a place, declared once: the family's form, the checks, the
columns, and how a field reaches the ride, dispatch, the driver and the senior are read from here.

A new field is one entry below plus a migration adding its column (to `places`, and to `bookings`
when it travels with the ride); its label and help are then filled in the translation catalogs,
and `python -m elderride.api.openapi` writes it into the dispatch contract.
"""

import dataclasses

from elderride.services.errors import N_

# What a field holds, and so how it is checked and stored (services/people/places.py):
# text: one line of text, `max_length` at most; aliases: other names, comma-separated, kept as a
# JSON list; coordinates: "latitude, longitude" as pasted from a map, kept in two columns;
# minutes: a whole number of minutes; check: a tick, kept as 0 or 1; home: the tick that makes
# the place the senior's one home.
KINDS = ("text", "aliases", "coordinates", "minutes", "check", "home")


@dataclasses.dataclass(frozen=True)
class OnTheRide:
    """How a place field travels with a ride from that place: copied onto the booking when it is
    booked (so an edit to the place never changes a ride already sent), then shown to dispatch,
    the driver and the senior."""

    # The ride's stop the value is copied from: "pickup" or "destination".
    stop: str
    # The booking document's description of the key (elderride/api/openapi.json): read by dispatch
    # systems' developers, never said to a caller.
    description: str
    # The heading before the value on the dispatcher's ride page.
    console_label: str
    # The heading before the value on the family's ride page.
    family_label: str
    # What the senior's ride page says, with the value as %(notes)s; None: not shown there.
    senior_text: str | None = None
    # The key of the TDS order telegram (2A) that carries the value; None: not sent to TDS.
    tds: str | None = None
    # The key in voice/notices/*.toml [words] read on the call that says a driver is on the way,
    # with the value as {notes}; None: not read on the phone.
    call_words: str | None = None


@dataclasses.dataclass(frozen=True)
class PlaceField:
    """One field of a place: its column, what it holds, its limits, and its words on the family's
    form."""

    name: str
    kind: str
    label: str
    hint: str | None = None
    # Refused when left empty.
    required: bool = False
    # The most characters the form's box takes (for text, also the most the check keeps).
    max_length: int = 200
    # The form's box: its input type, the browser's autofill hint, the value a new place starts
    # with.
    input_type: str = "text"
    autocomplete: str | None = None
    starts_as: object = None
    # The words before the value in the family's list of places; None: not listed there.
    list_label: str | None = None
    ride: OnTheRide | None = None


# In the order the family's form shows them. Read as `place_fields.FIELDS` when needed, never
# imported by name, so a test may declare one more.
FIELDS: tuple[PlaceField, ...] = (
    PlaceField(
        "label",
        "text",
        N_("Name of the place"),
        N_("What the senior calls it: Home, City Hospital, Lily's home."),
        required=True,
        max_length=60,
    ),
    PlaceField(
        "address",
        "text",
        N_("Address"),
        required=True,
        max_length=200,
        autocomplete="street-address",
    ),
    PlaceField(
        "coordinates",
        "coordinates",
        N_("Coordinates (if you like)"),
        N_(
            "Helps the driver find the door. In a map app, press and hold the place, copy the two "
            "numbers it shows and paste them here, such as 40.7128, -74.0060."
        ),
        max_length=60,
    ),
    PlaceField(
        "aliases",
        "aliases",
        N_("Other names they might say"),
        N_("Separated by commas: my daughter's, Lily's place."),
        max_length=700,
    ),
    PlaceField(
        "is_home",
        "home",
        N_('This is their home: rides start here, and "home" on the page and the phone means here'),
    ),
    PlaceField(
        "pickup_notes",
        "text",
        N_("Notes for the driver picking them up here"),
        N_("For example: side door on Elm Street, ring twice."),
        max_length=300,
        list_label=N_("note for the driver:"),
        ride=OnTheRide(
            "pickup",
            description=(
                "The family's notes for the driver at the pickup place (which door, ring twice)."
            ),
            console_label=N_("Pickup notes"),
            family_label=N_("Notes for the driver"),
            senior_text=N_("The driver knows: %(notes)s"),
            tds="detailedPickupLocationDescription",
            call_words="driver_note",
        ),
    ),
    PlaceField(
        "medical",
        "check",
        N_(
            "A medical place (hospital, clinic, dialysis): rides here go first and must arrive on "
            "time"
        ),
    ),
    PlaceField(
        "travel_minutes",
        "minutes",
        N_("Minutes the drive here takes"),
        N_("For appointments: the car comes this long before they must be here."),
        max_length=3,
        input_type="number",
        starts_as=30,
    ),
)


def on_the_ride(stop: str | None = None) -> list[PlaceField]:
    """Return the fields copied onto a ride (only those from `stop`, when given), in declared
    order."""
    return [
        field
        for field in FIELDS
        if field.ride is not None and (stop is None or field.ride.stop == stop)
    ]
