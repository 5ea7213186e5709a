"""Absolute links (in mails, QR codes, API documents): from the configured public address, never the
Host header."""

from flask import current_app, request, url_for


def site_url():
    """Return the site's public address without a trailing slash."""
    # A request's Host header is whatever the client wrote: only a local server without a
    # configured address (the demo, a developer's machine) may take its links from it.
    base = current_app.config.get("PUBLIC_BASE_URL")
    return base.rstrip("/") if base else request.host_url.rstrip("/")


def external_url(endpoint, **values):
    """Return the absolute URL of `endpoint` on the public address."""
    return site_url() + url_for(endpoint, **values)
