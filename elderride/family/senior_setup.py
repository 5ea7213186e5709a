"""Setting a senior up: who they are, their numbers, places, family contacts, device link and
invitations."""

import dataclasses
import functools
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from flask import current_app, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from elderride import settings
from elderride.family.blueprint import (
    bp,
    confirm_first,
    confirmed_email_required,
    mail_ready,
    own_senior,
    sign_in_required,
)
from elderride.family.undoing import offer_undo, undo_offer
from elderride.services import fields, throttle, undo, wording
from elderride.services.errors import N_, ValidationError
from elderride.services.outgoing import consent, messages
from elderride.services.people import (
    accounts,
    code_words,
    contact_claims,
    contacts,
    device_links,
    invites,
    phone_keys,
    phones,
    place_fields,
    places,
    seniors,
    signups,
    timezones,
)
from elderride.services.records import Senior
from elderride.services.scheduled import recaps
from elderride.web import links
from elderride.web.database import get_db
from elderride.web.i18n import current_language
from elderride.web.i18n import gettext as _
from elderride.web.lookups import found_or_404

T = TypeVar("T")


def _senior_values(form: MultiDict[str, str]) -> dict[str, Any]:
    return {
        "name": form.get("name", ""),
        "language": form.get("language", ""),
        "timezone": form.get("timezone", ""),
        "needs": form.getlist("needs"),
        "notes": form.get("notes", ""),
    }


def _save_senior(save: Callable[..., T], form: MultiDict[str, str], **extra: Any) -> T:
    """Call `save` with the form's values, the time zone read from what was typed ("New York")."""
    values = _senior_values(form)
    # Raises, before anything is saved, when nothing or several zones match what was typed.
    values["timezone"] = timezones.resolve(values["timezone"], current_language())
    return save(**values, **extra)


def _senior_form(
    person: Senior | None, values: Mapping[str, Any], errors: Mapping[str, Any], full: bool = False
) -> ResponseReturnValue:
    """Render the senior form (`full`: only why no senior can be added) with `errors`."""
    return render_template(
        "family/senior_form.html",
        senior=person,
        values=values,
        errors=errors,
        full=full,
        needs=fields.NEEDS,
        zones=timezones.zones(current_language()),
    ), 400 if errors and not full else 200


def _numbers(language: str) -> dict[str, Any]:
    """How numbers typed for a senior speaking `language` are read, and the regions they may be
    in."""
    config = current_app.config
    return {
        "region": settings.typing_region(config, language),
        "allowed_regions": settings.allowed_regions(config),
    }


@bp.route("/seniors/new", methods=["GET", "POST"])
@sign_in_required
@confirmed_email_required
def senior_new() -> ResponseReturnValue:
    """Add a senior, with the number they call from, within the account's limit of seniors."""
    db = get_db()
    # The browser's own zone is filled in by portal.js; without it the family picks one.
    values: dict[str, Any]
    errors, values = {}, {"language": current_language(), "timezone": "", "needs": []}
    if request.method == "GET":
        try:
            accounts.check_room_for_senior(db, g.member["id"])
        except ValidationError as error:
            # Said before the family types anything; the form is not offered.
            return _senior_form(None, values, error.errors, full=True)
    if request.method == "POST":
        values = _senior_values(request.form) | {
            "phone": request.form.get("phone", ""),
            "kind": request.form.get("kind", "mobile"),
        }
        try:
            with_number = [(values["phone"], values["kind"])] if values["phone"].strip() else []
            senior_id = _save_senior(
                functools.partial(accounts.create_senior_for, db, g.member["id"]),
                request.form,
                numbers=with_number,
                **_numbers(values["language"]),
            )
        except ValidationError as error:
            errors = error.errors
        else:
            _ask_own_numbers(senior_id)
            # A new senior needs places and family numbers before anything else.
            return redirect(url_for("family.senior_setup", senior_id=senior_id), code=303)
    return _senior_form(None, values, errors)


@bp.get("/seniors/<int:senior_id>/setup")
@sign_in_required
def senior_setup(senior_id: int) -> ResponseReturnValue:
    """The senior's set-up: numbers, places, contacts, their device."""
    own_senior(senior_id)
    return _setup_page(senior_id, {})


