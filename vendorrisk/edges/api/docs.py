"""The API's description: the OpenAPI document, and a page listing the endpoints read
from it (so the page cannot drift from the document)."""

from flask import Response, jsonify, render_template

from vendorrisk.edges.api import bp
from vendorrisk.edges.api.openapi import document


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(document())


@bp.get("/docs")
def docs() -> str:
    spec = document()
    operations = [(method.upper(), path, operation)
                  for path, item in spec["paths"].items()
                  for method, operation in item.items() if method != "parameters"]
    return render_template("api/docs.html", spec=spec, operations=operations)
