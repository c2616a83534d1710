"""Response headers that every page carries (DESIGN.md §6), and the refusal of text no
database can store."""

from flask import Flask, Response, abort, current_app, request

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def set_security_headers(response: Response) -> Response:
    """Add the security headers; pages that show personal data are never cached."""
    headers = response.headers
    headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    # Vendor links carry a token in the URL: never send it on to another site.
    headers["Referrer-Policy"] = "no-referrer"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    if current_app.config["HSTS"]:
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    if response.mimetype == "text/html" or "Cache-Control" not in headers:
        headers.setdefault("Cache-Control", "no-store")
    return response


def refuse_nul_characters() -> None:
    """A NUL character in a query or a form field is never meant (PostgreSQL cannot store
    one, and a filter with one would fail): 400 before any view sees it."""
    for values in (request.args, request.form if request.mimetype in (
            "application/x-www-form-urlencoded", "multipart/form-data") else {}):
        for key, value in values.items(multi=True) if values else ():
            if "\x00" in key or "\x00" in value:
                abort(400, description="The request contains a NUL character.")


def init_security(app: Flask) -> None:
    """Register the header hook and the input guard."""
    app.before_request(refuse_nul_characters)
    app.after_request(set_security_headers)
