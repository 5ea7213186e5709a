"""The soak's callers on a line that is down, with a real server started late: a call nothing
answered is dialled again, as a senior redials, and books one ride; read back from outside."""

import sqlite3
import threading
import time

from elderride.bench.deployment import Deployment, book_on_phone, stored


def test_a_call_to_a_line_that_is_down_is_dialled_again_and_books_one_ride(tmp_path):
    deployment = Deployment(tmp_path)
    try:
        (rider,) = deployment.create(1)
        booked = []
        caller = threading.Thread(
            target=lambda: booked.append(book_on_phone(deployment.base_url, rider, try_for=300))
        )
        caller.start()
        time.sleep(1)  # its first calls find nothing listening: the server was killed
        deployment.start_server()
        caller.join(300)
        assert booked and booked[0] is not None, booked
        assert stored(deployment.database, booked) == {booked[0]}
        connection = sqlite3.connect(f"file:{deployment.database}?mode=ro", uri=True)
        try:
            (rides,) = connection.execute(
                "select count(*) from bookings where senior_id = ?", (rider.senior_id,)
            ).fetchone()
        finally:
            connection.close()
        assert rides == 1
    finally:
        deployment.close()
