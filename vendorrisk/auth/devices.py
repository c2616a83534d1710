"""A browser's User-Agent as a person names their device: "Chrome on Windows"."""

# Checked in order: Edge and Opera say "Chrome" too, Chrome says "Safari" too.
_BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"),
             ("Chrome/", "Chrome"), ("Chromium/", "Chromium"), ("Safari/", "Safari"))
_SYSTEMS = (("Windows", "Windows"), ("iPhone", "iPhone"), ("iPad", "iPad"),
            ("Android", "Android"), ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"),
            ("Linux", "Linux"))


def device_name(user_agent: str | None) -> tuple[str | None, str | None]:
    """(browser, system) named in ``user_agent``; None for what it does not say."""
    text = user_agent or ""
    browser = next((name for marker, name in _BROWSERS if marker in text), None)
    system = next((name for marker, name in _SYSTEMS if marker in text), None)
    return browser, system
