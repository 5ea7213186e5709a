"""Setting a senior up: who they are, their numbers, places, family contacts, device link and
invitations."""

import io

import segno
from flask import current_app, g, redirect, render_template, request, url_for

from elderride import settings
from elderride.family.blueprint import bp, own_senior, sign_in_required
from elderride.services import (
    accounts,
    bookings,
    contacts,
    fields,
    invites,
    lifecycle,
    paging,
    places,
    seniors,
)
from elderride.services.errors import ValidationError
from elderride.web import links
from elderride.web.database import get_db
from elderride.web.lookups import found_or_404


def _senior_values(form):
    return {
        "name": form.get("name", ""),
        "language": form.get("language", ""),
        "timezone": form.get("timezone", "UTC"),
        "needs": form.getlist("needs"),
        "notes": form.get("notes", ""),
    }


def _region():
    return current_app.config["DEFAULT_REGION"]


def _numbers():
    """How numbers typed here are read, and the regions they may be in."""
    return {"region": _region(), "allowed_regions": settings.allowed_regions(current_app.config)}


@bp.get("/")
@sign_in_required
def dashboard():
    """The seniors this member looks after."""
    db = get_db()
    looked_after = [
        seniors.get_senior(db, senior_id) for senior_id in accounts.seniors_of(db, g.member["id"])
    ]
    return render_template("family/dashboard.html", seniors=looked_after)


@bp.route("/seniors/new", methods=["GET", "POST"])
@sign_in_required
def senior_new():
    """Add a senior, with the number they call from."""
    db = get_db()
    errors, values = {}, {"language": "en", "timezone": "UTC", "needs": []}
    if request.method == "POST":
        values = _senior_values(request.form) | {
            "phone": request.form.get("phone", ""),
            "kind": request.form.get("kind", "mobile"),
        }
        try:
            with_number = [(values["phone"], values["kind"])] if values["phone"].strip() else []
            senior_id = seniors.create_senior(
                db, numbers=with_number, **_numbers(), **_senior_values(request.form)
            )
        except ValidationError as error:
            errors = error.errors
        else:
            accounts.link_senior(db, g.member["id"], senior_id)
            return redirect(url_for("family.senior", senior_id=senior_id), code=303)
    return render_template(
        "family/senior_form.html", senior=None, values=values, errors=errors, needs=fields.NEEDS
    ), 400 if errors else 200


@bp.get("/seniors/<int:senior_id>")
@sign_in_required
def senior(senior_id):
    """Everything about one senior on one page."""
    own_senior(senior_id)
    return _senior_page(senior_id, {})


@bp.route("/seniors/<int:senior_id>/edit", methods=["GET", "POST"])
@sign_in_required
def senior_edit(senior_id):
    """Change a senior's name, language, needs and notes."""
    person = own_senior(senior_id)
    errors, values = {}, person
    if request.method == "POST":
        values = _senior_values(request.form)
        try:
            seniors.update_senior(get_db(), senior_id, **values)
        except ValidationError as error:
            errors = error.errors
        else:
            return redirect(url_for("family.senior", senior_id=senior_id), code=303)
    return render_template(
        "family/senior_form.html", senior=person, values=values, errors=errors, needs=fields.NEEDS
    ), 400 if errors else 200


@bp.post("/seniors/<int:senior_id>/phones")
@sign_in_required
def phone_add(senior_id):
    """Add a number the senior calls from; a number that is another senior's is refused."""
    own_senior(senior_id)
    try:
        seniors.add_phone(
            get_db(),
            senior_id,
            request.form.get("phone", ""),
            request.form.get("kind", "mobile"),
            **_numbers(),
        )
    except ValidationError as error:
        return _senior_page(senior_id, error.errors), 400
    return redirect(url_for("family.senior", senior_id=senior_id) + "#phones", code=303)


@bp.post("/seniors/<int:senior_id>/phones/<int:phone_id>/delete")
@sign_in_required
def phone_delete(senior_id, phone_id):
    """Remove one of the senior's numbers."""
    own_senior(senior_id)
    found_or_404(seniors.remove_phone, get_db(), senior_id, phone_id)
    return redirect(url_for("family.senior", senior_id=senior_id) + "#phones", code=303)


def _senior_page(senior_id, errors):
    """Render the senior's page, with `errors` from the number form when it was refused."""
    db = get_db()
    try:
        before = paging.cursor(request.args.get("rides_before"))
    except ValidationError:
        before = None
    rides = bookings.page_bookings(db, senior_id=senior_id, size=20, before=before)
    return render_template(
        "family/senior.html",
        senior=seniors.get_senior(db, senior_id),
        phones=seniors.phones_of(db, senior_id),
        places=places.list_places(db, senior_id),
        contacts=contacts.list_contacts(db, senior_id),
        rides=rides.rows,
        older_rides=rides.next,
        open_rides=bookings.open_bookings(db, senior_id),
        cancellable=lifecycle.CANCELLABLE_STATES,
        errors=errors,
    )


# Places and contacts share their shape: a form, a list in order, move up and down.
KINDS = {
    "places": {
        "get": places.get_place,
        "add": places.add_place,
        "update": places.update_place,
        "delete": places.delete_place,
        "move": places.move_place,
        "list": places.list_places,
        "template": "family/place_form.html",
    },
    "contacts": {
        "get": contacts.get_contact,
        "add": contacts.add_contact,
        "update": contacts.update_contact,
        "delete": contacts.delete_contact,
        "move": contacts.move_contact,
        "list": contacts.list_contacts,
        "template": "family/contact_form.html",
    },
}


