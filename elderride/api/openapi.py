"""The OpenAPI 3.1 description of the dispatch API (kept beside the views it describes)."""

from elderride.services import assignments, fields
from elderride.services.lifecycle import STATES as _STATES

# no_show is no state change: the driver is there and the senior is not (a welfare check). eta is
# a new ETA for a car on its way; arrived says it is at the door (an assigned ride becomes
# arriving).
EVENT_TYPES = (
    "assigned",
    "arriving",
    "picked_up",
    "completed",
    "no_car",
    "cancelled",
    "forwarded",
    "no_show",
    "eta",
    "arrived",
)

_TEXT = {"type": ["string", "null"]}
_ERROR = {
    "description": "An error, with a message a person can act on.",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


def _report_field(name, limit):
    """A driver or car field of a status report, as assignments.check_report takes it."""
    if name in assignments.REQUIRED:
        return {
            "type": "string",
            "minLength": 1,
            "maxLength": limit,
            "pattern": fields.VISIBLE_PATTERN,
        }
    return {"type": "string", "maxLength": limit, "pattern": fields.PRINTABLE_PATTERN}


def document(server_url):
    """Return the OpenAPI document for a server at `server_url`."""
    booking_id = {
        "name": "booking_id",
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 1},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "elderride dispatch API",
            "version": "1",
            "description": "Bookings for an external dispatch system, and its status reports back. "
            "Bookings also arrive by webhook, signed X-ElderRide-Signature: sha256=<hex "
            "HMAC-SHA256 of the body>.",
        },
        "servers": [{"url": server_url}],
        "security": [{"bearer": []}],
        "paths": {
            "/api/v1/bookings": {
                "get": {
                    "operationId": "listBookings",
                    "summary": "Bookings, newest first",
                    "description": "A page at a time, newest first. `next` (also sent as a"
                    ' `Link: <…>; rel="next"` header) '
                    "is the address of the page of older bookings, null on the last page; a page "
                    "never shifts as new bookings arrive.",
                    "parameters": [
                        {
                            "name": "state",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "enum": list(_STATES)},
                        },
                        {
                            "name": "limit",
                            "in": "query",
                            "required": False,
                            "description": "Bookings per page (default 100).",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 200},
                        },
                        {
                            "name": "before",
                            "in": "query",
                            "required": False,
                            "description": "The cursor from a `next` link (the id of the last "
                            "booking shown): only bookings older than it.",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 2**63 - 1},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "Bookings",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["bookings", "next"],
                                        "properties": {
                                            "bookings": {
                                                "type": "array",
                                                "items": {"$ref": "#/components/schemas/Booking"},
                                            },
                                            "next": {
                                                "type": ["string", "null"],
                                                "format": "uri",
                                                "description": "The next page of older bookings, "
                                                "or null.",
                                            },
                                        },
                                    }
                                }
                            },
                        },
                        "400": _ERROR,
                        "401": _ERROR,
                    },
                }
            },
            "/api/v1/bookings/{booking_id}": {
                "get": {
                    "operationId": "getBooking",
                    "summary": "One booking and its event log",
                    "parameters": [booking_id],
                    "responses": {
                        "200": {
                            "description": "The booking",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["booking", "events"],
                                        "properties": {
                                            "booking": {"$ref": "#/components/schemas/Booking"},
                                            "events": {
                                                "type": "array",
                                                "items": {"$ref": "#/components/schemas/Event"},
                                            },
                                        },
                                    }
                                }
                            },
                        },
                        "401": _ERROR,
                        "404": _ERROR,
                    },
                }
            },
            "/api/v1/bookings/{booking_id}/events": {
                "post": {
                    "operationId": "reportEvent",
                    "summary": "Report a status change (idempotent on the event's id)",
                    "description": "`no_show` reports a driver waiting for a senior who has not "
                    "come out (only while the ride is assigned or arriving): the senior is called, "
                    "and the family if nobody answers within 3 minutes. It changes no state.",
                    "parameters": [booking_id],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/StatusReport"}
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "The booking after the report",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["booking"],
                                        "properties": {
                                            "booking": {"$ref": "#/components/schemas/Booking"}
                                        },
                                    }
                                }
                            },
                        },
                        "400": _ERROR,
                        "401": _ERROR,
                        "404": _ERROR,
                        "409": _ERROR,
                        "413": _ERROR,
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {"type": "string"},
                        "field": {"type": "string"},
                        "state": {"type": "string"},
                    },
                },
                "Place": {"type": "object", "properties": {"label": _TEXT, "address": _TEXT}},
                "Booking": {
                    "type": "object",
                    "required": [
                        "id",
                        "state",
                        "channel",
                        "pickup",
                        "destination",
                        "needs",
                        "driver",
                        "created_at",
                        "updated_at",
                    ],
                    "properties": {
                        "id": {"type": "integer"},
                        "state": {"type": "string", "enum": list(_STATES)},
                        "channel": {
                            "type": "string",
                            "enum": ["web", "phone", "family", "dispatcher"],
                        },
                        "senior_id": {"type": ["integer", "null"]},
                        "caller_phone": _TEXT,
                        "pickup": {"$ref": "#/components/schemas/Place"},
                        "destination": {"$ref": "#/components/schemas/Place"},
                        "pickup_at": {
                            **_TEXT,
                            "description": "When the car should come (UTC); null for now.",
                        },
                        "appointment_at": {
                            **_TEXT,
                            "description": "When the senior must be there (UTC), if they said; "
                            "pickup_at is then this less the family's travel allowance.",
                        },
                        "pickup_notes": {
                            **_TEXT,
                            "description": "The family's notes for the driver at the pickup "
                            "place (which door, ring twice).",
                        },
                        "needs": {"type": "array", "items": {"type": "string"}},
                        "driver": {
                            "type": "object",
                            "properties": {
                                "name": _TEXT,
                                "phone": _TEXT,
                                "car_make": _TEXT,
                                "car_colour": _TEXT,
                                "plate": _TEXT,
                                "eta_minutes": {"type": ["integer", "null"]},
                            },
                        },
                        "created_at": {"type": "string"},
                        "updated_at": {"type": "string"},
                        "return_of": {
                            "type": ["integer", "null"],
                            "description": "For a trip back, the id of the ride out.",
                        },
                        "return_ride": {
                            "type": ["integer", "null"],
                            "description": "The id of this ride's trip back, if one is booked.",
                        },
                        "no_show": {
                            "oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/NoShow"}],
                            "description": "The latest no-show welfare check of this ride.",
                        },
                    },
                },
                "NoShow": {
                    "type": "object",
                    "description": "A driver waiting and the senior not there: a welfare check "
                    "(calling the senior, then the family), never a fee.",
                    "required": ["state", "reported_at"],
                    "properties": {
                        "state": {
                            "type": "string",
                            "enum": ["calling", "answered", "escalated", "resolved"],
                        },
                        "reported_at": {"type": "string"},
                        "escalate_at": _TEXT,
                        "escalated_at": _TEXT,
                        "resolved_at": _TEXT,
                    },
                },
                "Event": {
                    "type": "object",
                    "properties": {
                        "at": {"type": "string"},
                        "event": {"type": "string"},
                        "from_state": _TEXT,
                        "to_state": {"type": "string"},
                        "actor": {"type": "string"},
                    },
                },
                "StatusReport": {
                    "type": "object",
                    "required": ["id", "type"],
                    "properties": {
                        "id": {
                            "type": "string",
                            "minLength": 1,
                            "maxLength": 100,
                            "pattern": fields.PRINTABLE_PATTERN,
                            "description": "Your id for this report (no control characters); a "
                            "replay is ignored.",
                        },
                        "type": {"type": "string", "enum": list(EVENT_TYPES)},
                        **{
                            name: _report_field(name, limit)
                            for name, limit in assignments.FIELDS.items()
                        },
                        "eta_minutes": {
                            "type": "integer",
                            "minimum": 0,
                            "maximum": assignments.ETA_MAX,
                        },
                    },
                    # An assignment says who is coming, in what car, and when.
                    "if": {"properties": {"type": {"const": "assigned"}}},
                    "then": {"required": list(assignments.REQUIRED)},
                    # A new ETA says how many minutes.
                    "else": {
                        "if": {"properties": {"type": {"const": "eta"}}},
                        "then": {"required": ["eta_minutes"]},
                    },
                    "examples": [
                        {
                            "id": "evt-1",
                            "type": "assigned",
                            "driver_name": "Sam Lee",
                            "driver_phone": "+15550100123",
                            "car_make": "Toyota",
                            "car_colour": "Blue",
                            "plate": "ABC 123",
                            "eta_minutes": 5,
                        },
                        {"id": "evt-2", "type": "eta", "eta_minutes": 4},
                        {"id": "evt-3", "type": "arrived"},
                    ],
                },
            },
        },
    }
