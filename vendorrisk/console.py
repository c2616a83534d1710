"""The ``vendorrisk`` console script: Flask's CLI bound to :func:`vendorrisk.create_app`."""

from flask.cli import FlaskGroup

from vendorrisk import create_app

main = FlaskGroup(
    name="vendorrisk",
    create_app=create_app,
    # The product's own commands only; `flask run` would start the web without the scheduler.
    add_default_commands=False,
    load_dotenv=False,
    set_debug_flag=False,
    help="vendorrisk: consignee selection, contracts and supervision.",
)
