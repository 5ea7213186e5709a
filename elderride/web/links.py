"""Absolute links (in mails, QR codes, API documents): from the configured public address, never the
Host header."""

from typing import Any

from flask import current_app, request, url_for


def site_url() -> str:
    """Return the site's public address without a trailing slash."""
    # A request's Host header is whatever the client wrote: without a configured address, links
    # name the address `serve` listens at (the demo, a developer's machine); only an app served
    # some other way (a test client) takes them from the request.
    base = current_app.config.get("PUBLIC_BASE_URL") or current_app.config.get("LISTENING_URL")
    return base.rstrip("/") if base else request.host_url.rstrip("/")


def external_url(endpoint: str, **values: Any) -> str:
    """Return the absolute URL of `endpoint` on the public address."""
    return site_url() + url_for(endpoint, **values)


def line_number() -> str | None:
    """The number people dial for the line, or None when the deployment has not set one."""
    return current_app.config.get("LINE_NUMBER") or current_app.config.get("TWILIO_NUMBER")
