"""Guessing passwords: each portal counts its own tries, waits grow per account and address, nobody
is locked out."""

import datetime
import threading

import pytest

from elderride.services import clock, demo, throttle
from elderride.services.people import accounts
from tests.conftest import csrf_token
from tests.family_client import FamilyClient


@pytest.fixture
def later(monkeypatch):
    """Move the services' clock forward: later(seconds)."""
    start = clock.now()
    offset = {"seconds": 0}
    monkeypatch.setattr(clock, "now", lambda: start + datetime.timedelta(seconds=offset["seconds"]))

    def advance(seconds):
        offset["seconds"] += seconds

    return advance


def staff_try(client, password, address="198.51.100.7"):
    page = client.get("/console/signin").get_data(as_text=True)
    return client.post(
        "/console/signin",
        data={"csrf_token": csrf_token(page), "email": demo.DISPATCHER_EMAIL, "password": password},
        environ_base={"REMOTE_ADDR": address},
    ).status_code


def test_a_family_sign_in_never_clears_the_dispatchers_failures(app, demo_data, later):
    # The attack of the report: a family account under the dispatcher's email, signed into after
    # every few guesses.
    family = FamilyClient(app.test_client())
    family.sign_up(demo.DISPATCHER_EMAIL, password="attacker's own password")
    family.submit("/family/", "/family/signout")
    staff = app.test_client()
    evaluated = 0
    for _ in range(15):
        for _ in range(4):
            status = staff_try(staff, "guess number n")
            assert status in (400, 429)
            evaluated += status == 400
        assert family.sign_in(demo.DISPATCHER_EMAIL, "attacker's own password").status_code == 303
        family.submit("/family/", "/family/signout")
    assert evaluated == throttle.FREE_TRIES_PER_ACCOUNT
    # While the wait lasts even the right password is not tried; afterwards it works (no lock-out).
    assert staff_try(staff, demo.DISPATCHER_PASSWORD) == 429
    later(throttle.MAX_WAIT_SECONDS + 1)
    assert staff_try(staff, demo.DISPATCHER_PASSWORD) == 303


def test_waits_grow_with_each_failure_and_stop_at_the_cap(db, later):
    waits = []
    for _ in range(throttle.FREE_TRIES_PER_ACCOUNT + 12):
        attempt, wait = throttle.begin_sign_in(db, "staff", "ana@taxi.example", "192.0.2.1")
        if attempt is None:
            waits.append(wait)
            later(wait)
            attempt, wait = throttle.begin_sign_in(db, "staff", "ana@taxi.example", "192.0.2.1")
        assert attempt is not None
    assert waits == sorted(waits) and waits[0] == pytest.approx(2, abs=0.01)
    assert max(waits) == pytest.approx(throttle.MAX_WAIT_SECONDS, abs=0.01)


def test_an_attacker_elsewhere_does_not_lock_the_real_user_out(app, demo_data):
    attacker = app.test_client()
    for _ in range(30):
        staff_try(attacker, "a wrong guess", address="203.0.113.66")
    assert staff_try(attacker, demo.DISPATCHER_PASSWORD, address="203.0.113.66") == 429
    assert staff_try(app.test_client(), demo.DISPATCHER_PASSWORD, address="198.51.100.20") == 303


def test_one_address_trying_many_accounts_is_slowed(db):
    for number in range(throttle.FREE_TRIES_PER_ADDRESS):
        attempt, _wait = throttle.begin_sign_in(
            db, "family", f"person{number}@example.com", "203.0.113.9"
        )
        assert attempt is not None
    attempt, wait = throttle.begin_sign_in(db, "family", "someone.else@example.com", "203.0.113.9")
    assert attempt is None and wait > 0
    # The other portal and other addresses are not affected.
    assert (
        throttle.begin_sign_in(db, "staff", "someone.else@example.com", "203.0.113.9")[0]
        is not None
    )
    assert (
        throttle.begin_sign_in(db, "family", "someone.else@example.com", "203.0.113.10")[0]
        is not None
    )


