"""Attachments on S3-compatible storage, against a real S3 protocol server on loopback.

moto runs in server mode on 127.0.0.1 (a free port): django-storages and boto3 talk HTTP to it
as they would to a real bucket, nothing is mocked inside the client. The storage settings are
the ones ``config.settings`` builds from the environment for STORAGE_BACKEND=s3.
"""

import json
import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from moto.server import ThreadedMotoServer

from documents.models import Attachment
from tests import factories
from tests.api.conftest import client_for
from tests.factories import MINIMAL_PDF, pdf_bytes

ROOT = Path(__file__).resolve().parents[2]
BUCKET = "kakushin-attachments"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "kakushin-test", "AWS_SECRET_ACCESS_KEY": "kakushin-test"}
REGION = "ap-northeast-1"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=_free_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    ).create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    yield endpoint
    server.stop()


@pytest.fixture(scope="session")
def s3_storage(s3_endpoint) -> dict:
    """STORAGES["default"] as the settings build it from the environment (local settings)."""
    env = {
        **os.environ,
        **CREDENTIALS,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "STORAGE_BACKEND": "s3",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": REGION,
    }
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.STORAGES['default']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def s3(s3_endpoint, s3_storage, settings):
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage}
    return boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )


@pytest.fixture
def bare(company, applicant):
    return factories.make_application(company, applicant, attachments=False)


def _upload(client, application, name, content):
    return client.post(
        f"/api/v1/applications/{application.pk}/attachments/",
        {"kind": "financials", "file": SimpleUploadedFile(name, content)},
        format="multipart",
    )


def test_the_s3_settings_come_from_the_environment_in_any_environment(s3_storage, s3_endpoint):
    assert s3_storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = s3_storage["OPTIONS"]
    assert options["bucket_name"] == BUCKET
    assert options["endpoint_url"] == s3_endpoint
    assert options["region_name"] == REGION
    assert options["access_key"] == CREDENTIALS["AWS_ACCESS_KEY_ID"]
    assert options["file_overwrite"] is False
    assert options["default_acl"] is None
    assert options["querystring_auth"] is True


def test_an_upload_goes_to_the_bucket_and_downloads_back_byte_identical(s3, bare, applicant):
    content = pdf_bytes(os.urandom(2048).hex())
    response = _upload(client_for(applicant), bare, "決算書_令和7年度.pdf", content)
    assert response.status_code == 201, response.json()
    attachment = Attachment.objects.get(pk=response.json()["id"])
    assert default_storage.__class__.__name__ == "S3Storage"

    stored = s3.get_object(Bucket=BUCKET, Key=attachment.file.name)
    assert stored["Body"].read() == content

    download = client_for(applicant).get(f"/api/v1/attachments/{attachment.pk}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content


def test_objects_are_not_publicly_readable(s3, s3_endpoint, bare, applicant):
    response = _upload(client_for(applicant), bare, "定款.pdf", MINIMAL_PDF)
    key = Attachment.objects.get(pk=response.json()["id"]).file.name
    with pytest.raises(urllib.error.HTTPError) as anonymous:
        urllib.request.urlopen(f"{s3_endpoint}/{BUCKET}/{key}", timeout=10)
    assert anonymous.value.code == 403
    # The only URL the storage would hand out is a signed, expiring one.
    assert "Signature=" in default_storage.url(key)


def test_the_same_name_twice_never_overwrites(s3, bare, applicant):
    client = client_for(applicant)
    first = _upload(client, bare, "決算書.pdf", pdf_bytes("first"))
    second = _upload(client, bare, "決算書.pdf", pdf_bytes("second"))
    keys = [Attachment.objects.get(pk=r.json()["id"]).file.name for r in (first, second)]
    assert keys[0] != keys[1]
    bodies = [s3.get_object(Bucket=BUCKET, Key=key)["Body"].read() for key in keys]
    assert bodies == [pdf_bytes("first"), pdf_bytes("second")]


def test_a_deleted_attachment_leaves_the_bucket_once_committed(
    s3, bare, applicant, django_capture_on_commit_callbacks
):
    response = _upload(client_for(applicant), bare, "不要.pdf", MINIMAL_PDF)
    key = Attachment.objects.get(pk=response.json()["id"]).file.name
    with django_capture_on_commit_callbacks(execute=True):
        deleted = client_for(applicant).delete(f"/api/v1/attachments/{response.json()['id']}/")
    assert deleted.status_code == 204
    assert s3.list_objects_v2(Bucket=BUCKET, Prefix=key).get("KeyCount") == 0