def _item_values(kind, form):
    if kind == "places":
        return {
            "label": form.get("label", ""),
            "address": form.get("address", ""),
            "aliases": form.get("aliases", ""),
            "is_home": form.get("is_home") == "on",
            "pickup_notes": form.get("pickup_notes", ""),
            "travel_minutes": form.get("travel_minutes", ""),
        }
    return {
        "name": form.get("name", ""),
        "relation": form.get("relation", ""),
        "phone": form.get("phone", ""),
        "notify": form.get("notify") == "on",
        **_numbers(),
    }


@bp.route("/seniors/<int:senior_id>/<any(places, contacts):kind>/new", methods=["GET", "POST"])
@sign_in_required
def item_new(senior_id, kind):
    """Add a place or a family contact."""
    person = own_senior(senior_id)
    errors, values = {}, {}
    if kind == "places":
        # A senior's first place is most often their home: offer it ticked until one is marked.
        values["is_home"] = places.home_place(get_db(), senior_id) is None
    if request.method == "POST":
        values = _item_values(kind, request.form)
        try:
            KINDS[kind]["add"](get_db(), senior_id, **values)
        except ValidationError as error:
            errors = error.errors
        else:
            return redirect(url_for("family.senior", senior_id=senior_id) + f"#{kind}", code=303)
    return render_template(
        KINDS[kind]["template"], senior=person, item=None, values=values, errors=errors
    ), 400 if errors else 200


@bp.route(
    "/seniors/<int:senior_id>/<any(places, contacts):kind>/<int:item_id>", methods=["GET", "POST"]
)
@sign_in_required
def item_edit(senior_id, kind, item_id):
    """Change a place or a family contact."""
    person = own_senior(senior_id)
    item = found_or_404(KINDS[kind]["get"], get_db(), senior_id, item_id)
    errors, values = {}, dict(item, aliases=", ".join(item.get("aliases", [])))
    if request.method == "POST":
        values = _item_values(kind, request.form)
        try:
            KINDS[kind]["update"](get_db(), senior_id, item_id, **values)
        except ValidationError as error:
            errors = error.errors
        else:
            return redirect(url_for("family.senior", senior_id=senior_id) + f"#{kind}", code=303)
    return render_template(
        KINDS[kind]["template"], senior=person, item=item, values=values, errors=errors
    ), 400 if errors else 200


@bp.post("/seniors/<int:senior_id>/<any(places, contacts):kind>/<int:item_id>/delete")
@sign_in_required
def item_delete(senior_id, kind, item_id):
    """Delete a place or a family contact."""
    own_senior(senior_id)
    found_or_404(KINDS[kind]["delete"], get_db(), senior_id, item_id)
    return redirect(url_for("family.senior", senior_id=senior_id) + f"#{kind}", code=303)


@bp.post("/seniors/<int:senior_id>/<any(places, contacts):kind>/<int:item_id>/move")
@sign_in_required
def item_move(senior_id, kind, item_id):
    """Move a place or contact up or down the list."""
    own_senior(senior_id)
    db = get_db()
    found_or_404(KINDS[kind]["get"], db, senior_id, item_id)
    order = [row["id"] for row in KINDS[kind]["list"](db, senior_id)]
    step = -1 if request.form.get("direction") == "up" else 1
    KINDS[kind]["move"](db, senior_id, item_id, max(0, order.index(item_id) + step))
    return redirect(url_for("family.senior", senior_id=senior_id) + f"#{kind}", code=303)


@bp.get("/seniors/<int:senior_id>/device")
@sign_in_required
def device(senior_id):
    """The link and QR code to open on the senior's phone or tablet."""
    person = own_senior(senior_id)
    token = seniors.device_token(person, current_app.config["SECRET_KEY"])
    link = links.external_url("senior.device_link", token=token) if token else None
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
            title="QR code of the senior page link",
        )
        qr_svg = buffer.getvalue().decode()
    return render_template(
        "family/device.html",
        senior=person,
        link=link,
        qr_svg=qr_svg,
        active=seniors.has_device_link(person),
    )


@bp.post("/seniors/<int:senior_id>/device")
@sign_in_required
def device_change(senior_id):
    """Make a new device link (ending the old one everywhere), or turn the link off."""
    own_senior(senior_id)
    if request.form.get("action") == "revoke":
        seniors.revoke_device_token(get_db(), senior_id)
    else:
        seniors.issue_device_token(get_db(), senior_id, current_app.config["SECRET_KEY"])
    return redirect(url_for("family.device", senior_id=senior_id), code=303)


@bp.post("/seniors/<int:senior_id>/invites")
@sign_in_required
def invite_new(senior_id):
    """Make a single-use link that lets another family member look after this senior too."""
    person = own_senior(senior_id)
    token = invites.create_invite(get_db(), senior_id, g.member["id"])
    return render_template(
        "family/invite_made.html",
        senior=person,
        link=links.external_url("family.invite", token=token),
    )


@bp.route("/invites/<token>", methods=["GET", "POST"])
@sign_in_required
def invite(token):
    """Accept an invitation to share a senior."""
    if request.method == "POST":
        try:
            senior_id = invites.accept_invite(get_db(), token, g.member["id"])
        except ValidationError as error:
            return render_template(
                "family/invite.html", token=token, error=error.errors["invite"]
            ), 400
        return redirect(url_for("family.senior", senior_id=senior_id), code=303)
    return render_template("family/invite.html", token=token, error=None)
