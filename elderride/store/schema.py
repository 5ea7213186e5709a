"""The schema, one migration per step; a released step is never edited, only followed."""

from sqlite_utils import Database, Migrations

migrations = Migrations("elderride")


@migrations()
def m001_people(db: Database) -> None:
    """Seniors, their phone numbers, preset places and family contacts."""
    db.table("seniors").create(
        {
            "id": int,
            "name": str,
            "language": str,
            # IANA name: pickup times are spoken and shown in the senior's local time
            "timezone": str,
            "needs": str,  # JSON list of need codes
            "notes": str,
            "device_token": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"name", "language", "timezone", "needs", "created_at", "updated_at"},
        defaults={"needs": "[]", "notes": "", "timezone": "UTC"},
    )
    db.table("seniors").create_index(["device_token"], unique=True)
    db.table("senior_phones").create(
        {"id": int, "senior_id": int, "phone": str, "kind": str, "created_at": str},
        pk="id",
        not_null={"senior_id", "phone", "kind", "created_at"},
        foreign_keys=[("senior_id", "seniors", "id")],
    )
    # Caller ID must name one senior, so a number belongs to one senior only.
    db.table("senior_phones").create_index(["phone"], unique=True)
    db.table("senior_phones").create_index(["senior_id"])
    db.table("places").create(
        {
            "id": int,
            "senior_id": int,
            "label": str,
            "address": str,
            "aliases": str,  # JSON list of spoken alternatives
            "position": int,
            "created_at": str,
        },
        pk="id",
        not_null={"senior_id", "label", "address", "aliases", "position", "created_at"},
        defaults={"aliases": "[]"},
        foreign_keys=[("senior_id", "seniors", "id")],
    )
    db.table("places").create_index(["senior_id", "position"])
    db.table("contacts").create(
        {
            "id": int,
            "senior_id": int,
            "name": str,
            "relation": str,
            "phone": str,
            "notify": int,
            "position": int,
            "created_at": str,
        },
        pk="id",
        not_null={"senior_id", "name", "relation", "phone", "notify", "position", "created_at"},
        defaults={"relation": "", "notify": 0},
        foreign_keys=[("senior_id", "seniors", "id")],
    )
    db.table("contacts").create_index(["senior_id", "position"])


@migrations()
def m002_accounts(db: Database) -> None:
    """Family members (linked to seniors) and staff (dispatchers)."""
    db.table("family_members").create(
        {"id": int, "email": str, "name": str, "password_hash": str, "created_at": str},
        pk="id",
        not_null={"email", "name", "password_hash", "created_at"},
    )
    db.table("family_members").create_index(["email"], unique=True)
    db.table("family_links").create(
        {"family_member_id": int, "senior_id": int, "created_at": str},
        pk=("family_member_id", "senior_id"),
        not_null={"created_at"},
        foreign_keys=[
            ("family_member_id", "family_members", "id"),
            ("senior_id", "seniors", "id"),
        ],
    )
    db.table("family_links").create_index(["senior_id"])
    db.table("staff").create(
        {
            "id": int,
            "email": str,
            "name": str,
            "role": str,
            "password_hash": str,
            "created_at": str,
        },
        pk="id",
        not_null={"email", "name", "role", "password_hash", "created_at"},
    )
    db.table("staff").create_index(["email"], unique=True)


