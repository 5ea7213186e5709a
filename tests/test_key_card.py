"""The key card for the fridge, read back as a person and a phone would: rendered to PNG with
pdftoppm, its text taken out with pdftotext, its QR code decoded."""

import re
import subprocess

import pytest
import zxingcpp
from PIL import Image

from elderride.services.people import accounts, places, seniors
from tests.family_client import FamilyClient

LINE_NUMBER = "+15550109999"


@pytest.fixture
def lily(app, client, demo_data):
    """Lily signed in; in these tests she looks after 王秀英 too."""
    app.config["TWILIO_NUMBER"] = LINE_NUMBER
    member = accounts.family_member_by_email(demo_data, "lily@example.com")
    wang_id = seniors.senior_by_phone(demo_data, "+8613800000001")["id"]
    accounts.link_senior(demo_data, member["id"], wang_id)
    family = FamilyClient(client)
    assert family.sign_in("lily@example.com", "lily-demo-password").status_code == 303
    return family


def key_card(family, senior_id, tmp_path):
    """Download the senior's key card; return the response, its text and its first page as PNG."""
    response = family.page(f"/family/seniors/{senior_id}/key-card.pdf")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    pdf = tmp_path / f"card-{senior_id}.pdf"
    pdf.write_bytes(response.data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(tmp_path / "card")],
        check=True,
    )
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    with Image.open(tmp_path / "card.png") as image:
        image.load()
    return response, text, image, fonts


def key_lines(text):
    """Return (key, words) for each "press this key" row of the card's text, top to bottom."""
    return [
        (match.group(1), match.group(2).strip())
        # A wide gap ends the words: the family's column may stand on the same line.
        for match in re.finditer(
            r"^[ \t]*([0-9])[ \t]{2,}(\S.*?)(?:[ \t]{3,}.*)?$", text, re.MULTILINE
        )
    ]


def qr_texts(image):
    return [barcode.text for barcode in zxingcpp.read_barcodes(image)]


def device_link(app, senior):
    token = seniors.device_token(senior, app.config["SECRET_KEY"])
    return f"http://localhost/s/{token}"


def test_margarets_card_has_her_places_in_order_the_line_her_family_and_her_link(
    app, lily, margaret, tmp_path
):
    response, text, image, fonts = key_card(lily, margaret["id"], tmp_path)
    assert response.mimetype == "application/pdf"
    # The QR code opens her page: the card is a secret, like the link.
    assert "no-store" in response.headers["Cache-Control"]
    assert key_lines(text) == [
        ("1", "Home"),
        ("2", "City Hospital"),
        ("3", "Lily's home"),
        ("8", "Somewhere else"),
        ("0", "Talk to a person"),
        ("9", "Call Lily Chen"),
    ]
    assert "+1 555-010-9999" in text
    assert re.search(r"Lily Chen \(daughter\)\s+\+1 555-010-0002", text)
    assert re.search(r"Tom Chen \(son\)\s+\+1 555-010-0003", text)
    assert qr_texts(image) == [device_link(app, margaret)]
    # Large print: the page is A4 and its key rows are drawn at 24 pt and more.
    assert image.size[0] in (1240, 1241) and image.size[1] == 1754
    # One page: the card is one sheet on the fridge.
    assert text.count("\f") == 1
    assert "NotoSansCJK" in fonts and " no " not in fonts.split("\n", 2)[2]


def test_wangs_card_is_in_chinese_with_the_glyphs_embedded(app, lily, wang, tmp_path):
    _response, text, image, fonts = key_card(lily, wang["id"], tmp_path)
    assert "王秀英的叫车卡" in text
    assert key_lines(text) == [
        ("1", "家"),
        ("2", "市第一人民医院"),
        ("3", "女儿家"),
        ("8", "去别的地方"),
        ("0", "转人工服务"),
        ("9", "打给李娜"),
    ]
    assert re.search(r"李娜（女儿）\s+\+86 138 0000 0002", text)
    assert qr_texts(image) == [device_link(app, wang)]
    # Every font is embedded (as a subset): the card prints where no Chinese font is installed.
    rows = fonts.strip().split("\n")[2:]
    assert rows and all(re.search(r"\syes\s+yes\s+yes\s", row) for row in rows), fonts
    # pdftotext read real glyphs back, not boxes: the rendered title area has ink.
    title = image.crop((0, 60, 1240, 200)).convert("L")
    assert title.getextrema()[0] < 80


def test_the_card_follows_the_familys_order(app, lily, margaret, tmp_path, db):
    hospital = places.list_places(db, margaret["id"])[1]
    places.move_place(db, margaret["id"], hospital["id"], 0)
    _response, text, _image, _fonts = key_card(lily, margaret["id"], tmp_path)
    assert key_lines(text)[:3] == [("1", "City Hospital"), ("2", "Home"), ("3", "Lily's home")]


