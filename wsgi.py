"""Entry point for WSGI servers: ``gunicorn "wsgi:app"``.

Web processes default to the production configuration (VENDORRISK_SECRET_KEY and
VENDORRISK_DATABASE_URL required) and never start the scheduler; run
``vendorrisk scheduler`` once beside them.
"""

import os

from vendorrisk import create_app

app = create_app({"ENV": os.environ.get("VENDORRISK_ENV", "production")})
