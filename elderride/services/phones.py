"""Phone numbers, always stored in E.164 so caller ID matches what families typed."""

import phonenumbers

from elderride.services.errors import N_, ValidationError

DEFAULT_REGION = "US"


def normalise(value, *, field="phone", region=DEFAULT_REGION):
    """Return `value` as an E.164 number, or raise a ValidationError naming `field`."""
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(field, N_("Please enter a phone number."))
    if len(value) > 40:
        raise ValidationError(field, N_("This is too long for a phone number."))
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        raise ValidationError(field, N_("This does not look like a phone number.")) from None
    if not (phonenumbers.is_valid_number(number) or _is_fictional(number)):
        raise ValidationError(field, N_("This phone number is not valid. Check the digits and the country code."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _is_fictional(number):
    """Tell whether `number` is a North American number reserved for fiction, demos and tests."""
    # Area code 555 is unassigned, and 555-0100..0199 in any area is fictional by rule
    # (https://en.wikipedia.org/wiki/555_(telephone_number)); real callers never have them.
    national = str(number.national_number)
    if number.country_code != 1 or len(national) != 10:
        return False
    return national.startswith("555") or national[3:8] == "55501"


def caller_id(value):
    """Return a caller ID as E.164, or None when it is withheld or not a real number."""
    try:
        return normalise(value or "", region=DEFAULT_REGION)
    except ValidationError:
        return None


def display(value):
    """Format an E.164 number the way people write it in its country."""
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