@bp.route("/seniors/<int:senior_id>/edit", methods=["GET", "POST"])
@sign_in_required
def senior_edit(senior_id: int) -> ResponseReturnValue:
    """Change a senior's name, language, needs and notes."""
    person = own_senior(senior_id)
    values: Mapping[str, Any]
    errors, values = {}, person
    if request.method == "POST":
        values = _senior_values(request.form)
        try:
            _save_senior(
                functools.partial(seniors.update_senior, get_db(), senior_id), request.form
            )
        except ValidationError as error:
            errors = error.errors
        else:
            return redirect(url_for("family.senior_setup", senior_id=senior_id), code=303)
    return _senior_form(person, values, errors)


@bp.post("/seniors/<int:senior_id>/unsigned-calls")
@sign_in_required
def unsigned_calls(senior_id: int) -> ResponseReturnValue:
    """Believe calls from the senior's numbers their phone company cannot vouch for, or stop."""
    own_senior(senior_id)
    believed = request.form.get("believed") == "1"
    seniors.set_unsigned_calls(get_db(), senior_id, believed=believed)
    return redirect(_setup_url(senior_id, "phones"), code=303)


@bp.post("/seniors/<int:senior_id>/car-news")
@sign_in_required
def car_news(senior_id: int) -> ResponseReturnValue:
    """Choose how the senior hears the car is near, at the door or late: a call or a text."""
    own_senior(senior_id)
    # Anything but "text" (missing, forged) keeps the call, which reaches a landline too.
    chosen = "text" if request.form.get("car_news_by") == "text" else "call"
    seniors.set_car_news_by(get_db(), senior_id, chosen)
    return redirect(_setup_url(senior_id, "phones"), code=303)


@bp.post("/seniors/<int:senior_id>/code-word")
@sign_in_required
def code_word(senior_id: int) -> ResponseReturnValue:
    """Set the word the driver says at the door, or clear it (an empty word, or "Remove")."""
    own_senior(senior_id)
    typed = "" if request.form.get("remove") else request.form.get("code_word", "")
    try:
        code_words.set_code_word(get_db(), senior_id, typed)
    except ValidationError as error:
        # What was typed is shown back only as far as it can be read: never a page of it.
        return _setup_page(senior_id, error.errors, code_word_value=typed[:40]), 400
    return redirect(_setup_url(senior_id, "code-word"), code=303)


@bp.post("/seniors/<int:senior_id>/recap")
@sign_in_required
def recap(senior_id: int) -> ResponseReturnValue:
    """Choose the member's own recap of this senior's rides: when, and by mail or text."""
    own_senior(senior_id)
    when, by = request.form.get("recap", ""), request.form.get("recap_by", "mail")
    try:
        if by == "mail" and when != "off" and not mail_ready():
            # Saved, it would never arrive: said now, while the member can choose a text.
            raise ValidationError(
                "recap_by",
                N_(
                    "This site cannot send mail yet: choose a text, or ask whoever runs "
                    "elderride to set up mail."
                ),
            )
        recaps.set_choice(get_db(), g.member["id"], senior_id, when, by)
    except ValidationError as error:
        return _setup_page(senior_id, error.errors), 400
    return redirect(_setup_url(senior_id, "recap"), code=303)


@bp.post("/seniors/<int:senior_id>/phones")
@sign_in_required
@confirmed_email_required
def phone_add(senior_id: int) -> ResponseReturnValue:
    """Add a number the senior calls from; a number that is another senior's is refused."""
    person = own_senior(senior_id)
    try:
        seniors.add_phone(
            get_db(),
            senior_id,
            request.form.get("phone", ""),
            request.form.get("kind", "mobile"),
            **_numbers(person["language"]),
        )
    except ValidationError as error:
        return _setup_page(senior_id, error.errors, request.form.get("phone", "")[:40]), 400
    _ask_own_numbers(senior_id)
    return redirect(_setup_url(senior_id, "phones"), code=303)


