"""The languages elderride speaks, declared once: each one's own name and its codes for pages,
voices and dates."""

import dataclasses


@dataclasses.dataclass(frozen=True)
class Language:
    """One language and the codes each part of the system knows it by."""

    code: str
    name: str  # in its own words, as the language switch shows it
    html: str  # the pages' lang attribute
    voice: str  # BCP 47 for the browser's "read aloud" and Twilio's <Say>
    locale: str  # Babel's locale for dates and times
    # Where a number typed without its country code most likely is, for a speaker of it (None:
    # the language is spoken too widely to say; the deployment's DEFAULT_REGION decides).
    region: str | None = None


LANGUAGES: dict[str, Language] = {
    language.code: language
    for language in (
        Language("en", "English", "en", "en-US", "en_US"),
        Language("zh", "简体中文", "zh-Hans", "zh-CN", "zh_Hans_CN", region="CN"),
    )
}
CODES: tuple[str, ...] = tuple(LANGUAGES)
DEFAULT = "en"
