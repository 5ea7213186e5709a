"""Languages: English and Simplified Chinese, chosen per senior and remembered per device."""

from typing import Any

from babel.support import Translations
from flask import Flask, g, request
from flask_babel import Babel, force_locale, get_locale, get_translations
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from elderride.languages import CODES, DEFAULT, LANGUAGES
from elderride.services import wording

# The cookie that remembers the language chosen on this device.
COOKIE = "lang"


def chosen_language() -> str | None:
    """Return the language this device chose (its cookie), or None when it chose none."""
    chosen = request.cookies.get(COOKIE)
    return chosen if chosen in LANGUAGES else None


def select_locale() -> str:
    """Pick the page language: the device's remembered choice, else the senior's, else the
    browser's."""
    chosen = chosen_language()
    if chosen is not None:
        return chosen
    senior = g.get("senior")
    if senior is not None:
        return senior["language"]
    return request.accept_languages.best_match(CODES) or DEFAULT


def current_language() -> str:
    """Return the language code of the page being rendered."""
    return get_locale().language


def _catalog() -> Translations:
    # Flask-Babel finds the catalog through five look-ups of the request's state on every string, a
    # third of a queue page's rendering; it is kept here beside the locale it belongs to, so a
    # force_locale (which sets another locale object) gets its own.
    locale = get_locale()
    if locale is None:  # no app context: Flask-Babel's untranslated stand-in, as its gettext gives
        return get_translations()
    held = g.get("_catalog")
    if held is None or held[0] is not locale:
        held = g._catalog = (locale, get_translations())
    return held[1]


def gettext(message: str, /, **params: Any) -> str:
    """Translate `message` into the page's language and fill in `params`."""
    text = _catalog().ugettext(message)
    return text % params if params else text


def ngettext(singular: str, plural: str, num: int, /, **params: Any) -> str:
    """Translate the form of `singular`/`plural` that `num` takes, with `num` among `params`."""
    params.setdefault("num", num)
    return _catalog().ungettext(singular, plural, num) % params


def gettext_in(language: str, message: str, /, **params: Any) -> str:
    """Translate `message` into `language`, whatever the page's language is."""
    with force_locale(language):
        return gettext(message, **params)


# Jinja's own newstyle gettext, without its two indirect calls per string: the translation is
# markup when the template escapes, and always a format string. Every function here takes its own
# arguments by position only, so that no placeholder's name ("%(message)s") can collide with them.
@pass_context
def _template_gettext(context: Context, message: str, /, **params: Any) -> str:
    text = _catalog().ugettext(message)
    if context.eval_ctx.autoescape:
        text = Markup(text)
    return text % params


@pass_context
def _template_ngettext(
    context: Context, singular: str, plural: str, num: int, /, **params: Any
) -> str:
    params.setdefault("num", num)
    text = _catalog().ungettext(singular, plural, num)
    if context.eval_ctx.autoescape:
        text = Markup(text)
    return text % params


def init_app(app: Flask) -> None:
    """Set up Flask-Babel and the language helpers templates use."""
    Babel(app, locale_selector=select_locale)
    app.jinja_env.globals.update(
        _=_template_gettext,
        gettext=_template_gettext,
        ngettext=_template_ngettext,
        gettext_in=gettext_in,
        # A car is written as its script writes it ("Blue Toyota", "银色丰田") on every page.
        car_name=wording.car_name,
    )

    @app.context_processor
    def language_helpers() -> dict[str, Any]:
        language = current_language()
        return {
            "languages": {code: language.name for code, language in LANGUAGES.items()},
            "page_language": language,
            "html_lang": LANGUAGES[language].html,
            "speech_lang": LANGUAGES[language].voice,
        }
