"""A family member's browser, as a Flask test client that carries its form tokens like a real
one."""

import re

from tests.conftest import csrf_token


class FamilyClient:
    """Signs up, signs in and submits forms with the token of the page they came from."""

    def __init__(self, client):
        self.client = client

    def page(self, path):
        response = self.client.get(path)
        return response

    def submit(self, page_path, action=None, data=None, follow=False):
        page = self.client.get(page_path)
        assert page.status_code == 200, (page_path, page.status_code)
        form = {"csrf_token": csrf_token(page.get_data(as_text=True)), **(data or {})}
        return self.client.post(action or page_path, data=form, follow_redirects=follow)

    def sign_up(self, email, name="Family Member", password="correct horse battery"):
        response = self.submit(
            "/family/signup", data={"email": email, "name": name, "password": password}
        )
        assert response.status_code == 303, response.get_data(as_text=True)
        return response

    def sign_in(self, email, password):
        return self.submit("/family/signin", data={"email": email, "password": password})

    def add_senior(self, name="Ada Park", phone="+15550100050", language="en"):
        response = self.submit(
            "/family/seniors/new",
            data={
                "name": name,
                "phone": phone,
                "kind": "landline",
                "language": language,
                "timezone": "America/New_York",
            },
        )
        assert response.status_code == 303, response.get_data(as_text=True)
        return int(re.search(r"/family/seniors/(\d+)", response.headers["Location"]).group(1))
