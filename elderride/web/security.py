"""Form tokens, security headers and kind error pages for every blueprint."""

from flask import render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect

csrf = CSRFProtect()

# Scripts and styles come only from our own static files: no inline code to inject into.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "media-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)


def init_app(app):
    """Protect every form with a token and answer errors with pages a senior can read."""
    csrf.init_app(app)

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    @app.errorhandler(CSRFError)
    def form_expired(error):
        return render_template("errors/form_expired.html", back=request.referrer), 400

    @app.errorhandler(404)
    def not_found(error):
        return render_template("errors/not_found.html"), 404

    @app.errorhandler(405)
    def wrong_method(error):
        return render_template("errors/not_found.html"), 405

    @app.errorhandler(413)
    def too_large(error):
        return render_template("errors/too_large.html"), 413

    @app.errorhandler(500)
    def server_error(error):
        return render_template("errors/server_error.html"), 500

    # Oversized posts are refused before Flask reads them (no form here needs more).
    app.config.setdefault("MAX_CONTENT_LENGTH", 1024 * 1024)
    app.config["MAX_FORM_MEMORY_SIZE"] = 64 * 1024
