"""The ``vendorrisk`` console script: Flask's CLI bound to :func:`vendorrisk.create_app`.

Configuration and connection problems end in one line naming what to fix, not a
traceback.
"""

import logging
import sys

from flask.cli import FlaskGroup
from sqlalchemy.exc import OperationalError

from vendorrisk import create_app
from vendorrisk.foundation.config import ConfigError

cli = FlaskGroup(
    name="vendorrisk",
    create_app=create_app,
    # The product's own commands only: `flask run` would start the web without the
    # scheduler, and the dotenv and debug switches do not apply.
    add_default_commands=False,
    add_version_option=False,
    load_dotenv=False,
    set_debug_flag=False,
    help="vendorrisk: consignee selection, contracts and supervision.",
)
# Flask's --app, --env-file and --debug do not apply to the product's own command.
cli.params = [param for param in cli.params if param.name not in {"app", "env_file", "debug"}]


def main() -> None:
    """Run a command; print configuration and database errors as one line."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    # WeasyPrint tells each layout step of every PDF (the demo makes one; the scheduler
    # many): only its warnings are for the console
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    try:
        cli.main(standalone_mode=True)
    except ConfigError as error:
        sys.exit(f"Error: {error}")
    except OperationalError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        sys.exit(f"Error: cannot use the database: {reason}")
