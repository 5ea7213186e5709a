"""Phone numbers, always stored in E.164 so caller ID matches what families typed."""

import functools
from collections.abc import Collection

import phonenumbers

from elderride.services.errors import N_, ValidationError

DEFAULT_REGION = "US"
# Numbers elderride may text or call: a premium-rate, shared-cost, personal, UAN or pager
# number costs money or reaches a service, never a person at home.
REACHABLE_TYPES = frozenset(
    {
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        phonenumbers.PhoneNumberType.VOIP,
    }
)


def normalise(
    value: object,
    *,
    field: str = "phone",
    region: str | None = DEFAULT_REGION,
    allowed_regions: Collection[str] | None = None,
) -> str:
    """Return `value` as an E.164 number, or raise a ValidationError naming `field`."""
    # With `allowed_regions` the number must also be in one of them and of a kind that can be
    # texted or called (a number elderride will send to); without, any valid number is read
    # (a caller ID, a lookup).
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(field, N_("Please enter a phone number."))
    if len(value) > 40:
        raise ValidationError(field, N_("This is too long for a phone number."))
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        raise ValidationError(field, N_("This does not look like a phone number.")) from None
    fictional = _is_fictional(number)
    if not (phonenumbers.is_valid_number(number) or fictional):
        raise ValidationError(
            field, N_("This phone number is not valid. Check the digits and the country code.")
        )
    if allowed_regions is not None and not fictional:
        if phonenumbers.region_code_for_number(number) not in allowed_regions:
            raise ValidationError(
                field,
                N_(
                    "elderride cannot text or call numbers in this country here (allowed: "
                    "%(regions)s)."
                ),
                regions=", ".join(sorted(allowed_regions)),
            )
        if phonenumbers.number_type(number) not in REACHABLE_TYPES:
            raise ValidationError(
                field,
                N_(
                    "This is a premium-rate or service number, which cannot get texts or calls. "
                    "Please use a mobile or home number."
                ),
            )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _is_fictional(number: phonenumbers.PhoneNumber) -> bool:
    """Tell whether `number` is a North American number reserved for fiction, demos and tests."""
    # Area code 555 is unassigned, and 555-0100..0199 in any area is fictional by rule
    # (https://en.wikipedia.org/wiki/555_(telephone_number)); real callers never have them.
    national = str(number.national_number)
    if number.country_code != 1 or len(national) != 10:
        return False
    return national.startswith("555") or national[3:8] == "55501"


def reachable(number: str, allowed_regions: Collection[str] | None) -> bool:
    """Tell whether elderride may text or call `number`: in an allowed region and not a number that
    costs money."""
    try:
        normalise(number, allowed_regions=allowed_regions)
    except ValidationError:
        return False
    return True


def caller_id(value: str | None) -> str | None:
    """Return a caller ID as E.164, or None when it is withheld or not a real number."""
    try:
        return normalise(value or "", region=DEFAULT_REGION)
    except ValidationError:
        return None


# A queue page shows sixty numbers, mostly the same few seniors', and parsing one takes 12 µs.
@functools.lru_cache(maxsize=4096)
def display(value: str) -> str:
    """Format an E.164 number the way people write it in its country."""
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
