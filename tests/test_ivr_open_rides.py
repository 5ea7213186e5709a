"""The line never offers what the cap will refuse, counts every open ride as the page does, and
lets a caller send or cancel a trip back whose ride out was cancelled."""

from elderride.services import bookings, returns


def _out_with_a_trip_back(db, margaret, book):
    """A ride out to City Hospital (a car on the way) and its trip back waiting for her call."""
    out = book(margaret)
    back = returns.book_on_call(
        db, out["id"], senior_id=margaret["id"], channel="web", created_by="senior"
    )
    bookings.transition(db, out["id"], "forwarded", actor="dispatch")
    return out, back


def test_at_the_cap_the_line_does_not_offer_another_car(call, margaret, db, book):
    _out_with_a_trip_back(db, margaret, book)
    book(margaret, "Lily's home")
    assert len(bookings.open_bookings(db, margaret["id"])) == bookings.MAX_OPEN_RIDES
    heard = call("+15550100001").start()
    assert "You have 3 cars booked." in heard.text
    assert "To book another car, press 2" not in heard.text
    assert "That is as many cars as can be booked at once." in heard.text


def test_the_count_includes_the_trip_back_waiting_for_her_call(call, margaret, db, book):
    _out_with_a_trip_back(db, margaret, book)
    heard = call("+15550100001").start()
    assert "You have 2 cars booked." in heard.text
    assert "it comes when you call for it" in heard.text


def test_a_trip_back_stranded_by_a_cancelled_ride_out_can_be_sent(call, margaret, db, book):
    out, back = _out_with_a_trip_back(db, margaret, book)
    bookings.transition(db, out["id"], "cancelled", actor="caller")
    phone = call("+15550100001")
    heard = phone.start()
    assert "Ready to go home from City Hospital?" in heard.text
    phone.press("1")
    assert bookings.get_booking(db, back["id"])["state"] == "requested"


def test_a_stranded_trip_back_can_be_cancelled_with_a_confirmation(call, margaret, db, book):
    out, back = _out_with_a_trip_back(db, margaret, book)
    bookings.transition(db, out["id"], "cancelled", actor="caller")
    phone = call("+15550100001")
    heard = phone.start()
    assert "To cancel this car home, press 3." in heard.text
    heard = phone.press("3")
    assert "To cancel your car to Home, press 1" in heard.text
    assert bookings.get_booking(db, back["id"])["state"] == "awaiting_call"
    assert "Your car is cancelled" in phone.press("1").text
    assert bookings.get_booking(db, back["id"])["state"] == "cancelled"
