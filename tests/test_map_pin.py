"""A pin on a map for a place, where the operator set a tile source (ELDERRIDE_MAP_TILES): tiles
from a local tile server, tapped in Chromium; without the setting the form is as it always was."""

import base64
import http.server

import pytest
from playwright.sync_api import expect

from elderride.app import create_app
from elderride.services.people import places
from tests.browser import axe_violations
from tests.fake_twilio import serve_locally
from tests.test_portal_browser import sign_in_lily

# A 1×1 grey PNG: every tile the browser asks for.
TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mN8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg=="
)


@pytest.fixture
def tile_server():
    """A tile source on 127.0.0.1 that answers every /z/x/y.png with a tile and notes the path."""
    asked = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(TILE)))
            self.end_headers()
            self.wfile.write(TILE)

        def log_message(self, *args):
            pass

    server, url = serve_locally(Handler)
    yield url, asked
    server.shutdown()
    server.server_close()


def test_without_a_tile_source_the_place_form_is_as_always(lily, margaret):
    page = lily.page(f"/family/seniors/{margaret['id']}/places/new").get_data(as_text=True)
    assert 'name="coordinates"' in page
    assert "map-pin" not in page


@pytest.mark.parametrize(
    "template",
    [
        "tiles.example.org/{z}/{x}/{y}.png",
        "javascript:alert(1)//{z}/{x}/{y}",
        "https://tiles.example.org/{z}/{x}.png",
        "https://tiles.example.org; script-src *//{z}/{x}/{y}",
        "https://user:secret@tiles.example.org/{z}/{x}/{y}.png",
    ],
)
def test_a_tile_source_a_browser_cannot_use_stops_the_start(tmp_path, template):
    with pytest.raises(ValueError, match="ELDERRIDE_MAP_TILES"):
        create_app({"TESTING": True, "DATABASE": str(tmp_path / "e.db"), "MAP_TILES": template})


def test_tapping_the_map_fills_in_the_coordinates_and_saves_them(
    app, db, margaret, page, live_server, tile_server
):
    url, asked = tile_server
    app.config["MAP_TILES"] = f"{url}/{{z}}/{{x}}/{{y}}.png"
    sign_in_lily(page, live_server)
    page.goto(f"{live_server.url}/family/seniors/{margaret['id']}/places/new")
    view = page.locator(".map-view")
    expect(view).to_be_visible()
    expect(page.locator(".map-tile").first).to_be_visible()
    assert asked and all(path.startswith("/2/") for path in asked)  # the world, at zoom 2
    assert axe_violations(page) == []
    # Zoomed in twice, and Enter marks the middle: the map starts at 20° N, 0° E.
    page.get_by_role("button", name="Zoom in").click()
    page.get_by_role("button", name="Zoom in").click()
    view.focus()
    page.keyboard.press("Enter")
    typed = page.get_by_label("Coordinates (if you like)").input_value()
    latitude, longitude = (float(part) for part in typed.split(","))
    assert abs(latitude - 20) < 0.5 and abs(longitude) < 0.5
    # A tap left of the middle is further west.
    # (Playwright's position counts from inside the border, as the map's own pixels do.)
    width, height = view.evaluate("map => [map.clientWidth, map.clientHeight]")
    view.click(position={"x": width / 2 - 100, "y": height / 2})
    west = float(page.get_by_label("Coordinates (if you like)").input_value().split(",")[1])
    assert west < longitude - 1
    page.get_by_label("Name of the place").fill("Bakery")
    page.locator("#address").fill("3 Mill Lane")
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    saved = next(p for p in places.list_places(db, margaret["id"]) if p["label"] == "Bakery")
    assert abs(saved["latitude"] - latitude) < 0.01 and abs(saved["longitude"] - west) < 1e-5