def _ask_own_numbers(senior_id: int) -> None:
    """Text the opt-in request to the senior's mobile numbers the family typed (a number asked
    lately, or that answered, is not asked again; a landline cannot answer a text)."""
    db = get_db()
    person = seniors.get_senior(db, senior_id)
    for number in seniors.phones_of(db, senior_id):
        if number["kind"] == "mobile":
            consent.ask(db, number["phone"], senior=person, family_name=g.member["name"], own=True)


def _setup_url(senior_id: int, section: str) -> str:
    return url_for("family.senior_setup", senior_id=senior_id) + f"#{section}"


def _confirm_delete(person: Senior, kind: str, name: str | None, back: str) -> str:
    """Ask before deleting, on a page of its own, so it works without JavaScript."""
    return render_template(
        "family/confirm_delete.html", senior=person, kind=kind, name=name, back=back
    )


@bp.route("/seniors/<int:senior_id>/phones/<int:phone_id>/delete", methods=["GET", "POST"])
@sign_in_required
def phone_delete(senior_id: int, phone_id: int) -> ResponseReturnValue:
    """Remove one of the senior's numbers, after asking; it can be undone for a while."""
    person = own_senior(senior_id)
    db = get_db()
    row = found_or_404(undo.deleted_row, db, "phones", senior_id, phone_id)
    if request.method == "GET":
        return _confirm_delete(
            person, "phones", phones.display(row["phone"]), _setup_url(senior_id, "phones")
        )
    found_or_404(seniors.remove_phone, db, senior_id, phone_id)
    offer_undo(
        senior_id,
        "phones",
        row,
        (N_("Removed the number %(name)s."), {"name": phones.display(row["phone"])}),
    )
    return redirect(_setup_url(senior_id, "phones"), code=303)


def _setup_page(
    senior_id: int,
    errors: Mapping[str, Any],
    phone_value: str = "",
    code_word_value: str | None = None,
) -> str:
    """Render the set-up page, with `errors` from the number form when it was refused."""
    db = get_db()
    person = seniors.get_senior(db, senior_id)
    preset = places.list_places(db, senior_id)
    listed = contacts.list_contacts(db, senior_id)
    numbers = seniors.phones_of(db, senior_id)
    return render_template(
        "family/setup.html",
        senior=person,
        phones=numbers,
        phone_consents=consent.standings(db, [number["phone"] for number in numbers]),
        places=preset,
        place_keys=phone_keys.place_keys(preset),
        unheard={place["id"]: places.unheard_aliases(place) for place in preset},
        heard_names={place["id"]: places.heard_aliases(place) for place in preset},
        unheard_reasons=fields.ALIAS_UNHEARD,
        contacts=listed,
        consents=consent.standings(db, [contact["phone"] for contact in listed]),
        link_state=device_links.state(person),
        undo=undo_offer(senior_id),
        errors=errors,
        phone_value=phone_value,
        code_word_value=(person["code_word"] or "") if code_word_value is None else code_word_value,
        recap=recaps.choice_of(db, g.member["id"], senior_id),
        recap_number=recaps.own_number(db, g.member["id"], senior_id),
        recap_hour=wording.hour_words(
            int(current_app.config.get("REMINDER_HOUR", 18)), current_language()
        ),
    )


@bp.post("/seniors/<int:senior_id>/contacts/<int:item_id>/ask")
@sign_in_required
def contact_ask(senior_id: int, item_id: int) -> ResponseReturnValue:
    """Text a contact the one opt-in request (a number listed before requests were sent)."""
    person = own_senior(senior_id)
    db = get_db()
    contact = found_or_404(contacts.get_contact, db, senior_id, item_id)
    consent.ask(db, contact["phone"], senior=person, family_name=g.member["name"])
    return redirect(_setup_url(senior_id, "contacts"), code=303)


# Places and contacts share their shape: a form, a list in order, move up and down.
@dataclasses.dataclass(frozen=True)
class ItemKind:
    """What a senior's places or family contacts are read, changed and shown with."""

    get: Callable[..., Any]
    add: Callable[..., Any]
    update: Callable[..., Any]
    delete: Callable[..., Any]
    move: Callable[..., Any]
    in_order: Callable[..., list[Any]]
    template: str


