"""Whether a call's caller ID is believed: STIR/SHAKEN attestation as Twilio reports it."""

# Twilio's StirVerstat for a number the originating carrier vouched for in full.
ATTESTED = "TN-Validation-Passed-A"
# The longest attestation worth keeping (Twilio's values are under 30 characters).
_LONGEST = 40
# Calls to a senior's family the line places, in an hour, for callers it could not believe: each
# is at our cost and rings a family that trusts our number, so a forger cannot ring them on end.
UNBELIEVED_FAMILY_CALLS_PER_HOUR = 3


def attestation(value: object) -> str:
    """Return Twilio's StirVerstat as stored: trimmed and bounded, "" when the call carried none."""
    return value.strip()[:_LONGEST] if isinstance(value, str) else ""


def believed(stored: str, *, senior_allows_unsigned: bool, unsigned_carrier: bool) -> bool:
    """Tell whether a call with this attestation may hear and change the senior's rides.

    Only full attestation is believed by itself.  A failed one never is: the carrier says the number
    was forged.  A call carrying none is believed when the deployment's carrier never signs
    (`UNSIGNED_CALLS_TRUSTED`); anything short of full attestation is believed for a senior whose
    family accepted that risk for a landline on such a carrier.
    """
    if stored == ATTESTED:
        return True
    if stored.startswith("TN-Validation-Failed"):
        return False
    if not stored and unsigned_carrier:
        return True
    return senior_allows_unsigned
