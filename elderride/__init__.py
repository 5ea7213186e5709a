"""elderride: rides for older people, booked from a large-font page or by phone."""


def create_app(test_config=None):
    """Build the Flask application (imported lazily so services load without Flask)."""
    from elderride.app import create_app as build

    return build(test_config)
