"""History kept, not in the way: delivered work and old messages go after a while; rides and their
logs stay."""

import datetime

from sqlite_utils import Database

from elderride.services import clock
from elderride.services.outgoing import messages, outbox
from elderride.services.people import signups


def prune(
    db: Database, keep_days: float, *, now: datetime.datetime | None = None
) -> dict[str, int]:
    """Delete outbox entries finished and messages recorded more than `keep_days` ago, and family
    accounts never confirmed (signups.UNCONFIRMED_KEPT); return how many of each."""
    cutoff = clock.iso((now or clock.now()) - datetime.timedelta(days=keep_days))
    return {
        "outbox": outbox.prune(db, cutoff),
        "messages": messages.prune(db, cutoff),
        "unconfirmed accounts": signups.prune_unconfirmed(db, now=now),
    }
