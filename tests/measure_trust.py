"""Measure the attacks of issue 11 against this checkout and print one JSON object.

    .venv/bin/python -m tests.measure_trust

It drives the app through Flask's test client on a temporary database, so it runs
unchanged against an older checkout too (copy it there) to compare before and after.
"""

import json
import re
import statistics
import tempfile
import threading
import time
from pathlib import Path


def token_of(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def post(client, path, data, address="203.0.113.7", headers=None):
    page = client.get(path, headers=headers or {}, environ_base={"REMOTE_ADDR": address}).get_data(
        as_text=True
    )
    return client.post(
        path,
        data={"csrf_token": token_of(page), **data},
        headers=headers or {},
        environ_base={"REMOTE_ADDR": address},
    )


def main():
    from elderride import create_app
    from elderride.services.people import accounts

    folder = Path(tempfile.mkdtemp(prefix="elderride-measure-"))
    # Mail "set up" (nothing is delivered: the queued mail is read from the outbox).
    mail = {
        "SMTP_URL": "smtp://127.0.0.1:9",
        "MAIL_FROM": "rides@example.org",
        "PUBLIC_BASE_URL": "https://rides.example.org",
    }
    app = create_app(
        {"DATABASE": str(folder / "instance" / "e.db"), "SECRET_KEY": "measure", **mail}
    )
    from elderride.store import connect

    db = connect(app.config["DATABASE"])
    accounts.create_family_member(
        db, email="ann@example.com", name="Ann", password="correct horse battery"
    )
    accounts.create_staff(db, email="ana@taxi.example", name="Ana", password="dispatcher password")
    results = {}

    # 1. A dispatcher's password, guessed between sign-ins to a family account under the same email.
    family = app.test_client()
    post(
        family,
        "/family/signup",
        {"email": "ana@taxi.example", "name": "A", "password": "attacker's password"},
    )
    staff = app.test_client()
    evaluated = 0
    for _ in range(15):
        for _ in range(4):
            evaluated += (
                post(
                    staff, "/console/signin", {"email": "ana@taxi.example", "password": "a guess"}
                ).status_code
                == 400
            )
        post(
            family,
            "/family/signin",
            {"email": "ana@taxi.example", "password": "attacker's password"},
        )
    results["cross_portal_guesses_evaluated_of_60"] = evaluated

    # 6. Forty guesses at once from one address at a family account.
    checked = []
    barrier = threading.Barrier(40)

    def guess():
        client = app.test_client()
        page = client.get("/family/signin").get_data(as_text=True)
        barrier.wait()
        response = client.post(
            "/family/signin",
            data={
                "csrf_token": token_of(page),
                "email": "ann@example.com",
                "password": "parallel guess",
            },
            environ_base={"REMOTE_ADDR": "203.0.113.40"},
        )
        checked.append(response.status_code == 400)

    threads = [threading.Thread(target=guess) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results["parallel_guesses_evaluated_of_40"] = sum(checked)

    # 6. Can an attacker elsewhere lock the real user out? (the real user tries from another
    # address)
    attacker = app.test_client()
    for _ in range(30):
        post(
            attacker,
            "/family/signin",
            {"email": "ann@example.com", "password": "a wrong guess"},
            address="203.0.113.66",
        )
    real = post(
        app.test_client(),
        "/family/signin",
        {"email": "ann@example.com", "password": "correct horse battery"},
        address="198.51.100.20",
    )
    results["real_user_signs_in_after_30_guesses_elsewhere"] = real.status_code == 303

    # 7. Time of a wrong sign-in for a known and an unknown email (medians; each try from its own
    # address).
    def timed(email, index):
        client = app.test_client()
        page = client.get("/family/signin").get_data(as_text=True)
        started = time.perf_counter()
        client.post(
            "/family/signin",
            data={"csrf_token": token_of(page), "email": email, "password": "wrong password!"},
            environ_base={"REMOTE_ADDR": f"192.0.2.{index}"},
        )
        return (time.perf_counter() - started) * 1000

    # One try per account, so that no limit answers for the password check.
    for index in range(1, 16):
        accounts.create_family_member(
            db, email=f"known{index}@example.com", name="K", password="correct horse battery"
        )
    known = [timed(f"known{index}@example.com", index) for index in range(1, 16)]
    unknown = [timed(f"nobody{index}@example.com", 100 + index) for index in range(1, 16)]
    results["sign_in_ms_median_known_email"] = round(statistics.median(known), 1)
    results["sign_in_ms_median_unknown_email"] = round(statistics.median(unknown), 1)

    # 2. A reset asked for with a forged Host header: where does the mailed link point?
    post(
        app.test_client(),
        "/family/reset",
        {"email": "ann@example.com"},
        headers={"Host": "evil.example"},
    )
    payloads = [row["payload"] for row in db.table("outbox").rows_where("kind = 'email'")]
    links = re.findall(r"https?://[^/\s\"]+/family/reset/", " ".join(payloads))
    results["reset_link_hosts"] = sorted({link.split("/")[2] for link in links})

    # 8. File modes of the fresh instance.
    database = Path(app.config["DATABASE"])
    results["modes"] = {
        path.name: oct(path.stat().st_mode & 0o777)
        for path in (database.parent, database, Path(f"{database}-wal"), Path(f"{database}-shm"))
        if path.exists()
    }
    device_columns = [name for name in db.table("seniors").columns_dict if "device" in name]
    results["senior_device_columns"] = device_columns
    db.close()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
