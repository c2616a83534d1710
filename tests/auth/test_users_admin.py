"""Administrators create, edit and disable users; bad input changes nothing."""

import pytest
from sqlalchemy import select

from tests.conftest import PASSWORD
from tests.helpers import page_text, table_snapshot
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.extensions import db

NEW_USER = {
    "email": "new.person@example.com",
    "name": "New Person",
    "language": "ja",
    "roles": ["reviewer", "approver"],
    "password": "a long enough password",
}


def _post_new_user(client, **changes):
    return client.post("/auth/users/new", data={**NEW_USER, **changes})


def test_admin_creates_a_user_who_can_then_log_in(app, client, auth):
    auth.login_as(Role.ADMIN)
    response = _post_new_user(client)
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "new.person@example.com"))
        assert user.roles == {Role.REVIEWER, Role.APPROVER}
        assert user.language == "ja"
        assert user.password_hash.startswith("$argon2id$")
        event = db.session.scalar(select(AuditEvent).where(
            AuditEvent.action == "user.created", AuditEvent.object_id == str(user.id)))
        assert event.details["roles"] == ["approver", "reviewer"]
    auth.logout()
    assert auth.login("new.person@example.com", NEW_USER["password"]).status_code == 302


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"password": "short"}, "Use at least 12 characters."),
        ({"password": "new.person@example.com"}, "The password must not be the e-mail address."),
        ({"email": "not-an-address"}, "This is not a valid e-mail address"),
        ({"email": "a@b@example.com"}, "This is not a valid e-mail address"),
        ({"roles": ["superuser"]}, "'superuser' is not a valid choice"),
        ({"roles": []}, "Choose at least one role."),
        ({"name": "   "}, "Enter the person's name."),
    ],
    ids=["short-password", "password-is-email", "malformed-email", "two-at-signs",
         "unknown-role", "no-role", "blank-name"],
)
def test_bad_new_user_input_gets_a_message_and_changes_nothing(app, client, auth, changes,
                                                                message):
    auth.login_as(Role.ADMIN)
    with app.app_context():
        before = table_snapshot()
    response = _post_new_user(client, **changes)
    assert response.status_code == 400
    assert message in page_text(response)
    with app.app_context():
        assert table_snapshot() == before


def test_duplicate_email_is_refused_whatever_its_case(app, client, auth, make_user):
    make_user(email="taken@example.com")
    auth.login_as(Role.ADMIN)
    with app.app_context():
        before = table_snapshot()
    response = _post_new_user(client, email="Taken@Example.COM")
    assert response.status_code == 400
    assert "A user with this e-mail address already exists." in page_text(response)
    with app.app_context():
        assert table_snapshot() == before


def test_refused_form_keeps_what_was_typed(client, auth):
    auth.login_as(Role.ADMIN)
    response = _post_new_user(client, password="short")
    assert 'value="new.person@example.com"' in response.get_data(as_text=True)


def test_admin_changes_roles_and_the_audit_log_says_what_changed(app, client, auth, make_user):
    target = make_user(Role.PROCUREMENT)
    auth.login_as(Role.ADMIN)
    response = client.post(f"/auth/users/{target.id}", data={
        "email": target.email, "name": "Renamed", "language": "en", "roles": ["auditor"],
    })
    assert response.status_code == 302
    with app.app_context():
        user = db.session.get(User, target.id)
        assert user.roles == {Role.AUDITOR}
        assert user.name == "Renamed"
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.updated"))
        assert event.details["roles"] == [["procurement"], ["auditor"]]
        assert event.details["name"] == [target.name, "Renamed"]


def test_edit_to_an_email_another_user_has_is_refused(app, client, auth, make_user):
    make_user(email="first@example.com")
    second = make_user(email="second@example.com")
    auth.login_as(Role.ADMIN)
    with app.app_context():
        before = table_snapshot()
    response = client.post(f"/auth/users/{second.id}", data={
        "email": "first@example.com", "name": "x", "language": "en", "roles": ["auditor"],
    })
    assert response.status_code == 400
    assert "already exists" in page_text(response)
    with app.app_context():
        assert table_snapshot() == before


def test_disabling_a_user_ends_their_open_session(app, client, auth, make_user):
    target = make_user(Role.REVIEWER)
    target_client = app.test_client()
    target_client.post("/auth/login", data={"email": target.email, "password": PASSWORD})
    assert target_client.get("/dashboard/").status_code == 200

    auth.login_as(Role.ADMIN)
    response = client.post(f"/auth/users/{target.id}/active", data={"active": "0"})
    assert response.status_code == 302
    assert target_client.get("/dashboard/").status_code == 302
    with app.app_context():
        assert db.session.get(User, target.id).active is False


def test_admin_cannot_disable_themselves(app, client, auth):
    admin = auth.login_as(Role.ADMIN)
    response = client.post(f"/auth/users/{admin.id}/active", data={"active": "0"},
                           follow_redirects=True)
    assert "You cannot disable your own account." in page_text(response)
    with app.app_context():
        assert db.session.get(User, admin.id).active is True


def test_the_last_admin_cannot_lose_the_admin_role(app, client, auth):
    admin = auth.login_as(Role.ADMIN)
    response = client.post(f"/auth/users/{admin.id}", data={
        "email": admin.email, "name": admin.name, "language": "en", "roles": ["auditor"],
    })
    assert response.status_code == 400
    assert "last active administrator" in page_text(response)
    with app.app_context():
        assert Role.ADMIN in db.session.get(User, admin.id).roles


def test_admin_sets_a_password_and_the_old_one_stops_working(app, client, auth, make_user):
    target = make_user()
    auth.login_as(Role.ADMIN)
    response = client.post(f"/auth/users/{target.id}/password",
                           data={"password": "brand new password 1"})
    assert response.status_code == 302
    auth.logout()
    assert auth.login(target.email, PASSWORD).status_code == 200
    assert auth.login(target.email, "brand new password 1").status_code == 302


def test_admin_password_policy_applies(app, client, auth, make_user):
    target = make_user()
    auth.login_as(Role.ADMIN)
    response = client.post(f"/auth/users/{target.id}/password", data={"password": "tiny"})
    assert response.status_code == 400
    assert "Use at least 12 characters." in page_text(response)


def test_unknown_user_id_is_404(client, auth):
    auth.login_as(Role.ADMIN)
    assert client.get("/auth/users/9999").status_code == 404


def test_user_list_filters_active_and_disabled(app, client, auth, make_user):
    disabled = make_user(email="gone@example.com")
    with app.app_context():
        db.session.get(User, disabled.id).active = False
        db.session.commit()
    auth.login_as(Role.ADMIN)
    assert "gone@example.com" not in page_text(client.get("/auth/users"))
    assert "gone@example.com" in page_text(client.get("/auth/users?show=disabled"))
