"""Languages: English and Simplified Chinese, chosen per senior and remembered per device."""

from flask import g, request
from flask_babel import Babel, force_locale, gettext

LANGUAGES = {"en": "English", "zh": "简体中文"}
# What the <html lang> attribute and speech synthesis call each language.
HTML_LANG = {"en": "en", "zh": "zh-Hans"}
SPEECH_LANG = {"en": "en-US", "zh": "zh-CN"}
COOKIE = "lang"


def select_locale():
    """Pick the page language: the device's remembered choice, else the senior's, else the browser's."""
    chosen = request.cookies.get(COOKIE)
    if chosen in LANGUAGES:
        return chosen
    senior = g.get("senior")
    if senior is not None:
        return senior["language"]
    return request.accept_languages.best_match(LANGUAGES) or "en"


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
            "languages": LANGUAGES,
            "page_language": language,
            "html_lang": HTML_LANG[language],
            "speech_lang": SPEECH_LANG[language],
        }