def test_parallel_guesses_respect_the_limit(app, demo_data, monkeypatch):
    checked = []
    real_authenticate = accounts.authenticate

    def counting(*args, **kwargs):
        checked.append(1)
        return real_authenticate(*args, **kwargs)

    monkeypatch.setattr(accounts, "authenticate", counting)
    statuses = []
    start = threading.Barrier(40)

    def guess():
        client = app.test_client()
        page = client.get("/console/signin").get_data(as_text=True)
        start.wait()
        response = client.post(
            "/console/signin",
            data={
                "csrf_token": csrf_token(page),
                "email": demo.DISPATCHER_EMAIL,
                "password": "parallel guess",
            },
            environ_base={"REMOTE_ADDR": "203.0.113.40"},
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=guess) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(checked) == throttle.FREE_TRIES_PER_ACCOUNT
    assert (
        sorted(set(statuses)) == [400, 429]
        and statuses.count(400) == throttle.FREE_TRIES_PER_ACCOUNT
    )


def test_an_unknown_email_costs_a_password_hash_too(db, monkeypatch):
    accounts.create_family_member(
        db, email="ann@example.com", name="Ann", password="correct horse battery"
    )
    hashed = []
    real_check = accounts.check_password_hash

    def counting(stored, secret):
        hashed.append(stored)
        return real_check(stored, secret)

    monkeypatch.setattr(accounts, "check_password_hash", counting)
    assert accounts.authenticate(db, "family_members", "ann@example.com", "wrong password!") is None
    assert (
        accounts.authenticate(db, "family_members", "nobody@example.com", "wrong password!") is None
    )
    assert (
        accounts.authenticate(db, "family_members", "nobody@example.com", "a password nobody has")
        is None
    )
    assert len(hashed) == 3
    # The stand-in costs what a real one does: the same method and work factor.
    assert hashed[1].split("$")[0] == hashed[0].split("$")[0]


def test_behind_a_trusted_proxy_each_client_is_counted_apart(app, demo_data):
    from elderride import create_app

    app = create_app({**app.config, "TRUSTED_PROXIES": 1})
    attacker = app.test_client()
    page = attacker.get("/console/signin").get_data(as_text=True)
    for _ in range(10):
        attacker.post(
            "/console/signin",
            data={
                "csrf_token": csrf_token(page),
                "email": demo.DISPATCHER_EMAIL,
                "password": "wrong guess",
            },
            headers={"X-Forwarded-For": "203.0.113.66"},
            environ_base={"REMOTE_ADDR": "10.0.0.2"},
        )
    rows = {row["address"] for row in demo_data.table("login_failures").rows}
    assert rows == {"203.0.113.66"}
    real = app.test_client()
    page = real.get("/console/signin").get_data(as_text=True)
    response = real.post(
        "/console/signin",
        data={
            "csrf_token": csrf_token(page),
            "email": demo.DISPATCHER_EMAIL,
            "password": demo.DISPATCHER_PASSWORD,
        },
        # Over TLS a browser sends the page it came from, which the form check compares.
        headers={
            "X-Forwarded-For": "198.51.100.20",
            "X-Forwarded-Proto": "https",
            "Referer": "https://localhost/console/signin",
        },
        environ_base={"REMOTE_ADDR": "10.0.0.2"},
    )
    assert response.status_code == 303


def test_the_trusted_proxies_setting_installs_proxy_fix(tmp_path):
    from werkzeug.middleware.proxy_fix import ProxyFix

    from elderride import create_app

    config = {"TESTING": True, "DATABASE": str(tmp_path / "e.db"), "SECRET_KEY": "k"}
    assert not isinstance(create_app(config).wsgi_app, ProxyFix)
    fixed = create_app({**config, "TRUSTED_PROXIES": 2}).wsgi_app
    assert (
        isinstance(fixed, ProxyFix)
        and fixed.x_for == 2
        and fixed.x_proto == 2
        and fixed.x_host == 0
    )


