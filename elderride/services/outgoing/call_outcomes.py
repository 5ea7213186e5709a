"""How a placed call ended, as Twilio says it: a machine, nobody, or a person; and whether a call
and its retries reached someone."""

from sqlite_utils import Database

# Twilio's AnsweredBy values that mean an answering machine or voicemail, once its greeting ended
# (https://www.twilio.com/docs/voice/answering-machine-detection).
MACHINE = frozenset({"machine_end_beep", "machine_end_silence", "machine_end_other", "fax"})
# Final statuses of a call nobody picked up: tried again, a few minutes apart.
UNANSWERED = frozenset({"busy", "no-answer", "failed"})


def is_machine(answered_by: str) -> bool:
    """Tell whether Twilio's AnsweredBy means a machine took the call."""
    return answered_by in MACHINE


def not_heard(db: Database, first_outbox_id: int) -> bool:
    """Tell whether the latest try of a call (its chain of retries) ended with nobody or a machine;
    a try still ringing, or one no callback told of, may have been heard."""
    latest = db.execute(
        "select state, answered_by from call_attempts where first_outbox_id = ?"
        " order by attempt desc limit 1",
        [first_outbox_id],
    ).fetchone()
    if latest is None:
        return False
    state, answered_by = latest
    return state in UNANSWERED or is_machine(answered_by or "")
