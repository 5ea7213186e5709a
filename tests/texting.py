"""Texts to the line's number, signed exactly as Twilio signs them: how a test's number says YES."""

import uuid

from twilio.request_validator import RequestValidator

from tests.fake_twilio import AUTH_TOKEN


def text_the_line(app, phone, body, *, signature=None, client=None, sid=None):
    """Post a text from `phone` to the messaging webhook as Twilio does (each text its own
    MessageSid unless `sid` repeats one); return the response."""
    # A line that takes texts has a Twilio account: an app without one gets the fake's token.
    token = app.config["TWILIO_AUTH_TOKEN"] = app.config.get("TWILIO_AUTH_TOKEN") or AUTH_TOKEN
    base = (app.config.get("PUBLIC_BASE_URL") or "http://localhost").rstrip("/")
    params = {
        "From": phone,
        "To": "+15550109999",
        "Body": body,
        "MessageSid": sid or "SM" + uuid.uuid4().hex,
    }
    if signature is None:
        signature = RequestValidator(token).compute_signature(f"{base}/sms/incoming", params)
    return (client or app.test_client()).post(
        "/sms/incoming", data=params, headers={"X-Twilio-Signature": signature}
    )


def agree_by_text(app, *phones):
    """Have each number reply YES to its opt-in request, as a real family member would."""
    for phone in phones:
        response = text_the_line(app, phone, "YES")
        assert response.status_code == 200, response.status_code