def test_asking_sign_up_which_emails_have_accounts_is_slowed_like_guessing(app, db):
    for number in range(throttle.FREE_TRIES_PER_ADDRESS):
        accounts.create_family_member(
            db, email=f"person{number}@example.com", name="P", password="a long password"
        )
    prober = FamilyClient(app.test_client())
    for number in range(throttle.FREE_TRIES_PER_ADDRESS):
        response = prober.submit(
            "/family/signup",
            data={
                "email": f"person{number}@example.com",
                "name": "X",
                "password": "a long password",
            },
        )
        assert response.status_code == 400
    slowed = prober.submit(
        "/family/signup",
        data={"email": "someone.new@example.com", "name": "X", "password": "a long password"},
    )
    assert slowed.status_code == 429 and "Too many tries" in slowed.get_data(as_text=True)
    assert accounts.family_member_by_email(db, "someone.new@example.com") is None
    # Somebody else, elsewhere, signs up as usual.
    elsewhere = app.test_client()
    page = elsewhere.get("/family/signup").get_data(as_text=True)
    response = elsewhere.post(
        "/family/signup",
        data={
            "csrf_token": csrf_token(page),
            "email": "someone.new@example.com",
            "name": "N",
            "password": "a long password",
        },
        environ_base={"REMOTE_ADDR": "198.51.100.30"},
    )
    assert response.status_code == 303


def test_behind_a_tls_proxy_the_device_cookie_is_secure_and_only_then(app, margaret):
    from elderride import create_app

    link = f"/s/{margaret['device_token']}"
    tls = {"X-Forwarded-Proto": "https"}
    proxied = create_app({**app.config, "TRUSTED_PROXIES": 1})
    assert "Secure" in proxied.test_client().get(link, headers=tls).headers["Set-Cookie"]
    assert "Secure" not in proxied.test_client().get(link).headers["Set-Cookie"]
    # Without a trusted proxy the header is anyone's to write, and is ignored.
    assert "Secure" not in app.test_client().get(link, headers=tls).headers["Set-Cookie"]


@pytest.mark.parametrize("hops", [0, 1])
def test_over_a_real_server_only_a_trusted_proxys_header_names_the_client(app, demo_data, hops):
    """Waitress drops X-Forwarded-* unless told to keep them: behind a proxy every client would
    share the proxy's address (and its limits), so they are kept for ProxyFix when it is trusted."""
    import http.cookiejar
    import urllib.parse
    import urllib.request

    from elderride import create_app
    from elderride.serving import make_server
    from tests.live_server import LiveServer

    served = create_app({**app.config, "TESTING": False, "TRUSTED_PROXIES": hops})
    live = LiveServer(served, server=make_server(served))
    try:
        browser = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        with browser.open(f"{live.url}/console/signin", timeout=30) as response:
            page = response.read().decode()
        form = {"csrf_token": csrf_token(page), "email": demo.DISPATCHER_EMAIL, "password": "no"}
        request = urllib.request.Request(
            f"{live.url}/console/signin",
            data=urllib.parse.urlencode(form).encode(),
            headers={"X-Forwarded-For": "203.0.113.66"},
        )
        try:
            browser.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            assert error.code in (400, 401, 429)
    finally:
        live.stop()
    rows = {row["address"] for row in demo_data.table("login_failures").rows}
    assert rows == ({"203.0.113.66"} if hops else {"127.0.0.1"})


def test_a_try_that_read_the_clock_before_waiting_for_the_lock_still_gets_its_free_try(
    db, monkeypatch
):
    """Parallel tries queue on the write lock: one that read the clock first may find a failure
    stamped after its own `now`. With free tries left it must not be told to wait (before, it
    waited the gap, so 40 parallel guesses sometimes got only 2 of their 3 free tries)."""
    moment = clock.now()
    monkeypatch.setattr(clock, "now", lambda: moment)
    for _ in range(throttle.FREE_TRIES_PER_ACCOUNT - 1):
        assert throttle.begin_sign_in(db, "staff", "a@example.com", "203.0.113.5")[1] == 0
    monkeypatch.setattr(clock, "now", lambda: moment - datetime.timedelta(seconds=1))
    attempt, wait = throttle.begin_sign_in(db, "staff", "a@example.com", "203.0.113.5")
    assert attempt is not None and wait == 0
    # The next is throttled: the free tries are used up.
    assert throttle.begin_sign_in(db, "staff", "a@example.com", "203.0.113.5")[0] is None