KINDS = {
    "places": ItemKind(
        get=places.get_place,
        add=places.add_place,
        update=places.update_place,
        delete=places.delete_place,
        move=places.move_place,
        in_order=places.list_places,
        template="family/place_form.html",
    ),
    "contacts": ItemKind(
        get=contacts.get_contact,
        add=contacts.add_contact,
        update=contacts.update_contact,
        delete=contacts.delete_contact,
        move=contacts.move_contact,
        in_order=contacts.list_contacts,
        template="family/contact_form.html",
    ),
}


def _item_values(kind: str, form: MultiDict[str, str], person: Senior) -> dict[str, Any]:
    if kind == "places":
        # A box left unticked is not sent at all: it reads as "off", not as "keep".
        return {
            field.name: (
                form.get(field.name) == "on"
                if field.kind in ("check", "home")
                else form.get(field.name, "")
            )
            for field in place_fields.FIELDS
        }
    return {
        "name": form.get("name", ""),
        "relation": form.get("relation", ""),
        "phone": form.get("phone", ""),
        "notify": form.get("notify") == "on",
        "language": form.get("language", ""),
        # The opt-in request says who listed the number.
        "family_name": g.member["name"],
        **_numbers(person["language"]),
    }


def _claim_after_save(
    senior_id: int, contact_id: int, wants_it: bool, was_mine: bool
) -> ResponseReturnValue:
    """Where a saved contact form leads: the code for "This is me" when ticked on a contact not yet
    the member's own, else the list (letting go of their own if unticked)."""
    if wants_it and not was_mine:
        return _claim_page(senior_id, contact_id, send=True)
    if was_mine and not wants_it:
        contact_claims.release(get_db(), senior_id, contact_id, g.member["id"])
    return redirect(_setup_url(senior_id, "contacts"), code=303)


