"""Issue 22, item 3: the role ``executive`` (top management) is offered wherever users are
created or given roles — the admin pages and ``vendorrisk users create`` — and named in
the reader's language."""

from sqlalchemy import select

from tests.helpers import page_text
from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.extensions import db


def test_the_admin_pages_offer_and_grant_the_executive_role(app, client, auth, make_user):
    auth.login_as(Role.ADMIN)
    page = client.get("/auth/users/new").get_data(as_text=True)
    assert 'value="executive"' in page
    assert "Executive (top management)" in page
    response = client.post("/auth/users/new", data={
        "email": "ceo@example.com", "name": "Chie CEO", "language": "ja",
        "roles": ["executive"], "password": "a long enough password"})
    assert response.status_code == 302, page_text(response)
    target = make_user(Role.APPROVER)
    assert client.post(f"/auth/users/{target.id}", data={
        "email": target.email, "name": target.name, "language": "en",
        "roles": ["approver", "executive"]}).status_code == 302
    with app.app_context():
        ceo = db.session.scalar(select(User).where(User.email == "ceo@example.com"))
        assert ceo.roles == {Role.EXECUTIVE}
        assert db.session.get(User, target.id).roles == {Role.APPROVER, Role.EXECUTIVE}
    assert "Executive (top management)" in page_text(client.get("/auth/users"))


def test_the_command_line_creates_an_executive(app, runner):
    result = runner.invoke(args=["users", "create", "ceo@example.com", "--name", "Chie",
                                 "--role", "executive", "--password", "a long enough password"])
    assert result.exit_code == 0, result.output
    assert "with roles executive" in result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "ceo@example.com"))
        assert user.roles == {Role.EXECUTIVE}


def test_the_role_reads_in_japanese(client, auth):
    auth.login_as(Role.ADMIN)
    page = client.get("/auth/users/new?lang=ja").get_data(as_text=True)
    assert "経営層（トップマネジメント）" in page
