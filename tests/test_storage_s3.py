"""The S3-compatible storage backend against a real S3 server on loopback (moto's
server mode): a signed contract uploaded through the page lands in the bucket, not on
disk, and downloads byte for byte; the backend keeps a file once."""

import hashlib
import io
import os
from collections.abc import Iterator
from urllib.request import Request, urlopen

import boto3
import pytest
from moto.server import ThreadedMotoServer

from tests.conftest import free_port
from tests.contracts.conftest import procurement, record_contract  # noqa: F401
from tests.helpers import page_text
from tests.portal.conftest import vendor_with_contact  # noqa: F401
from vendorrisk.audit.anchors import ANCHORS, stored_anchors, write_anchor
from vendorrisk.audit.services import record
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.storage import S3Storage, storage, upload_folder

BUCKET = "vendorrisk-test"
CONTRACT = b"%PDF-1.4\n% countersigned consignment contract\n%%EOF\n"
DIGEST = hashlib.sha256(CONTRACT).hexdigest()


@pytest.fixture
def s3_server(app, monkeypatch) -> Iterator[str]:
    """A bucket on a local S3 server; the app stores its uploads there."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    # moto keeps its buckets per process, across servers: start from none.
    urlopen(Request(f"{endpoint}/moto-api/reset", method="POST"), timeout=10).close()  # noqa: S310
    for name, value in (("AWS_ACCESS_KEY_ID", "test"), ("AWS_SECRET_ACCESS_KEY", "test"),
                        ("AWS_DEFAULT_REGION", "us-east-1")):
        monkeypatch.setenv(name, value)
    boto3.client("s3", endpoint_url=endpoint).create_bucket(Bucket=BUCKET)
    app.config.update(STORAGE="s3", S3_BUCKET=BUCKET, S3_ENDPOINT_URL=endpoint,
                      S3_PREFIX="uploads", S3_REGION="us-east-1")
    yield endpoint
    server.stop()


def _keys(endpoint: str) -> list[str]:
    listing = boto3.client("s3", endpoint_url=endpoint).list_objects_v2(Bucket=BUCKET)
    return [item["Key"] for item in listing.get("Contents", [])]


def test_a_contract_document_goes_to_the_bucket_and_comes_back(
        app, client, auth, procurement, vendor_with_contact, s3_server):  # noqa: F811
    auth.login(procurement.email)
    contract_id = record_contract(client, vendor_with_contact.id)
    uploaded = client.post(f"/contracts/{contract_id}/documents", data={
        "file": (io.BytesIO(CONTRACT), "contract.pdf"), "note": ""},
        content_type="multipart/form-data")
    assert uploaded.status_code == 302, page_text(uploaded)
    [key] = _keys(s3_server)
    assert key == "uploads/" + "/".join((DIGEST[:2], DIGEST[2:4], DIGEST))
    with app.app_context():
        assert not upload_folder().exists()  # nothing on this host's disk
    page = client.get(f"/contracts/{contract_id}").get_data(as_text=True)
    link = page.split(f'href="/contracts/{contract_id}/documents/')[1].split('"')[0]
    download = client.get(f"/contracts/{contract_id}/documents/{link}")
    assert download.status_code == 200
    assert download.data == CONTRACT
    download.close()


def test_the_backend_keeps_a_file_once_and_knows_what_it_holds(app, s3_server):
    with app.app_context():
        backend = storage()
        assert isinstance(backend, S3Storage)
        first = backend.put(b"one")
        assert backend.put(b"one") == first
        assert backend.exists(first)
        assert not backend.exists("0" * 64)
        assert not backend.exists("not a digest")
        with backend.open(first) as handle:
            assert handle.read() == b"one"
    assert len(_keys(s3_server)) == 1
    assert os.environ["AWS_ACCESS_KEY_ID"] == "test"
    with app.app_context():  # the retention job deletes a file past its period
        storage().delete(first)
        assert not storage().exists(first)
        storage().delete(first)  # gone already: nothing to do
    assert _keys(s3_server) == []


def test_the_audit_log_anchors_are_kept_in_the_bucket_by_name(app, s3_server):
    with app.app_context():
        assert storage().read_named(ANCHORS) is None
        assert stored_anchors() == []
        record("thing.done", actor=None, object_type="thing", object_id=1, now=utcnow())
        db.session.commit()
        anchor = write_anchor(utcnow())
        assert stored_anchors() == [anchor]
        assert write_anchor(utcnow()) is None  # the head has not moved
    assert _keys(s3_server) == [f"uploads/named/{ANCHORS}"]