def _claim_page(
    senior_id: int,
    contact_id: int,
    *,
    send: bool = False,
    code_errors: Mapping[str, Any] | None = None,
) -> ResponseReturnValue:
    """Render the page where a member proves a contact is their own (`send`: text a code first)."""
    db = get_db()
    person = seniors.get_senior(db, senior_id)
    errors = dict(code_errors or {})
    sent = None
    if send:
        try:
            sent = contact_claims.start(
                db,
                senior_id,
                contact_id,
                g.member["id"],
                member_name=g.member["name"],
                language=current_language(),
            )
        except ValidationError as error:
            errors.update(error.errors)
    contact = contacts.get_contact(db, senior_id, contact_id)
    return render_template(
        "family/contact_mine.html",
        senior=person,
        contact=contact,
        sent=sent,
        errors=errors,
        code_minutes=int(contact_claims.CODE_LIFETIME.total_seconds() // 60),
    ), 400 if errors else 200


@bp.route("/seniors/<int:senior_id>/contacts/<int:item_id>/mine", methods=["GET", "POST"])
@sign_in_required
@confirmed_email_required
def contact_mine(senior_id: int, item_id: int) -> ResponseReturnValue:
    """Prove a contact is the member's own number with the code texted to it, or ask for one."""
    own_senior(senior_id)
    db = get_db()
    found_or_404(contacts.get_contact, db, senior_id, item_id)
    if request.method == "GET":
        return _claim_page(senior_id, item_id)
    if request.form.get("send"):
        return _claim_page(senior_id, item_id, send=True)
    try:
        contact_claims.prove(db, senior_id, item_id, g.member["id"], request.form.get("code"))
    except ValidationError as error:
        return _claim_page(senior_id, item_id, code_errors=error.errors)
    return redirect(_setup_url(senior_id, "contacts"), code=303)


@bp.route("/seniors/<int:senior_id>/<any(places, contacts):kind>/new", methods=["GET", "POST"])
@sign_in_required
def item_new(senior_id: int, kind: str) -> ResponseReturnValue:
    """Add a place or a family contact."""
    person = own_senior(senior_id)
    if kind == "contacts" and not signups.email_confirmed(g.member):
        return confirm_first()
    errors, values = {}, {}
    if kind == "places":
        # A senior's first place is most often their home: offer it ticked until one is marked.
        values["is_home"] = places.home_place(get_db(), senior_id) is None
    if request.method == "POST":
        values = _item_values(kind, request.form, person)
        try:
            item_id = KINDS[kind].add(get_db(), senior_id, **values)
        except ValidationError as error:
            errors = error.errors
            values["is_me"] = request.form.get("is_me") == "on"
        else:
            if kind == "contacts":
                return _claim_after_save(
                    senior_id, item_id, request.form.get("is_me") == "on", was_mine=False
                )
            return redirect(_setup_url(senior_id, kind), code=303)
    return render_template(
        KINDS[kind].template, senior=person, item=None, values=values, errors=errors
    ), 400 if errors else 200


@bp.route(
    "/seniors/<int:senior_id>/<any(places, contacts):kind>/<int:item_id>", methods=["GET", "POST"]
)
@sign_in_required
def item_edit(senior_id: int, kind: str, item_id: int) -> ResponseReturnValue:
    """Change a place or a family contact."""
    person = own_senior(senior_id)
    # A contact's number, once changed, hears about rides: the same proof as adding one.
    if kind == "contacts" and not signups.email_confirmed(g.member):
        return confirm_first()
    item = found_or_404(KINDS[kind].get, get_db(), senior_id, item_id)
    errors, values = {}, dict(item)
    if kind == "places":
        # The box holds the names the line listens for; the ignored ones are listed apart.
        values["aliases"] = ", ".join(places.heard_aliases(item))
        if item["latitude"] is not None:
            values["coordinates"] = f"{item['latitude']}, {item['longitude']}"
    if request.method == "POST":
        values = _item_values(kind, request.form, person)
        try:
            KINDS[kind].update(get_db(), senior_id, item_id, **values)
        except ValidationError as error:
            errors = error.errors
            values["is_me"] = request.form.get("is_me") == "on"
            values["member_id"] = item.get("member_id")
        else:
            if kind == "contacts":
                # Saved under a new number, it is nobody's own until a code proves it again.
                saved = contacts.get_contact(get_db(), senior_id, item_id)
                return _claim_after_save(
                    senior_id,
                    item_id,
                    request.form.get("is_me") == "on",
                    was_mine=saved["member_id"] == g.member["id"],
                )
            return redirect(_setup_url(senior_id, kind), code=303)
    return render_template(
        KINDS[kind].template,
        senior=person,
        item=item,
        values=values,
        errors=errors,
        unheard=places.unheard_aliases(item) if kind == "places" else [],
        unheard_reasons=fields.ALIAS_UNHEARD,
    ), 400 if errors else 200


@bp.route(
    "/seniors/<int:senior_id>/<any(places, contacts):kind>/<int:item_id>/delete",
    methods=["GET", "POST"],
)
@sign_in_required
def item_delete(senior_id: int, kind: str, item_id: int) -> ResponseReturnValue:
    """Delete a place or a family contact, after asking; it can be undone for a while."""
    person = own_senior(senior_id)
    db = get_db()
    row = found_or_404(undo.deleted_row, db, kind, senior_id, item_id)
    name = row.get("label") or row.get("name")
    if request.method == "GET":
        return _confirm_delete(person, kind, name, _setup_url(senior_id, kind))
    found_or_404(KINDS[kind].delete, db, senior_id, item_id)
    offer_undo(senior_id, kind, row, (N_("Deleted %(name)s."), {"name": name}))
    return redirect(_setup_url(senior_id, kind), code=303)


@bp.post("/seniors/<int:senior_id>/undo")
@sign_in_required
def undo_delete(senior_id: int) -> ResponseReturnValue:
    """Take back the last delete (or turning the link off) on this senior's set-up."""
    own_senior(senior_id)
    offer = undo_offer(senior_id, take=True)
    if offer is None:
        return redirect(_setup_url(senior_id, "main"), code=303)
    db = get_db()
    if offer["kind"] == "device":
        device_links.undo_turn_off(db, senior_id)
        return redirect(url_for("family.device", senior_id=senior_id), code=303)
    try:
        undo.restore(db, offer["kind"], senior_id, offer["row"])
    except ValidationError as error:
        return _setup_page(senior_id, error.errors), 400
    return redirect(_setup_url(senior_id, offer["kind"]), code=303)


@bp.post("/seniors/<int:senior_id>/places/<int:item_id>/aliases/remove")
@sign_in_required
def alias_remove(senior_id: int, item_id: int) -> ResponseReturnValue:
    """Remove one of a place's other names, one the phone line does not listen for."""
    own_senior(senior_id)
    db = get_db()
    found_or_404(places.get_place, db, senior_id, item_id)
    places.remove_alias(db, senior_id, item_id, request.form.get("alias", ""))
    if request.form.get("back") == "form":
        # Removed from the place's form: back to it, as it was opened.
        return redirect(
            url_for("family.item_edit", senior_id=senior_id, kind="places", item_id=item_id),
            code=303,
        )
    return redirect(_setup_url(senior_id, f"place-{item_id}"), code=303)


@bp.post("/seniors/<int:senior_id>/<any(places, contacts):kind>/<int:item_id>/move")
@sign_in_required
def item_move(senior_id: int, kind: str, item_id: int) -> ResponseReturnValue:
    """Move a place or contact up or down the list."""
    own_senior(senior_id)
    db = get_db()
    found_or_404(KINDS[kind].get, db, senior_id, item_id)
    order = [row["id"] for row in KINDS[kind].in_order(db, senior_id)]
    step = -1 if request.form.get("direction") == "up" else 1
    KINDS[kind].move(db, senior_id, item_id, max(0, order.index(item_id) + step))
    return redirect(_setup_url(senior_id, kind), code=303)


# Said when an invitation is not mailed: by which limit (`throttle.allow_invitation_mail`).
INVITATION_LIMITS = {
    "recipient": N_("Too many mails to this address for now. Send the link yourself."),
    "sender": N_(
        "You have sent many invitations by email today. Send the link yourself, or try again "
        "tomorrow."
    ),
}


@bp.post("/seniors/<int:senior_id>/invites")
@sign_in_required
def invite_new(senior_id: int) -> ResponseReturnValue:
    """Make a single-use link that lets another family member look after this senior too, and
    mail it when an address is given."""
    person = own_senior(senior_id)
    db = get_db()
    address = request.form.get("email", "").strip()
    to, error = None, None
    if address:
        try:
            to = accounts.email_address("email", address)
        except ValidationError as invalid:
            error = invalid.errors["email"]
        else:
            # An account nobody confirmed reaches no one, and a mailbox is not flooded from here.
            if not signups.email_confirmed(g.member) or not mail_ready():
                error = (N_("The invitation could not be mailed. Send the link yourself."), {})
            elif limit := throttle.allow_invitation_mail(db, g.member["id"], to):
                error = (INVITATION_LIMITS[limit], {})
    token = invites.create_invite(db, senior_id, g.member["id"])
    link = links.external_url("family.invite", token=token)
    if to is not None and error is None:
        # Names a family typed go out under our name: no links or markup ride along in them.
        inviter, senior = (
            wording.sendable(g.member["name"], 100),
            wording.sendable(person["name"], 100),
        )
        messages.queue_email(
            db,
            to=to,
            subject=_(
                "%(name)s asks you to help look after %(senior)s", name=inviter, senior=senior
            ),
            body=render_template(
                "family/invite_email.txt", inviter=inviter, senior=senior, link=link
            ),
        )
    return render_template(
        "family/invite_made.html",
        senior=person,
        link=link,
        mailed_to=to if error is None else None,
        mail_error=error,
        typed=address[:200],
    ), (400 if error else 200)


@bp.route("/invites/<token>", methods=["GET", "POST"])
def invite(token: str) -> ResponseReturnValue:
    """Say who invited whom to help look after which senior, and accept it; someone with no
    account yet signs in or makes one and comes back here."""
    about = invites.describe(get_db(), token)
    if g.member is None:
        if request.method == "POST":
            return redirect(url_for("family.sign_in", next=request.path), code=303)
        return render_template("family/invite.html", token=token, error=None, about=about)
    if request.method == "POST":
        try:
            senior_id = invites.accept_invite(get_db(), token, g.member["id"])
        except ValidationError as error:
            return render_template(
                "family/invite.html", token=token, error=error.errors["invite"], about=None
            ), 400
        return redirect(url_for("family.senior", senior_id=senior_id), code=303)
    return render_template("family/invite.html", token=token, error=None, about=about)