@migrations()
def m003_bookings(db: Database) -> None:
    """Bookings and their append-only event log."""
    db.table("bookings").create(
        {
            "id": int,
            "senior_id": int,
            "caller_phone": str,
            "pickup_place_id": int,
            "pickup_label": str,
            "pickup_address": str,
            "destination_place_id": int,
            "destination_label": str,
            "destination_address": str,  # NULL: "tell the driver"
            "pickup_at": str,  # NULL: now
            "needs": str,
            "channel": str,
            "state": str,
            "idempotency_key": str,
            "call_sid": str,
            "driver_name": str,
            "driver_phone": str,
            "car_make": str,
            "car_colour": str,
            "plate": str,
            "eta_minutes": int,
            "created_by": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={
            "pickup_address",
            "needs",
            "channel",
            "state",
            "idempotency_key",
            "created_by",
            "created_at",
            "updated_at",
        },
        defaults={"needs": "[]"},
        # Place ids are soft references: the booking keeps its own copy of label and
        # address, so a family may edit or delete a place without rewriting history.
        foreign_keys=[("senior_id", "seniors", "id")],
    )
    # A retried form or a repeated Twilio request carries the same key: one booking.
    db.table("bookings").create_index(["idempotency_key"], unique=True)
    db.table("bookings").create_index(["senior_id", "state"])
    db.table("bookings").create_index(["state", "created_at"])
    db.table("booking_events").create(
        {
            "id": int,
            "booking_id": int,
            "at": str,
            "actor": str,
            "event": str,
            "from_state": str,
            "to_state": str,
            "details": str,
            "event_key": str,
        },
        pk="id",
        not_null={"booking_id", "at", "actor", "event", "to_state", "details"},
        defaults={"details": "{}"},
        foreign_keys=[("booking_id", "bookings", "id")],
    )
    db.table("booking_events").create_index(["booking_id", "id"])
    # Status reports from a dispatch system carry their own id; a replay is recognised by it.
    db.table("booking_events").create_index(["event_key"], unique=True)


@migrations()
def m004_calls(db: Database) -> None:
    """Phone calls and what the caller said in them."""
    db.table("calls").create(
        {
            "call_sid": str,
            "from_phone": str,
            "to_phone": str,
            "senior_id": int,
            "language": str,
            "state": str,
            "booking_id": int,
            "started_at": str,
            "ended_at": str,
        },
        pk="call_sid",
        not_null={"from_phone", "state", "started_at"},
        foreign_keys=[("senior_id", "seniors", "id"), ("booking_id", "bookings", "id")],
    )
    db.table("utterances").create(
        {
            "id": int,
            "call_sid": str,
            "step": str,
            "recording_url": str,
            "audio_path": str,
            "transcript": str,
            "confidence": float,
            "words": str,
            "decode_ms": float,
            "created_at": str,
        },
        pk="id",
        not_null={"call_sid", "step", "created_at"},
        foreign_keys=[("call_sid", "calls", "call_sid")],
    )
    db.table("utterances").create_index(["call_sid", "id"])


@migrations()
def m005_outbox(db: Database) -> None:
    """Work to do after a commit (texts, calls, webhooks) and the messages the built-in notifier
    keeps."""
    db.table("outbox").create(
        {
            "id": int,
            "kind": str,
            "booking_id": int,
            "ordering_key": str,
            "payload": str,
            "status": str,  # pending, done, dead
            "attempts": int,
            "next_attempt_at": str,
            "claimed_until": str,
            "claimed_by": str,
            "last_error": str,
            "created_at": str,
            "finished_at": str,
        },
        pk="id",
        not_null={
            "kind",
            "ordering_key",
            "payload",
            "status",
            "attempts",
            "next_attempt_at",
            "created_at",
        },
        defaults={"status": "pending", "attempts": 0},
        foreign_keys=[("booking_id", "bookings", "id")],
    )
    db.table("outbox").create_index(["status", "next_attempt_at"])
    db.table("outbox").create_index(["ordering_key", "id"])
    db.table("messages").create(
        {
            "id": int,
            "outbox_id": int,
            "booking_id": int,
            "channel": str,  # sms, call, email
            "recipient": str,
            "body": str,
            "created_at": str,
        },
        pk="id",
        not_null={"channel", "recipient", "body", "created_at"},
        foreign_keys=[("outbox_id", "outbox", "id"), ("booking_id", "bookings", "id")],
    )
    # The built-in notifier records each outbox entry once, however often delivery is retried.
    db.table("messages").create_index(["outbox_id", "recipient", "channel"], unique=True)


@migrations()
def m006_family_access(db: Database) -> None:
    """Failed sign-ins (for rate limits) and single-use invitations to share a senior."""
    db.table("login_failures").create(
        {"id": int, "email": str, "address": str, "at": str},
        pk="id",
        not_null={"email", "address", "at"},
    )
    db.table("login_failures").create_index(["email", "at"])
    db.table("login_failures").create_index(["address", "at"])
    db.table("invites").create(
        {
            "id": int,
            "token_hash": str,  # only the hash is kept: a database leak must not hand out seniors
            "senior_id": int,
            "created_by": int,
            "created_at": str,
            "used_by": int,
            "used_at": str,
        },
        pk="id",
        not_null={"token_hash", "senior_id", "created_by", "created_at"},
        foreign_keys=[
            ("senior_id", "seniors", "id"),
            ("created_by", "family_members", "id"),
            ("used_by", "family_members", "id"),
        ],
    )
    db.table("invites").create_index(["token_hash"], unique=True)


@migrations()
def m007_call_context(db: Database) -> None:
    """Where each phone call is in its conversation: the step, the tries, what was chosen."""
    db.table("calls").add_column("context", str, not_null_default="{}")
    db.table("calls").add_column("updated_at", str)


@migrations()
def m008_outbox_fencing(db: Database) -> None:
    """A claim token fencing each outbox lease, and the workers' heartbeats for the health check."""
    db.table("outbox").add_column("claim_token", str)
    db.table("worker_beats").create({"name": str, "beat_at": str}, pk="name", not_null={"beat_at"})
    # A row the health check writes to prove the database takes writes.
    db.table("health_probe").create({"id": int, "at": str}, pk="id")


@migrations()
def m020_sign_in_limits(db: Database) -> None:
    """Sign-in tries counted per portal (family, staff), and reset requests, for their limits."""
    # A success in one portal must never clear the other's tries for the same email.
    db.table("login_failures").add_column("portal", str, not_null_default="family")
    db.table("login_failures").create_index(["portal", "email", "address", "at"])
    db.table("login_failures").create_index(["portal", "address", "at"])
    db.table("reset_requests").create(
        {"id": int, "email": str, "address": str, "at": str},
        pk="id",
        not_null={"email", "address", "at"},
    )
    db.table("reset_requests").create_index(["email", "at"])
    db.table("reset_requests").create_index(["address", "at"])


@migrations()
def m021_session_versions(db: Database) -> None:
    """A version per account, kept in its sessions: raising it signs every device out."""
    db.table("family_members").add_column("session_version", int, not_null_default=0)
    db.table("staff").add_column("session_version", int, not_null_default=0)


@migrations()
def m022_forget_mail_bodies(db: Database) -> None:
    """Keep only the subject of mails already recorded: their bodies held people's reset links."""
    db.execute(
        "update messages set body = substr(body, 1, instr(body, char(10)) - 1)"
        " where channel = 'email' and instr(body, char(10)) > 0"
    )


@migrations()
def m023_device_token_hashes(db: Database) -> None:
    """Keep senior device links as a hash and a key (the token is derived with the secret key), not
    as the token."""
    import hashlib

    db.table("seniors").add_column("device_token_hash", str)
    db.table("seniors").add_column("device_key", str)
    db.table("seniors").create_index(["device_token_hash"], unique=True)
    # Links already handed out keep working through their hash; the token itself is forgotten.
    for senior_id, token in db.execute(
        "select id, device_token from seniors where device_token is not null"
    ).fetchall():
        db.table("seniors").update(
            senior_id,
            {"device_token_hash": hashlib.sha256(token.encode()).hexdigest(), "device_token": None},
        )


@migrations()
def m040_history_indexes(db: Database) -> None:
    """Indexes that keep each page and worker query to the rows it shows, however long the
    history."""
    # Newest-first lists of all bookings and of one senior's, walked page by page.
    db.table("bookings").create_index(["created_at"])
    db.table("bookings").create_index(["senior_id", "created_at"])
    # A booking's deliveries and messages on its console page.
    db.table("outbox").create_index(["booking_id", "id"])
    db.table("messages").create_index(["booking_id", "id"])
    # Finished entries newest first on the outbox page, and the oldest ones for pruning.
    db.table("outbox").create_index(["status", "finished_at"])
    db.table("messages").create_index(["created_at"])


@migrations()
def m041_open_ride_index(db: Database) -> None:
    """A senior's rides in one state, newest first: the open-ride check of every call and senior
    page."""
    # With (senior_id, state) alone SQLite walked all of a senior's rides by date to find an open
    # one.
    db.table("bookings").create_index(["senior_id", "state", "created_at"])
    # The new index starts with the old one's columns, so the old one only costs writes.
    db.execute("drop index if exists idx_bookings_senior_id_state")


@migrations()
def m050_home_and_pickup_notes(db: Database) -> None:
    """Home as a mark on one place, pickup notes and a travel allowance per place, and a ride's
    appointment time and notes."""
    db.table("places").add_column("is_home", int, not_null_default=0)
    db.table("places").add_column("pickup_notes", str, not_null_default="")
    db.table("places").add_column("travel_minutes", int, not_null_default=30)
    # Until now the first place was home: mark it so that every senior's rides start where they
    # did.
    db.execute(
        "update places set is_home = 1 where id in (select (select id from places as first"
        " where first.senior_id = seniors.id order by position, id limit 1) from seniors)"
    )
    db.table("bookings").add_column("appointment_at", str)
    db.table("bookings").add_column("pickup_notes", str)


@migrations()
def m060_recurring_rides(db: Database) -> None:
    """Rides the family sets to repeat, each occurrence's booking, and the return link between a
    ride and its trip back."""
    db.table("recurring_rides").create(
        {
            "id": int,
            "senior_id": int,
            "weekdays": str,  # JSON list, 0 Monday … 6 Sunday
            "at_time": str,  # HH:MM, wall-clock in the senior's time zone
            "time_kind": str,  # pickup: the car comes then; appointment: they must be there then
            "pickup_place_id": int,
            "destination_place_id": int,
            "return_kind": str,  # none, at (a time), call (when the senior calls)
            "return_time": str,  # HH:MM when return_kind is "at"
            "start_date": str,
            "end_date": str,  # NULL: no end
            "skipped": str,  # JSON list of YYYY-MM-DD dates
            "active": int,
            "created_by": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={
            "senior_id",
            "weekdays",
            "at_time",
            "time_kind",
            "pickup_place_id",
            "destination_place_id",
            "return_kind",
            "start_date",
            "skipped",
            "active",
            "created_by",
            "created_at",
            "updated_at",
        },
        defaults={"skipped": "[]", "active": 1, "return_kind": "none", "time_kind": "pickup"},
        foreign_keys=[("senior_id", "seniors", "id")],
    )
    db.table("recurring_rides").create_index(["senior_id", "active"])
    db.table("bookings").add_column("return_of", int)
    db.table("bookings").add_column("recurring_id", int)
    db.table("bookings").add_column("occurs_on", str)
    db.table("bookings").create_index(["return_of"])
    # The reminder pass reads the occurrences due soon by their time, not every booking.
    db.execute(
        "create index idx_bookings_occurrence_pickup on bookings (pickup_at)"
        " where recurring_id is not null"
    )


@migrations()
def m061_schedule_marks(db: Database) -> None:
    """One row per piece of scheduled work done (a reminder call, a failed occurrence): its
    unique key keeps two workers, or one restarted, from doing it twice."""
    db.table("schedule_marks").create(
        {"key": str, "at": str, "detail": str},
        pk="key",
        not_null={"at"},
    )


@migrations()
def m062_welfare_checks(db: Database) -> None:
    """No-show welfare checks: the driver is there and the senior is not; escalated to the family
    if nobody answers, shown to dispatchers until resolved."""
    db.table("welfare_checks").create(
        {
            "id": int,
            "booking_id": int,
            "senior_id": int,
            "state": str,  # calling, answered, escalated, resolved
            "event_key": str,
            "reported_at": str,
            "escalate_at": str,
            "answered_at": str,
            "escalated_at": str,
            "resolved_at": str,
            "resolved_by": str,
        },
        pk="id",
        not_null={"booking_id", "state", "reported_at", "escalate_at"},
        foreign_keys=[("booking_id", "bookings", "id"), ("senior_id", "seniors", "id")],
    )
    db.table("welfare_checks").create_index(["event_key"], unique=True)
    db.table("welfare_checks").create_index(["state", "escalate_at"])
    db.table("welfare_checks").create_index(["booking_id"])


@migrations()
def m070_console_drivers(db: Database) -> None:
    """Drivers the console has seen, offered again in its assign form."""
    db.table("drivers").create(
        {
            "id": int,
            "name_key": str,  # the name casefolded: "Sam Lee" and "sam lee" are one driver
            "name": str,
            "phone": str,
            "car_make": str,
            "car_colour": str,
            "plate": str,
            "rides": int,
            "last_seen_at": str,
        },
        pk="id",
        not_null={"name_key", "name", "rides", "last_seen_at"},
        defaults={"rides": 0},
    )
    db.table("drivers").create_index(["name_key"], unique=True)
    db.table("drivers").create_index(["last_seen_at"])


@migrations()
def m071_console_search_and_today(db: Database) -> None:
    """Indexes for the console's search (an unknown caller's number) and its "today" counts."""
    db.table("bookings").create_index(["caller_phone", "created_at"])
    db.table("calls").create_index(["started_at"])
    # State changes of one kind on one day: no car found, no-shows.
    db.table("booking_events").create_index(["to_state", "at"])
    # Seniors found by any word of their name, as a dispatcher types it.
    db.table("seniors").enable_fts(["name"], create_triggers=True, tokenize="unicode61")


@migrations()
def m072_welfare_checks_by_day(db: Database) -> None:
    """An index for the console's "today" count of no-shows."""
    db.table("welfare_checks").create_index(["reported_at"])


@migrations()
def m080_device_link_undo(db: Database) -> None:
    """When a senior's device link was turned off, and the link it was, so the family can undo it
    for a while."""
    # A link never made and a link turned off read differently on the family's page.
    db.table("seniors").add_column("device_revoked_at", str)
    db.table("seniors").add_column("revoked_device_key", str)
    db.table("seniors").add_column("revoked_device_token_hash", str)


@migrations()
def m081_messages_by_recipient(db: Database) -> None:
    """An index for the daily cap per number: how many texts and calls one number had lately."""
    db.table("messages").create_index(["recipient", "created_at"])


@migrations()
def m082_demo_seeded(db: Database) -> None:
    """A mark that the demo made this database, so `serve --demo` can refuse every other one."""
    db.table("demo_seeded").create({"id": int, "at": str}, pk="id")


@migrations()
def m083_caller_attestation(db: Database) -> None:
    """What a call's carrier vouched for its caller ID, whether the line believed it, and the
    seniors whose family lets an unsigned landline be believed."""
    db.table("calls").add_column("attestation", str, not_null_default="")
    db.table("calls").add_column("caller_believed", int, not_null_default=0)
    db.table("seniors").add_column("trust_unsigned_calls", int, not_null_default=0)


@migrations()
def m084_trusted_accounts(db: Database) -> None:
    """A family email confirmed by a mailed link, a cap on the seniors of each account, and public
    sign-ups counted per address."""
    db.table("family_members").add_column("email_confirmed_at", str)
    # NULL: the default cap; an operator raises it for one account (a care organisation).
    db.table("family_members").add_column("seniors_limit", int)
    # Families already using the site signed up before confirmation existed: they keep working.
    db.execute("update family_members set email_confirmed_at = created_at")
    db.table("sign_ups").create(
        {"id": int, "address": str, "at": str}, pk="id", not_null={"address", "at"}
    )
    db.table("sign_ups").create_index(["address", "at"])


@migrations()
def m085_text_consent(db: Database) -> None:
    """Whether each number agreed to hear from elderride (keyed by E.164 number), and every answer
    it gave, with its time."""
    db.table("text_consents").create(
        {
            "phone": str,
            # asked: the opt-in request went, no answer yet; in: YES; out: STOP
            "state": str,
            "via": str,  # reply, demo, operator, migration
            "asked_at": str,
            "changed_at": str,
        },
        pk="phone",
        not_null={"state", "via", "changed_at"},
    )
    db.table("text_consent_events").create(
        {"id": int, "phone": str, "event": str, "via": str, "detail": str, "at": str},
        pk="id",
        not_null={"phone", "event", "via", "at"},
    )
    db.table("text_consent_events").create_index(["phone", "at"])
    # Families in use are not cut off by the upgrade: a number that already got our texts or calls
    # counts as having agreed. It can say STOP like any other, and the first text after the
    # upgrade is no different from the last before it.
    db.execute(
        """
        insert or ignore into text_consents (phone, state, via, changed_at)
        select phone, 'in', 'migration', strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now') from (
          select recipient as phone from messages where channel in ('text', 'call')
          union
          select json_extract(payload, '$.to') from outbox
          where kind in ('text', 'call') and status = 'done'
        ) where phone like '+%'
        """
    )
    db.execute(
        "insert into text_consent_events (phone, event, via, detail, at)"
        " select phone, 'in', 'migration', 'texted before consent was asked', changed_at"
        " from text_consents"
    )


@migrations()
def m086_trusted_families(db: Database) -> None:
    """Which family accounts a person vouched for (who, when), and why a ride waits for a
    dispatcher."""
    import datetime

    db.table("family_members").add_column("trusted_at", str)
    db.table("family_members").add_column("trusted_by", str)
    # Families already riding must not find their next car held: they count as vouched for.
    now = datetime.datetime.now(datetime.UTC).isoformat(timespec="milliseconds")
    db.execute(
        "update family_members set trusted_at = ?, trusted_by = 'migration'"
        " where trusted_at is null",
        [now],
    )
    # NULL for every ride not held for a reason of its own (a phone address nobody understood).
    db.table("bookings").add_column("review_reason", str)


@migrations()
def m087_contact_is_a_family_member(db: Database) -> None:
    """Which family account a contact is, so the one who acted is not texted about it."""
    db.table("contacts").add_column("member_id", int)


@migrations()
def m088_texts_read(db: Database) -> None:
    """Each text the line has read, by Twilio's MessageSid, so a replayed one changes nothing; and
    seniors' own numbers, no longer agreed by being typed, keep the agreement they showed."""
    db.table("texts_read").create(
        {"message_sid": str, "phone": str, "received_at": str},
        pk="message_sid",
        not_null={"phone", "received_at"},
    )
    # A senior's number we already called or texted, or that called us with believed caller ID,
    # is not cut off by the upgrade; any other waits for its YES or its own call (as m085 did
    # for the numbers texted before consent was asked).
    db.execute(
        """
        insert or ignore into text_consents (phone, state, via, changed_at)
        select phone, 'in', 'migration', strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
        from senior_phones where phone in (
          select recipient from messages where channel in ('text', 'call')
          union
          select from_phone from calls where caller_believed = 1
        )
        """
    )
    db.execute(
        "insert into text_consent_events (phone, event, via, detail, at)"
        " select phone, 'in', 'migration', 'senior number called or texted before', changed_at"
        " from text_consents where via = 'migration' and phone in (select phone from senior_phones)"
        " and phone not in (select phone from text_consent_events)"
    )


@migrations()
def m089_contact_claims(db: Database) -> None:
    """Codes texted to a contact's number to prove it is a family member's own ("This is me")."""
    db.table("contact_claims").create(
        {
            "id": int,
            "contact_id": int,
            "member_id": int,
            "phone": str,  # the number the code went to: a changed number needs a new code
            "code_hash": str,
            "sent_at": str,
            "tries": int,
            "proven_at": str,
        },
        pk="id",
        not_null={"contact_id", "member_id", "phone", "code_hash", "sent_at", "tries"},
    )
    db.table("contact_claims").create_index(["contact_id", "member_id"])
    db.table("contact_claims").create_index(["phone", "sent_at"])
    # A tick nobody proved could silence someone else's number: every family proves theirs again.
    db.execute("update contacts set member_id = null")


@migrations()
def m090_ride_pickup_index(db: Database) -> None:
    """An index of every ride's pickup time: the evening-before reminder reads rides booked ahead,
    one-off or recurring, by the time their car comes."""
    db.execute(
        "create index idx_bookings_pickup on bookings (pickup_at) where pickup_at is not null"
    )


@migrations()
def m091_car_news_by(db: Database) -> None:
    """How the senior hears that the car is near or late, as the family chose: a call or a text."""
    db.table("seniors").add_column("car_news_by", str, not_null_default="call")


@migrations()
def m092_call_attempts(db: Database) -> None:
    """Every call placed through Twilio and how it ended: a person, a machine, no answer, busy;
    retries and the family's escalation read it."""
    db.table("call_attempts").create(
        {
            "id": int,
            "outbox_id": int,  # the outbox entry this attempt delivered
            "first_outbox_id": int,  # the entry of the first attempt: one chain of retries
            "attempt": int,
            "booking_id": int,
            "to_phone": str,
            "call_sid": str,
            "state": str,  # placed, then Twilio's final status (completed, busy, no-answer, …)
            "answered_by": str,  # Twilio's AnsweredBy: human, machine_end_beep, …
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"outbox_id", "first_outbox_id", "attempt", "call_sid", "state", "created_at"},
    )
    db.table("call_attempts").create_index(["call_sid"], unique=True)
    db.table("call_attempts").create_index(["outbox_id"], unique=True)
    db.table("call_attempts").create_index(["booking_id", "id"])


@migrations()
def m095_medical_priority(db: Database) -> None:
    """Places a family marks medical, and each ride's priority and the latest it may arrive."""
    db.table("places").add_column("medical", int, not_null_default=0)
    # NULL for an ordinary ride; 'appointment' or 'medical' for one that must arrive on time.
    db.table("bookings").add_column("priority", str)
    db.table("bookings").add_column("dropoff_by", str)
    # A ride already booked to be there by a time keeps that promise from now on too.
    db.execute(
        "update bookings set priority = 'appointment', dropoff_by = appointment_at"
        " where appointment_at is not null"
    )


@migrations()
def m096_dispatch_data(db: Database) -> None:
    """What a scheduler needs beyond text: coordinates of places and of each ride's stops, and who
    rides along."""
    db.table("places").add_column("latitude", float)
    db.table("places").add_column("longitude", float)
    for stop in ("pickup", "destination"):
        db.table("bookings").add_column(f"{stop}_latitude", float)
        db.table("bookings").add_column(f"{stop}_longitude", float)
    # An escort or carer riding with the senior: a seat the scheduler must keep.
    db.table("bookings").add_column("companions", int, not_null_default=0)


@migrations()
def m097_session_keys(db: Database) -> None:
    """A random key per account that its sessions carry, so a cookie names the account and never
    the next one SQLite hands the same id to."""
    for table in ("family_members", "staff"):
        db.table(table).add_column("session_key", str)
        # Each row its own key; sessions signed in before this carry none and sign in again once.
        db.execute(f"update {table} set session_key = lower(hex(randomblob(16)))")


@migrations()
def m098_invitation_mails(db: Database) -> None:
    """Invitations mailed, by sender and recipient, for their own daily limits (apart from the
    recipient's resets and confirmations)."""
    db.table("invitation_mails").create(
        {"id": int, "sender_id": int, "email": str, "at": str},
        pk="id",
        not_null={"sender_id", "email", "at"},
    )
    db.table("invitation_mails").create_index(["sender_id", "at"])
    db.table("invitation_mails").create_index(["email", "at"])


@migrations()
def m099_overflow_offers(db: Database) -> None:
    """Rides offered to the overflow dispatch center when nobody took them in time, and which
    center answered first and keeps the ride."""
    db.table("overflow_offers").create(
        {"booking_id": int, "offered_at": str, "holder": str, "held_at": str},
        pk="booking_id",
        not_null={"offered_at"},
        foreign_keys=[("booking_id", "bookings", "id")],
    )


@migrations()
def m101_family_recaps(db: Database) -> None:
    """Each family member's recap of a senior's rides: when (off, the evening before, the week on
    Sunday, or both) and how (a mail, or a text to the number they proved their own)."""
    db.table("family_links").add_column("recap", str, not_null_default="off")
    db.table("family_links").add_column("recap_by", str, not_null_default="mail")


@migrations()
def m102_code_words(db: Database) -> None:
    """The word a senior's family chose for the driver to say, so the senior knows the car is
    theirs (NULL: none)."""
    db.table("seniors").add_column("code_word", str)


@migrations()
def m104_family_calls(db: Database) -> None:
    """When a call was put through to the senior's family, so calls the line could not believe
    reach the family only a few times an hour."""
    db.table("calls").add_column("family_called_at", str)
    db.table("calls").create_index(["senior_id", "family_called_at"])


@migrations()
def m110_contact_language(db: Database) -> None:
    """The language a family contact's texts are written in (NULL: the senior's)."""
    db.table("contacts").add_column("language", str)


@migrations()
def m111_overflow_returned(db: Database) -> None:
    """When the overflow center gave a ride back or was told to stand down and was not offered it
    again (NULL: the ride is its to read while it is offered)."""
    db.table("overflow_offers").add_column("returned_at", str)
