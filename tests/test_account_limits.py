"""Limits on accounts: a few sign-ups per address a day, a few seniors per account unless an
operator raises it."""

import datetime
import threading
import time

import pytest
from click.testing import CliRunner

from elderride import create_app
from elderride.cli import cli
from elderride.services import clock, demo, throttle
from elderride.services.people import accounts, invites
from tests.conftest import csrf_token

LIMIT = throttle.SIGN_UPS_PER_ADDRESS


def sign_up_from(client, address, number):
    page = client.get("/family/signup", environ_base={"REMOTE_ADDR": address})
    return client.post(
        "/family/signup",
        data={
            "csrf_token": csrf_token(page.get_data(as_text=True)),
            "name": f"Pay your fine at http://evil.example/{number}",
            "email": f"flood{number}@example.com",
            "password": "a long enough password",
        },
        environ_base={"REMOTE_ADDR": address},
    )


def test_a_flood_of_sign_ups_from_one_address_makes_only_a_few(app, db):
    started = time.perf_counter()
    answers = [sign_up_from(app.test_client(), "203.0.113.9", number) for number in range(25)]
    elapsed = time.perf_counter() - started
    statuses = [answer.status_code for answer in answers]
    assert statuses == [303] * LIMIT + [429] * (25 - LIMIT), statuses
    assert db.table("family_members").count == LIMIT
    refused = answers[-1].get_data(as_text=True)
    # Why, and who can help; what was typed is still in the form (never the password).
    assert "Several accounts were made from this place" in refused
    assert "ask the people who run elderride" in refused
    assert 'value="flood24@example.com"' in refused and "a long enough password" not in refused
    print(f"25 sign-ups from one address: {statuses.count(303)} made in {elapsed:.1f} s")
    # Another address is not held back, and the count holds for every address in one IPv6 /64.
    assert sign_up_from(app.test_client(), "198.51.100.4", 100).status_code == 303
    v6 = [
        sign_up_from(app.test_client(), f"2001:db8:1:2::{number:x}", 200 + number).status_code
        for number in range(1, LIMIT + 2)
    ]
    assert v6 == [303] * LIMIT + [429]


