"""The JSON API (`/api/v1/`): RFC 9457 problems (foundation/problems.py), token
authentication (auth.py; the tokens are auth/tokens.py), pagination and representations
(representation.py), the endpoints (views.py) over the same services and queries as the
pages, and the OpenAPI 3.1 document that describes them (openapi.py, schemas.py). The
routes register when create_app imports them (see there).
"""

from flask import Blueprint, Flask

bp = Blueprint("api", __name__, url_prefix="/api/v1", template_folder="templates")


def init_api(app: Flask) -> None:
    """Register the API and answer its own errors (Problem) as problem documents."""
    from vendorrisk.edges.api import docs, views  # noqa: F401  (routes register on import)
    from vendorrisk.foundation.problems import Problem, problem

    app.register_error_handler(Problem, lambda error: problem(
        error.status, error.detail, errors=error.errors))
    app.register_blueprint(bp)
