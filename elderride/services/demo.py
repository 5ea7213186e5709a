"""The demo data of docs/design.md: the same people, places and accounts on every run."""

from typing import Any

from sqlite_utils import Database

from elderride.services import clock
from elderride.services.outgoing import consent
from elderride.services.people import accounts, contacts, places, seniors
from elderride.store import writing

# Demo passwords are printed by `elderride seed-demo` and exist only in demo data.
FAMILY_EMAIL = "lily@example.com"
FAMILY_PASSWORD = "lily-demo-password"
DISPATCHER_EMAIL = "dispatch@example.com"
DISPATCHER_PASSWORD = "dispatch-demo-password"

# The regions the demo's numbers are in (fictional +1 555… and +86 138…).
DEMO_REGIONS = ("US", "CN")

SENIORS: list[dict[str, Any]] = [
    {
        "name": "Margaret Chen",
        "family": FAMILY_EMAIL,
        "language": "en",
        "timezone": "America/New_York",
        "needs": ["walker", "meet_at_door"],
        "notes": "Walks with a walker; please ring the bell and wait.",
        "numbers": [("+15550100001", "landline")],
        "places": [
            ("Home", "12 Elm Street", ["home", "my house"]),
            ("City Hospital", "400 River Road", ["hospital", "the hospital", "clinic"]),
            (
                "Lily's home",
                "88 Oak Avenue",
                ["my daughter's", "Lily's", "Lily's place", "daughter"],
            ),
        ],
        "contacts": [
            ("Lily Chen", "daughter", "+15550100002", True),
            ("Tom Chen", "son", "+15550100003", False),
        ],
    },
    {
        "name": "王秀英",
        "language": "zh",
        "timezone": "Asia/Shanghai",
        "needs": ["easy_entry"],
        "notes": "",
        "numbers": [("+8613800000001", "mobile")],
        "places": [
            ("家", "西湖区文三路100号", ["回家", "我家"]),
            ("市第一人民医院", "浣纱路261号", ["医院", "一院", "人民医院"]),
            ("女儿家", "滨江区江南大道88号", ["女儿那里", "闺女家", "娜娜家"]),
        ],
        "contacts": [("李娜", "女儿", "+8613800000002", True)],
    },
]
# A clinic each senior's family ticked as medical, by the senior's number: `serve --demo` and
# `seed-demo` add them so a newcomer sees a ride there listed first with the medical mark. The
# tests' demo data leaves them out (docs/design.md lists three places a senior).
MEDICAL_CLINICS: dict[str, tuple[str, str, list[str]]] = {
    "+15550100001": ("Kidney Care Clinic", "25 Mill Lane", ["dialysis", "kidney clinic"]),
    "+8613800000001": ("透析中心", "庆春路79号", ["透析", "肾病门诊"]),
}
# The demo's dispatch center is where its first senior lives.
CENTER_TIMEZONE: str = SENIORS[0]["timezone"]


def strangers(db: Database) -> dict[str, int]:
    """Return how many accounts and seniors the demo did not make, by kind (none: a demo's own)."""
    # Staff come only from `elderride create-staff`, an operator's act: any but the demo's
    # dispatcher means the database is used for real, seeded or not.
    counts = {
        "staff": db.execute(
            "select count(*) from staff where email != ?", [DISPATCHER_EMAIL]
        ).fetchone()[0]
    }
    # Visitors to a demo sign up and add seniors too: in a database the demo seeded, theirs are
    # the demo's. In any other, every account and senior must be one the demo makes.
    if not db.table("demo_seeded").count:
        demo_numbers = [number for spec in SENIORS for number, _ in spec["numbers"]]
        marks = ", ".join("?" for _ in demo_numbers)
        counts["family"] = db.execute(
            "select count(*) from family_members where email != ?", [FAMILY_EMAIL]
        ).fetchone()[0]
        counts["seniors"] = db.execute(
            "select count(*) from seniors where not exists (select 1 from senior_phones"
            f" where senior_phones.senior_id = seniors.id and phone in ({marks}))",
            demo_numbers,
        ).fetchone()[0]
    return {kind: count for kind, count in counts.items() if count}


def seed(db: Database, *, medical_clinics: bool = False) -> dict[str, list[int]]:
    """Create the demo data on a database that has none of it (with `medical_clinics`, the clinics
    marked medical too); return what was created."""
    if db.table("seniors").count:
        raise ValueError("The database already has seniors; demo data goes only into an empty one.")
    created: dict[str, list[int]] = {"seniors": []}
    with writing(db):
        family_id = accounts.create_family_member(
            db,
            email=FAMILY_EMAIL,
            name="Lily Chen",
            password=FAMILY_PASSWORD,
            email_confirmed=True,
            trusted_by="demo",
        )
        accounts.create_staff(
            db, email=DISPATCHER_EMAIL, name="Demo dispatcher", password=DISPATCHER_PASSWORD
        )
        for spec in SENIORS:
            senior_id = seniors.create_senior(
                db,
                name=spec["name"],
                language=spec["language"],
                timezone=spec["timezone"],
                needs=spec["needs"],
                notes=spec["notes"],
                numbers=spec["numbers"],
                allowed_regions=DEMO_REGIONS,
            )
            for phone, _kind in spec["numbers"]:
                consent.agree(db, phone, via="demo")
            for label, address, aliases in spec["places"]:
                places.add_place(db, senior_id, label=label, address=address, aliases=aliases)
            for name, relation, phone, notify in spec["contacts"]:
                # The demo's numbers are fictional and its own: they count as having said YES.
                consent.agree(db, phone, via="demo")
                contacts.add_contact(
                    db,
                    senior_id,
                    name=name,
                    relation=relation,
                    phone=phone,
                    notify=notify,
                    allowed_regions=DEMO_REGIONS,
                )
            if spec.get("family") == FAMILY_EMAIL:
                accounts.link_senior(db, family_id, senior_id)
            created["seniors"].append(senior_id)
        if medical_clinics:
            add_medical_clinics(db)
        db.table("demo_seeded").insert({"id": 1, "at": clock.iso()}, replace=True)
    return created


def add_medical_clinics(db: Database) -> list[int]:
    """Add each demo senior's clinic marked medical (MEDICAL_CLINICS); return the places' ids."""
    added = []
    with writing(db):
        for phone, (label, address, aliases) in MEDICAL_CLINICS.items():
            row = db.execute(
                "select senior_id from senior_phones where phone = ?", [phone]
            ).fetchone()
            if row is not None:
                added.append(
                    places.add_place(
                        db, row[0], label=label, address=address, aliases=aliases, medical=True
                    )
                )
    return added
