"""Bad requests are 4xx in the contract's error shape, never 500; the schema stays clean."""

import re
from datetime import date

import pytest
from django.core.management import call_command

from config.rest import on_or_after
from tests.api.conftest import stored_state

MALFORMED = ['{"theme": "未完', "{'theme': 'x'}", '{"theme": NaN}', "[1, 2", ""]


@pytest.mark.django_db
@pytest.mark.parametrize("body", MALFORMED)
def test_malformed_json_is_400_and_nothing_is_saved(client_a, draft, body):
    before = stored_state(draft)
    response = client_a.generic(
        "PATCH",
        f"/api/v1/applications/{draft.pk}/",
        body.encode(),
        content_type="application/json",
    )
    if body == "":  # an empty body is an empty edit
        assert response.status_code == 200
        return
    assert response.status_code == 400
    assert response.json()["errors"] == {}
    assert "JSON" in response.json()["detail"]
    assert stored_state(draft) == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api/v1/applications/", "/api/v1/company/", "/api/v1/applications/{pk}/submit/"]
)
def test_malformed_json_is_400_everywhere(client_a, draft, path):
    method = "PUT" if path.endswith("company/") else "POST"
    response = client_a.generic(
        method, path.format(pk=draft.pk), b"{nope", content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"detail", "errors"}


@pytest.mark.django_db
@pytest.mark.parametrize("body", ["[]", '"theme"', "42", "null"])
def test_json_that_is_not_an_object_is_400(client_a, draft, body):
    before = stored_state(draft)
    response = client_a.generic(
        "PATCH", f"/api/v1/applications/{draft.pk}/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"detail", "errors"}
    assert stored_state(draft) == before


@pytest.mark.django_db
def test_form_encoded_bodies_are_refused(client_a, draft):
    response = client_a.patch(
        f"/api/v1/applications/{draft.pk}/",
        "theme=x",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 415
    assert set(response.json()) == {"detail", "errors"}


def test_openapi_schema_generates_without_warnings(tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )
    schema = (tmp_path / "schema.yaml").read_text()
    for path in ("/api/v1/me/", "/api/v1/applications/{id}/submit/", "/api/v1/company/"):
        assert path in schema


@pytest.mark.parametrize(
    ("day", "admitted"),
    [
        ("2005-04-12", False),
        ("2005-04-13", True),
        ("2005-03-31", False),
        ("2005-05-01", True),
        ("2004-12-31", False),
        ("2006-01-01", True),
        ("1999-12-31", False),
        ("2020-10-01", True),
        ("0001-01-01", False),
        ("9999-12-31", True),
    ],
)
def test_a_date_bound_in_the_schema(day, admitted):
    """`as_of` of the check is bounded in the schema by the first day of the first rule set
    (2005-04-13): the days before it are refused, from it on admitted."""
    assert bool(re.match(on_or_after(date(2005, 4, 13)), day)) is admitted
