"""The device cookie that lets a senior's own phone or tablet open their page without a password."""

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeSerializer
from sqlite_utils import Database
from werkzeug.wrappers import Response as BaseResponse

from elderride.services.people import seniors
from elderride.services.records import Senior

COOKIE = "elderride_device"
# Long-lived: the senior opens the family's link once and never signs in.
MAX_AGE = 5 * 365 * 24 * 3600


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="senior-device")


def remember(response: BaseResponse, senior: Senior, token: str) -> BaseResponse:
    """Set the device cookie for `senior`, who opened the link with `token`, on `response`."""
    # The cookie carries the token itself: the database keeps only its hash.
    value = _serializer().dumps({"senior": senior["id"], "token": token})
    response.set_cookie(
        COOKIE, value, max_age=MAX_AGE, httponly=True, samesite="Lax", secure=request.is_secure
    )
    return response


def current_senior(db: Database) -> Senior | None:
    """Return the senior this device belongs to, or None when the cookie is absent, forged or
    revoked."""
    raw = request.cookies.get(COOKIE)
    if not raw or len(raw) > 500:
        return None
    try:
        claim = _serializer().loads(raw)
    except BadSignature:
        return None
    if not isinstance(claim, dict):
        return None
    # The token must still be the senior's current one: regenerating the link revokes old devices.
    senior = seniors.senior_by_device_token(db, claim.get("token"))
    if senior is None or senior["id"] != claim.get("senior"):
        return None
    return senior
