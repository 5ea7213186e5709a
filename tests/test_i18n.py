"""Languages: catalogs complete and compiled, the page language chosen as designed."""

import pytest
from babel.messages import extract, mofile, pofile

from elderride.resources import PACKAGE_DIR

TRANSLATIONS = PACKAGE_DIR / "translations"
KEYWORDS = {**extract.DEFAULT_KEYWORDS, "N_": None, "gettext_in": (2,)}


def extracted_ids(root):
    ids = set()
    method_map = [("elderride/**.py", "python"), ("templates/**.html", "jinja2")]
    for _, _, message, _, _ in extract.extract_from_dir(root, method_map, keywords=KEYWORDS):
        ids.add(message if isinstance(message, str) else message[0])
    return ids


def catalog(language):
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as file:
        return pofile.read_po(file, locale=language)


def test_every_message_in_the_code_is_in_the_catalogs(repository_root):
    in_code = extracted_ids(repository_root)
    assert len(in_code) > 50
    for language in ("en", "zh"):
        in_catalog = {
            message.id if isinstance(message.id, str) else message.id[0]
            for message in catalog(language)
            if message.id
        }
        assert in_code - in_catalog == set(), (
            f"run `make translations` and translate the new {language} messages"
        )


def test_every_chinese_message_is_translated():
    untranslated = [
        message.id
        for message in catalog("zh")
        if message.id
        and not (message.string if isinstance(message.string, str) else all(message.string))
    ]
    assert untranslated == []


@pytest.mark.parametrize("language", ["en", "zh"])
def test_compiled_catalogs_match_their_sources(language):
    source = catalog(language)
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.mo", "rb") as file:
        compiled = mofile.read_mo(file)

    def plain(value):
        return tuple(value) if isinstance(value, (list, tuple)) else value

    expected = {
        plain(message.id): plain(message.string)
        for message in source
        if message.id and message.string and any(plain(message.string)) and not message.fuzzy
    }
    # Babel compiles an untranslated plural as the English itself; that is no translation.
    actual = {
        plain(message.id): plain(message.string)
        for message in compiled
        if message.id and plain(message.string) != plain(message.id)
    }
    assert actual == expected, "run `make translations` to recompile"


def test_translated_placeholders_match_the_english(language="zh"):
    import re

    placeholder = re.compile(r"%\((\w+)\)s")
    for message in catalog(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(placeholder.findall(ids[-1]))
        for string in strings:
            assert set(placeholder.findall(string)) == wanted, message.id


def test_the_notices_have_the_same_keys_in_every_language():
    from elderride.services import wording

    english, chinese = wording.catalog("en"), wording.catalog("zh")
    assert {section: set(english[section]) for section in english} == {
        section: set(chinese[section]) for section in chinese
    }


def test_a_forced_language_holds_inside_its_block_and_the_page_language_after(app):
    """The page keeps its catalog between strings; a forced language must still take over inside
    its block, in Python and in a template, and give the page its own back after."""
    from flask import render_template_string
    from flask_babel import force_locale

    from elderride.web.i18n import gettext, ngettext

    with app.test_request_context("/", headers={"Accept-Language": "zh"}):
        assert gettext("Requested") == "已请求"
        with force_locale("en"):
            assert gettext("Requested") == "Requested"
            assert render_template_string("{{ _('Requested') }}") == "Requested"
        assert gettext("Requested") == "已请求"
        assert ngettext("%(num)s caller needs review", "%(num)s callers need review", 2) == (
            "2位来电者待核对"
        )
        page = render_template_string(
            "{{ _('Requested') }}|{{ gettext_in('en', 'Requested') }}|{{ _('Requested') }}"
        )
        assert page == "已请求|Requested|已请求"


def test_a_translated_template_string_escapes_what_is_filled_in(app):
    from flask import render_template_string

    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        page = render_template_string(
            "{{ _('Call %(name)s', name=name) }}|{{ ngettext('%(num)s message could not be "
            "delivered', '%(num)s messages could not be delivered', 2) }}",
            name="<b>Ann</b>",
        )
    assert page == "Call &lt;b&gt;Ann&lt;/b&gt;|2 messages could not be delivered"


def test_a_placeholder_may_have_any_name(app):
    """Form errors are filled in as `_(message, **params)`: a parameter called `message`,
    `context` or `plural` is the message's, not the translating function's."""
    from flask import render_template_string

    from elderride.web.i18n import gettext, gettext_in, ngettext

    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        page = render_template_string(
            "{{ _('%(message)s in %(context)s', message='<i>x</i>', context='y') }}|"
            "{{ ngettext('%(num)s %(plural)s', '%(num)s %(plural)ss', 2, plural='ride') }}|"
            "{{ ngettext('%(num)s one', '%(num)s many', 3, num='three') }}"
        )
    assert page == "&lt;i&gt;x&lt;/i&gt; in y|2 rides|three many"
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert gettext("%(message)s", message="x") == "x"
        assert gettext_in("zh", "%(language)s", language="y") == "y"
        assert ngettext("%(singular)s", "%(plural)s", 2, plural="z") == "z"


def test_every_page_imports_the_consoles_words_in_its_own_language(repository_root):
    """_words.html translates its tables where it is imported; imported without context, Jinja
    keeps one copy for the process, in the language of whichever page came first."""
    import re

    imports = re.compile(r"{%-?\s*(?:import|from)\s+\"console/_words\.html\"[^%]*%}")
    found = []
    for path in (repository_root / "templates").rglob("*.html"):
        for statement in imports.findall(path.read_text(encoding="utf-8")):
            found.append(statement)
            assert "with context" in statement, f"{path.name}: {statement}"
    assert len(found) >= 5


def test_outside_a_request_a_message_is_given_untranslated():
    """As Flask-Babel's gettext does, for code that runs outside any app (a script's)."""
    from elderride.web.i18n import gettext, ngettext

    assert gettext("Requested") == "Requested"
    assert ngettext("%(num)s ride", "%(num)s rides", 2) == "2 rides"
