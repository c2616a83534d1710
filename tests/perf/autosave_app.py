"""The application under gunicorn for the autosave benchmark and the load test
(tests/loadgen.py), plus a bare endpoint that does the autosave's single UPDATE with
nothing else (no token check, no form, no history). The portal's per-address limit is
lifted: on loopback every simulated vendor comes from the same address."""

import os

from flask import request
from sqlalchemy import text

from vendorrisk import create_app
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import csrf, db

app = create_app({
    "ENV": "production",
    "SECRET_KEY": "benchmark-secret-key-benchmark-secret-key",  # tests/loadgen.py seals with it
    "DATABASE_URL": os.environ["VENDORRISK_BENCH_DATABASE_URL"],
    "SESSION_COOKIE_SECURE": False,
    "PORTAL_RATE_LIMIT": "1000000 per minute",
    "PORTAL_IP_RATE_LIMIT": "1000000 per minute",
})


@csrf.exempt
@app.post("/bench/bare/<int:assessment_id>")
def bare(assessment_id: int) -> str:
    db.session.execute(text(
        "UPDATE assessment_answers SET value = :value, version = version + 1, "
        "updated_at = :now WHERE assessment_id = :id AND question_id = 'd1_policy'"),
        {"value": request.form.get("q-d1_policy", "2"), "now": utcnow(), "id": assessment_id})
    db.session.commit()
    return "ok"
