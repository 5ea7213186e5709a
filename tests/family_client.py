"""A family member's browser, as a Flask test client that carries its form tokens like a real
one."""

import re

from tests.conftest import csrf_token


class FamilyClient:
    """Signs up (confirming the email from its mail, given a mailbox), signs in and submits forms
    with the token of the page they came from."""

    def __init__(self, client, mailbox=None):
        self.client = client
        self.mailbox = mailbox

    def page(self, path):
        response = self.client.get(path)
        return response

    def submit(self, page_path, action=None, data=None, follow=False):
        page = self.client.get(page_path)
        assert page.status_code == 200, (page_path, page.status_code)
        form = {"csrf_token": csrf_token(page.get_data(as_text=True)), **(data or {})}
        return self.client.post(action or page_path, data=form, follow_redirects=follow)

    def sign_up(self, email, name="Family Member", password="correct horse battery", confirm=None):
        """Make an account; confirm its email as its owner would when there is a mailbox (or
        `confirm` says so)."""
        response = self.submit(
            "/family/signup", data={"email": email, "name": name, "password": password}
        )
        assert response.status_code == 303, response.get_data(as_text=True)
        if confirm is None:
            confirm = self.mailbox is not None
        if confirm:
            self.confirm_email(email)
        return response

    def confirm_email(self, email):
        """Open the link mailed to `email` and press its button, as a person reading the mail."""
        assert self.mailbox is not None, "the link comes by mail: give the client the mailbox"
        link = self.mailbox.link(email, "/family/confirm/")
        response = self.submit(link)
        assert response.status_code == 200, response.get_data(as_text=True)
        return response

    def sign_in(self, email, password):
        return self.submit("/family/signin", data={"email": email, "password": password})

    def add_senior(self, name="Ada Park", phone="+15550100050", language="en", kind="landline"):
        response = self.submit(
            "/family/seniors/new",
            data={
                "name": name,
                "phone": phone,
                "kind": kind,
                "language": language,
                "timezone": "America/New_York",
            },
        )
        assert response.status_code == 303, response.get_data(as_text=True)
        return int(re.search(r"/family/seniors/(\d+)", response.headers["Location"]).group(1))
