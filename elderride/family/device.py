"""The senior's own device: the link and QR code to their page, texting it to them, turning it off
(undoably), and the key card for the fridge."""

import io
from collections.abc import Mapping
from typing import Any

import segno
from flask import current_app, make_response, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale

from elderride import settings
from elderride.family.blueprint import (
    bp,
    confirmed_email_required,
    own_senior,
    sign_in_required,
)
from elderride.family.undoing import offer_undo, undo_offer
from elderride.services import key_card, wording
from elderride.services.errors import N_, NotFound, ValidationError
from elderride.services.people import (
    contacts,
    device_links,
    device_texts,
    phone_keys,
    phones,
    places,
    seniors,
)
from elderride.services.records import Senior
from elderride.web import links
from elderride.web.database import get_db
from elderride.web.i18n import gettext as _


def _link(person: Senior) -> str | None:
    """Return the senior's device link, or None when it is off or cannot be shown again."""
    token = seniors.device_token(person, current_app.config["SECRET_KEY"])
    return links.external_url("senior.device_link", token=token) if token else None


def _device_page(
    senior_id: int, errors: Mapping[str, Any] | None = None, sent: bool = False
) -> tuple[str, int]:
    db = get_db()
    person = seniors.get_senior(db, senior_id)
    link = _link(person)
    qr_svg = None
    if link:
        buffer = io.BytesIO()
        segno.make(link, error="m").save(
            buffer,
            kind="svg",
            scale=6,
            border=2,
            xmldecl=False,
            svgns=True,
            title=_("QR code of the senior page link"),
        )
        qr_svg = buffer.getvalue().decode()
    offer = undo_offer(senior_id)
    page = render_template(
        "family/device.html",
        senior=person,
        link=link,
        qr_svg=qr_svg,
        link_state=device_links.state(person),
        can_undo=device_links.can_undo(person) and offer and offer["kind"] == "device",
        mobiles=[phone for phone in seniors.phones_of(db, senior_id) if phone["kind"] == "mobile"],
        errors=errors or {},
        sent=sent,
    )
    return page, 400 if errors else 200


@bp.get("/seniors/<int:senior_id>/device")
@sign_in_required
def device(senior_id: int) -> ResponseReturnValue:
    """The link and QR code to open on the senior's phone or tablet."""
    own_senior(senior_id)
    return _device_page(senior_id, sent=request.args.get("sent") == "1")


@bp.post("/seniors/<int:senior_id>/device")
@sign_in_required
def device_change(senior_id: int) -> ResponseReturnValue:
    """Make a new link (ending the old one everywhere), or turn the link off (undoable a while)."""
    own_senior(senior_id)
    db = get_db()
    if request.form.get("action") == "revoke":
        device_links.turn_off(db, senior_id)
        offer_undo(senior_id, "device", {}, (N_("The link is turned off."), {}))
    else:
        seniors.issue_device_token(db, senior_id, current_app.config["SECRET_KEY"])
    return redirect(url_for("family.device", senior_id=senior_id), code=303)


@bp.get("/seniors/<int:senior_id>/device/off")
@sign_in_required
def device_off(senior_id: int) -> ResponseReturnValue:
    """Ask before turning the link off: the senior's page stops opening on their device."""
    person = own_senior(senior_id)
    return render_template("family/confirm_off.html", senior=person)


@bp.post("/seniors/<int:senior_id>/device/text")
@sign_in_required
@confirmed_email_required
def device_text(senior_id: int) -> ResponseReturnValue:
    """Text the link to one of the senior's mobile numbers, through the outbox."""
    person = own_senior(senior_id)
    try:
        phone_id = int(request.form.get("phone_id", ""))
    except ValueError:
        return _device_page(senior_id, {"phone_id": (N_("Please choose a number."), {})})
    with force_locale(person["language"]):
        body = _(
            "Hello %(name)s, this is the link to your ride page: %(link)s Open it once on this "
            "phone; it will remember you.",
            name=wording.sendable(person["name"], wording.NAME_LENGTH),
            link=device_texts.LINK_PLACEHOLDER,
        )
    try:
        device_texts.text_link(
            get_db(),
            senior_id,
            phone_id,
            body=body,
            shown=f"[{_('the link to the senior page, not kept here')}]",
            link_template=links.external_url(
                "senior.device_link", token=device_texts.LINK_PLACEHOLDER
            ),
            allowed_regions=settings.allowed_regions(current_app.config),
            daily_cap=current_app.config.get("DAILY_MESSAGE_CAP"),
        )
    except NotFound:
        return _device_page(senior_id, {"phone_id": (N_("Please choose a number."), {})})
    except ValidationError as error:
        return _device_page(senior_id, error.errors)
    return redirect(url_for("family.device", senior_id=senior_id, sent=1), code=303)


@bp.context_processor
def key_card_state() -> dict[str, Any]:
    """`card_ready`: whether a key card can be printed (it needs the number people dial)."""
    return {"card_ready": links.line_number() is not None}


def _key_card_words(person: Senior) -> key_card.KeyCard:
    """Everything the card says, in the senior's language."""
    db = get_db()
    preset = places.list_places(db, person["id"])
    family = contacts.list_contacts(db, person["id"])
    number = links.line_number()
    link = _link(person)
    with force_locale(person["language"]):
        keys = [
            key_card.Line(key, place["label"] if key else _("say: %(place)s", place=place["label"]))
            for key, place in phone_keys.place_keys(preset)
        ]
        keys.append(key_card.Line(phone_keys.OTHER_KEY, _("Somewhere else")))
        keys.append(key_card.Line(phone_keys.OPERATOR_KEY, _("Talk to a person")))
        if family:
            keys.append(
                key_card.Line(phone_keys.FAMILY_KEY, _("Call %(name)s", name=family[0]["name"]))
            )
        return key_card.KeyCard(
            language=person["language"],
            title=_("%(name)s's ride card", name=person["name"]),
            call_words=_("To get a car, call"),
            line_number=phones.display(number) if number else None,
            keys_heading=_("Then press a key, or say where you want to go:"),
            keys=keys,
            family_heading=_("Family numbers"),
            family=[
                (
                    _("%(name)s (%(relation)s)", name=contact["name"], relation=contact["relation"])
                    if contact["relation"]
                    else contact["name"],
                    phones.display(contact["phone"]),
                )
                for contact in family
            ],
            qr_words=_("Scan to open your ride page") if link else None,
            link=link,
        )


@bp.get("/seniors/<int:senior_id>/key-card.pdf")
@sign_in_required
def key_card_pdf(senior_id: int) -> ResponseReturnValue:
    """The key card for the fridge, as a PDF to print."""
    person = own_senior(senior_id)
    if links.line_number() is None:
        # "To get a car, call" with no number after it: the page says what to set instead.
        return _device_page(senior_id)[0], 409
    response = make_response(key_card.render(_key_card_words(person)))
    response.mimetype = "application/pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="key-card-{senior_id}.pdf"'
    return response
