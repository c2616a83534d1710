"""A login attempt costs the same whether or not the account exists (defect: an unknown
e-mail computed a fresh argon2 hash on every attempt, twice the work of a known one),
and a login page's next= with control characters is a plain redirect, not a 500."""

import argon2
import pytest

from tests.conftest import PASSWORD
from vendorrisk.auth.models import Role
from vendorrisk.auth.services import authenticate
from vendorrisk.foundation.clock import utcnow


class _Counter:
    """Counts argon2 hashes and verifications (the real ones still run)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[str] = []
        for name in ("hash", "verify"):
            real = getattr(argon2.PasswordHasher, name)
            monkeypatch.setattr(argon2.PasswordHasher, name, self._wrap(name, real))

    def _wrap(self, name, real):
        def counted(hasher, *args, **kwargs):
            self.calls.append(name)
            return real(hasher, *args, **kwargs)
        return counted


def test_unknown_known_and_disabled_accounts_cost_one_verification_each(app, make_user,
                                                                         monkeypatch):
    user = make_user(Role.AUDITOR)
    with app.app_context():
        authenticate("warm-up@example.com", "x", now=utcnow())  # the dummy hash, once
        counter = _Counter(monkeypatch)
        for email in ("nobody@example.com", "someone-else@example.com", user.email):
            counter.calls.clear()
            authenticate(email, "a wrong password", now=utcnow())
            assert counter.calls == ["verify"], email


@pytest.mark.parametrize("query", ["next=/%0d%0aSet-Cookie:%20x=1",
                                   "next=/%0D%0ALocation:%20//evil", "next=/%7f",
                                   "next=/%1b"])
def test_next_with_control_characters_is_a_clean_400(client, make_user, query):
    user = make_user(Role.AUDITOR)
    for response in (
        client.get(f"/auth/login?{query}"),
        client.post(f"/auth/login?{query}", data={"email": user.email, "password": PASSWORD}),
    ):
        assert response.status_code == 400
        assert "not a valid address" in response.get_data(as_text=True)
    assert client.get("/dashboard/").status_code == 302  # and nobody was logged in
