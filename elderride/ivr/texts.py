"""The Twilio messaging webhook: texts to the line's number, where a number says YES, STOP or HELP.
Signed like every voice webhook."""

from flask import Blueprint, Response, request

from elderride.ivr import twiml
from elderride.ivr.views import signed, twiml_response
from elderride.services.outgoing import consent
from elderride.services.people import phones
from elderride.web.database import get_db
from elderride.web.security import csrf

bp = Blueprint("sms", __name__, url_prefix="/sms")
# Twilio signs its requests instead of carrying form tokens.
csrf.exempt(bp)


@bp.post("/incoming")
@signed
def incoming() -> Response:
    """A text from a number: YES or START lets ride texts go to it, STOP (or a synonym) ends them
    all, HELP says who we are; anything else gets no answer."""
    phone = phones.caller_id(request.form.get("From", ""))
    if phone is None:
        # A short code or a withheld sender: nobody whose answer we could keep.
        return twiml_response(twiml.text_reply(None))
    reply = consent.answer(
        get_db(), phone, request.form.get("Body", ""), request.form.get("MessageSid", "")
    )
    return twiml_response(twiml.text_reply(reply.words))
