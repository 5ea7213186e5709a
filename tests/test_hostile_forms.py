"""Every field of every form the family portal and the console render, filled with hostile values:
never a 5xx."""

import html.parser
from urllib.parse import quote_from_bytes, urljoin, urlsplit

import pytest

from elderride.services import bookings
from elderride.services.outgoing import outbox
from elderride.services.people import accounts, invites
from elderride.store import writing
from tests.conftest import csrf_token

HOSTILE = {
    "oversized": "Ω" * 70_000,  # more than a form may carry
    "long": "x" * 5_000,
    "control": "\x00\x01\x07\x1b[31m\x7f\x9f",
    "lone surrogate": "\ud800",
    "huge number": "9" * 400,
    "huge negative": "-" + "9" * 30,
    "float": "1e309",
    "crlf": "a\r\nSet-Cookie: hijacked=1\r\n\r\n<b>x</b>",
    "markup": "<script>alert(1)</script>\"'><img src=x>",
    "sql": "' OR 1=1; DROP TABLE bookings; --",
    "unicode": "\u202e\u200bＦｕｌｌ ０１２ 🚕",
    "empty": "",
}


class Forms(html.parser.HTMLParser):
    """The POST forms of a page with their fields and default values, and the page's links."""

    def __init__(self):
        super().__init__()
        self.forms, self.links, self.current, self.select, self.textarea = [], [], None, None, None

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "form":
            self.current = {
                "action": attributes.get("action"),
                "method": (attributes.get("method") or "get").lower(),
                "fields": [],
                "buttons": [],
            }
            self.forms.append(self.current)
        elif self.current is None or not attributes.get("name"):
            return
        elif tag == "input":
            kind = attributes.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                self.current["fields"].append((attributes["name"], None))
            else:
                self.current["fields"].append((attributes["name"], attributes.get("value", "")))
        elif tag == "button":
            self.current["buttons"].append((attributes["name"], attributes.get("value", "")))
        elif tag == "select":
            self.select = attributes["name"]
            self.current["fields"].append((self.select, None))
        elif tag == "option" and self.select:
            fields = self.current["fields"]
            if fields[-1][1] is None or "selected" in attributes:
                fields[-1] = (self.select, attributes.get("value", ""))
        elif tag == "textarea":
            self.textarea = attributes["name"]
            self.current["fields"].append((self.textarea, ""))

    def handle_data(self, data):
        if self.textarea and self.current:
            fields = self.current["fields"]
            fields[-1] = (self.textarea, fields[-1][1] + data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def encode(pairs):
    """URL-encode a form body as a browser would, surrogates and all (a lone surrogate goes as its
    raw bytes)."""
    return "&".join(
        quote_from_bytes(name.encode())
        + "="
        + quote_from_bytes(value.encode("utf-8", "surrogatepass"))
        for name, value in pairs
    )


def crawl(client, starts, prefix):
    """Return {(page, action): form} for every POST form reachable from `starts` within `prefix`."""
    seen, queue, found = set(), list(starts), {}
    while queue and len(seen) < 80:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.content_type:
            continue
        parser = Forms()
        parser.feed(response.get_data(as_text=True))
        for form in parser.forms:
            action = urlsplit(urljoin(path, form["action"] or path)).path
            if form["method"] == "post" and not action.endswith("/signout"):
                found.setdefault(
                    (action, tuple(name for name, _ in form["fields"])),
                    dict(form, page=path, action=action),
                )
        for link in parser.links:
            target = urlsplit(urljoin(path, link))
            if (
                target.netloc in ("", "localhost")
                and target.path.startswith(prefix)
                and not target.path.endswith("/panel")
            ):
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return list(found.values())


def attack(client, form):
    """Post each hostile value into each field of `form` in turn, then into all at once; return the
    5xx answers."""
    token = csrf_token(client.get(form["page"]).get_data(as_text=True))
    base = [(name, value) for name, value in form["fields"] if value is not None]
    base = [(name, token if name == "csrf_token" else value) for name, value in base]
    # The first named button is what a person would press.
    base += form["buttons"][:1]
    names = [name for name, _ in form["fields"]] + [name for name, _ in form["buttons"]]
    failures = []
    for label, hostile in HOSTILE.items():
        variants = [
            [(name, hostile if name == target else value) for name, value in base]
            + ([] if target in dict(base) else [(target, hostile)])
            for target in names
            if target != "csrf_token"
        ]
        variants.append([(name, token if name == "csrf_token" else hostile) for name, _ in base])
        for pairs in variants:
            response = client.post(
                form["action"], data=encode(pairs), content_type="application/x-www-form-urlencoded"
            )
            if response.status_code >= 500:
                failures.append((form["action"], label, dict(pairs).keys(), response.status_code))
    return failures


@pytest.fixture
def world(app, demo_data, margaret, book, lily, dispatcher):
    """Lily signed in with Margaret set up; a dispatcher signed in; rides, an invitation, a dead
    letter, a reset link."""
    db = demo_data
    # Mail "set up" (nothing is delivered here), so the reset page has its form.
    app.config.update(
        SMTP_URL="smtp://127.0.0.1:9",
        MAIL_FROM="rides@example.org",
        PUBLIC_BASE_URL="http://localhost",
    )
    # A failure is answered as a real server would (a 500 page), so the test can list every one.
    app.config["PROPAGATE_EXCEPTIONS"] = False
    booking = book(margaret, channel="family", created_by="family:1")
    bookings.transition(db, booking["id"], "forwarded", actor="dispatch")
    review = book(
        None,
        {"address": "2 Elsewhere"},
        pickup={"address": "1 Somewhere"},
        channel="phone",
        created_by="caller",
        caller_phone="+15550100077",
        needs_review=True,
    )
    with writing(db):
        dead = outbox.enqueue(
            db,
            "text",
            {"to": "+15550100002", "body": "x", "state": "requested"},
            booking_id=booking["id"],
        )
    outbox.fail(db, {"id": dead, "kind": "text", "attempts": 99}, "test", permanent=True)
    member = accounts.family_member_by_email(db, "lily@example.com")
    invite = invites.create_invite(db, margaret["id"], member["id"])
    other = accounts.create_family_member(
        db, email="fuzz@example.com", name="Fuzz", password="a long password"
    )
    reset = accounts.reset_token(app.config["SECRET_KEY"], accounts.get_family_member(db, other))
    return {
        "lily": lily.client,
        "dispatcher": dispatcher,
        "margaret": margaret,
        "booking": booking,
        "review": review,
        "invite": invite,
        "reset": reset,
    }


def test_every_portal_and_console_form_survives_hostile_values(app, world):
    margaret = world["margaret"]
    family_forms = crawl(
        world["lily"],
        [
            "/family/",
            f"/family/invites/{world['invite']}",
            f"/family/seniors/{margaret['id']}/rides/{world['booking']['id']}",
        ],
        "/family/",
    )
    console_forms = crawl(
        world["dispatcher"],
        [
            "/console/",
            "/console/outbox",
            f"/console/bookings/{world['review']['id']}",
            f"/console/bookings/{world['booking']['id']}",
        ],
        "/console/",
    )
    anonymous = app.test_client()
    public_forms = crawl(
        anonymous,
        [
            "/family/signin",
            "/family/signup",
            "/family/reset",
            f"/family/reset/{world['reset']}",
            "/console/signin",
        ],
        "/family/",
    )
    public_forms += crawl(anonymous, ["/console/signin"], "/console/")
    actions = {form["action"] for form in family_forms + console_forms + public_forms}
    # The crawl reached the forms that matter (a broken crawl must not pass by testing nothing).
    for expected in (
        "/family/seniors/new",
        f"/family/seniors/{margaret['id']}/contacts/new",
        f"/family/seniors/{margaret['id']}/rides/new",
        f"/console/bookings/{world['booking']['id']}/state",
        f"/console/bookings/{world['review']['id']}/trip",
        "/family/signup",
        "/family/signin",
        "/console/signin",
        "/family/reset",
        f"/family/reset/{world['reset']}",
    ):
        assert expected in actions, sorted(actions)
    failures, attacked = [], 0
    # The console first: the family may cancel the ride, after which a dispatcher can only be
    # refused.
    for client, forms in (
        (world["dispatcher"], console_forms),
        (world["lily"], family_forms),
        (anonymous, public_forms),
    ):
        # Forms that delete or turn things off go last, so that the pages of the others still exist.
        for form in sorted(forms, key=lambda form: form["action"].endswith(("/delete", "/device"))):
            page = client.get(form["page"])
            if page.status_code != 200:
                continue
            failures += attack(client, form)
            attacked += 1
    assert failures == []
    assert attacked >= len(actions) - 3
