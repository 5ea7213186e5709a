"""Languages: English and Simplified Chinese, chosen per senior and remembered per device."""

from flask import g, request
from flask_babel import Babel, force_locale, gettext

from elderride.languages import CODES, DEFAULT, LANGUAGES

# The cookie that remembers the language chosen on this device.
COOKIE = "lang"


def select_locale():
    """Pick the page language: the device's remembered choice, else the senior's, else the
    browser's."""
    chosen = request.cookies.get(COOKIE)
    if chosen in LANGUAGES:
        return chosen
    senior = g.get("senior")
    if senior is not None:
        return senior["language"]
    return request.accept_languages.best_match(CODES) or DEFAULT


def current_language():
    """Return the language code of the page being rendered."""
    from flask_babel import get_locale

    return get_locale().language


def gettext_in(language, message, **params):
    """Translate `message` into `language`, whatever the page's language is."""
    with force_locale(language):
        return gettext(message, **params)


def init_app(app):
    """Set up Flask-Babel and the language helpers templates use."""
    Babel(app, locale_selector=select_locale)
    app.jinja_env.globals["gettext_in"] = gettext_in

    @app.context_processor
    def language_helpers():
        language = current_language()
        return {
            "languages": {code: language.name for code, language in LANGUAGES.items()},
            "page_language": language,
            "html_lang": LANGUAGES[language].html,
            "speech_lang": LANGUAGES[language].voice,
        }
