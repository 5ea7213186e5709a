"""The address a stranger opens first: a door for each audience, and a senior's own device goes
straight to its page."""

import pytest
from playwright.sync_api import expect

from tests.browser import axe_violations


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Going somewhere?", "Make an account", "Console sign-in"]),
        ("zh", ["要出门吗？", "注册账号", "调度台登录"]),
    ],
)
def test_the_front_page_shows_each_audience_its_door(client, language, words):
    client.set_cookie("lang", language)
    page = client.get("/")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    for word in words:
        assert word in text
    for path in ("/family/signin", "/family/signup", "/console/signin"):
        assert f'href="{path}"' in text


def test_a_seniors_device_goes_to_its_own_page(client, margaret):
    assert client.get(f"/s/{margaret['device_token']}").status_code == 303
    opened = client.get("/")
    assert opened.status_code == 303
    assert opened.headers["Location"].endswith("/senior")


def test_the_line_is_offered_only_where_it_is_set(app, client):
    assert "tel:" not in client.get("/").get_data(as_text=True)
    app.config["LINE_NUMBER"] = "+15550109999"
    assert 'href="tel:+15550109999"' in client.get("/").get_data(as_text=True)


def test_the_front_page_passes_axe_in_both_languages(page, live_server):
    page.goto(f"{live_server.url}/")
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="简体中文").click()
    expect(page.locator("h2").first).to_have_text("要出门吗？")
    assert axe_violations(page) == []