def test_the_cards_keys_are_the_phone_lines_keys(app, lily, margaret, tmp_path, call):
    _response, text, _image, _fonts = key_card(lily, margaret["id"], tmp_path)
    heard = call("+15550100001").start()
    menu = re.findall(r"To go to (.+?), press (\d)\.", heard.text)
    card = key_lines(text)
    assert [(key, label) for label, key in menu] == card[:3]
    for key, words in card:
        phone = call("+15550100001")
        phone.start()
        heard = phone.press(key)
        if words == "Home":
            # Going home first asks where the car should come from.
            assert "Where are you now?" in heard.text, heard.text
        elif key in "123":
            assert f"to {words}, now." in heard.text, (key, heard.text)
        elif key == "8":
            assert "Where" in heard.text or "where" in heard.text, heard.text
        elif key == "0":
            assert "Connecting you to a person" in heard.text
        else:
            assert "Calling Lily Chen" in heard.text


def test_a_card_without_a_link_still_prints(app, lily, tmp_path, db):
    senior_id = lily.add_senior(name="Ada Park", phone="+15550100050")
    _response, text, image, _fonts = key_card(lily, senior_id, tmp_path)
    assert key_lines(text) == [("8", "Somewhere else"), ("0", "Talk to a person")]
    assert qr_texts(image) == []


def test_without_the_lines_number_the_card_is_not_printed_and_the_portal_says_what_to_set(
    app, lily, margaret
):
    # "To get a car, call" with nothing after it would send a senior to the fridge for nothing.
    app.config["TWILIO_NUMBER"] = None
    response = lily.page(f"/family/seniors/{margaret['id']}/key-card.pdf")
    assert response.status_code == 409 and response.mimetype == "text/html"
    for page in (
        f"/family/seniors/{margaret['id']}/device",
        f"/family/seniors/{margaret['id']}/setup",
    ):
        text = lily.page(page).get_data(as_text=True)
        assert "ELDERRIDE_LINE_NUMBER" in text and "key-card.pdf" not in text


def test_another_familys_senior_has_no_card(app, client, margaret, db):
    other = FamilyClient(client)
    other.sign_up("bob@example.com", name="Bob")
    assert other.page(f"/family/seniors/{margaret['id']}/key-card.pdf").status_code == 404


def test_the_card_asks_for_signing_in(client, margaret):
    response = client.get(f"/family/seniors/{margaret['id']}/key-card.pdf")
    assert response.status_code == 302 and "/family/signin" in response.headers["Location"]


def test_the_card_prints_the_number_people_dial_when_it_is_not_twilios(
    app, lily, margaret, tmp_path
):
    app.config["LINE_NUMBER"] = "+15550104444"
    _response, text, _image, _fonts = key_card(lily, margaret["id"], tmp_path)
    assert "+1 555-010-4444" in text and "555-010-9999" not in text


def test_an_eighth_place_is_said_not_keyed_as_8_means_somewhere_else(
    app, lily, margaret, tmp_path, db
):
    for index in range(5):
        places.add_place(db, margaret["id"], label=f"Shop {index}", address=f"{index} Road")
    _response, text, _image, _fonts = key_card(lily, margaret["id"], tmp_path)
    keys = key_lines(text)
    assert [key for key, _words in keys] == ["1", "2", "3", "4", "5", "6", "7", "8", "0", "9"]
    assert ("8", "Somewhere else") in keys and "say: Shop 4" in text


def test_eight_places_and_six_family_numbers_fit_one_sheet(app, lily, margaret, tmp_path, db):
    from elderride.services.people import contacts

    for index in range(5):
        places.add_place(
            db, margaret["id"], label=f"Riverside Community Center {index}", address=f"{index} Rd"
        )
    for index in range(4):
        contacts.add_contact(
            db,
            margaret["id"],
            name=f"Grandchild Number {index}",
            relation="grandson",
            phone=f"+1555010002{index}",
        )
    _response, text, image, _fonts = key_card(lily, margaret["id"], tmp_path)
    # One sheet for the fridge, measured: pdftotext ends each page with a form feed.
    assert text.count("\f") == 1
    keys = key_lines(text)
    assert [key for key, _ in keys] == ["1", "2", "3", "4", "5", "6", "7", "8", "0", "9"]
    assert "Riverside Community Center 3" in text and "say: Riverside Community" in text
    for index in range(4):
        assert f"+1 555-010-002{index}" in text
    assert qr_texts(image) == [device_link(app, margaret)]