def test_the_count_is_kept_in_the_database_for_every_process_and_thread(app, db):
    # A second app on the same database stands for another process of the same site.
    other = create_app(dict(app.config))
    clients = [app.test_client() if number % 2 else other.test_client() for number in range(12)]
    pages = [csrf_token(client.get("/family/signup").get_data(as_text=True)) for client in clients]
    barrier = threading.Barrier(len(clients))
    statuses = []

    def sign_up(number):
        barrier.wait()
        statuses.append(
            clients[number]
            .post(
                "/family/signup",
                data={
                    "csrf_token": pages[number],
                    "name": "N",
                    "email": f"racer{number}@example.com",
                    "password": "a long enough password",
                },
                environ_base={"REMOTE_ADDR": "203.0.113.50"},
            )
            .status_code
        )

    threads = [threading.Thread(target=sign_up, args=(n,)) for n in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [303] * LIMIT + [429] * (len(clients) - LIMIT)
    assert db.table("family_members").count == LIMIT


def test_a_refused_sign_up_gives_its_place_back_and_a_day_later_the_address_may_again(
    app, db, monkeypatch
):
    client = app.test_client()
    page = csrf_token(client.get("/family/signup").get_data(as_text=True))
    short = client.post(
        "/family/signup",
        data={"csrf_token": page, "name": "N", "email": "a@example.com", "password": "short"},
    )
    assert short.status_code == 400
    statuses = [sign_up_from(app.test_client(), "127.0.0.1", n).status_code for n in range(4)]
    assert statuses == [303] * LIMIT + [429]
    start = clock.now()
    monkeypatch.setattr(clock, "now", lambda: start + datetime.timedelta(hours=24, minutes=1))
    assert sign_up_from(app.test_client(), "127.0.0.1", 9).status_code == 303


def add_senior(family, number):
    return family.submit(
        "/family/",
        "/family/seniors/new",
        data={
            "name": f"Senior {number}",
            "phone": f"+1555010{number:04d}",
            "kind": "landline",
            "language": "en",
            "timezone": "America/New_York",
            "notes": "typed by the family",
        },
    )


def test_an_account_adds_a_few_seniors_then_is_told_who_can_raise_it(signed_up, db):
    for number in range(accounts.SENIORS_PER_ACCOUNT):
        assert add_senior(signed_up, 100 + number).status_code == 303
    refused = add_senior(signed_up, 200)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert f"up to {accounts.SENIORS_PER_ACCOUNT} seniors" in page
    assert "ask the people who run elderride" in page
    # The form keeps what was typed.
    assert 'value="Senior 200"' in page and "typed by the family" in page
    assert db.table("seniors").count == accounts.SENIORS_PER_ACCOUNT
    # Asked before typing, the page says so and offers no form.
    form = signed_up.page("/family/seniors/new")
    assert form.status_code == 200 and "ask the people who run elderride" in form.get_data(
        as_text=True
    )
    assert 'name="name"' not in form.get_data(as_text=True)


def test_an_operator_raises_the_limit_of_one_account(app, signed_up, db):
    for number in range(accounts.SENIORS_PER_ACCOUNT):
        assert add_senior(signed_up, 100 + number).status_code == 303
    env = {"ELDERRIDE_DATABASE": app.config["DATABASE"], "ELDERRIDE_SECRET_KEY": "cli"}
    raised = CliRunner().invoke(
        cli, ["family-limit", "ANN@example.com", "6"], env=env, catch_exceptions=False
    )
    assert raised.exit_code == 0 and "up to 6 seniors (now 4)" in raised.output
    assert [add_senior(signed_up, 300 + n).status_code for n in range(3)] == [303, 303, 400]
    for wrong in (["nobody@example.com", "6"], ["ann@example.com", "-1"], ["ann@example.com", "x"]):
        result = CliRunner().invoke(cli, ["family-limit", *wrong], env=env)
        assert result.exit_code != 0 and "Traceback" not in result.output
    made = CliRunner().invoke(
        cli,
        ["create-family", "care@home.example", "--name", "Oak Care", "--password", "a long one!"]
        + ["--seniors", "40"],
        env=env,
        catch_exceptions=False,
    )
    assert made.exit_code == 0 and "up to 40 seniors" in made.output
    assert accounts.seniors_limit(accounts.family_member_by_email(db, "care@home.example")) == 40


def test_an_invitation_past_the_limit_is_refused_and_stays_unspent(app, margaret, signed_up, db):
    # (Margaret's demo data is loaded first: loading it replaces the whole database.)
    for number in range(accounts.SENIORS_PER_ACCOUNT):
        assert add_senior(signed_up, 100 + number).status_code == 303
    lily_id = accounts.family_member_by_email(db, demo.FAMILY_EMAIL)["id"]
    token = invites.create_invite(db, margaret["id"], lily_id)
    refused = signed_up.submit(f"/family/invites/{token}")
    assert refused.status_code == 400
    assert "ask the people who run elderride" in refused.get_data(as_text=True)
    assert next(db.table("invites").rows)["used_at"] is None
    assert signed_up.page(f"/family/seniors/{margaret['id']}").status_code == 404


@pytest.mark.parametrize(
    "field, value",
    [("name", "N" * 100_000), ("email", "e" * 100_000 + "@example.com"), ("name", "\x00\u202e")],
)
def test_hostile_sign_ups_are_refused_without_an_error_page(app, db, field, value):
    client = app.test_client()
    data = {"name": "N", "email": "h@example.com", "password": "a long enough password"}
    page = csrf_token(client.get("/family/signup").get_data(as_text=True))
    response = client.post("/family/signup", data={"csrf_token": page, **data, field: value})
    assert response.status_code in (303, 400)
    assert len(response.get_data()) < 50_000
