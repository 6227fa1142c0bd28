"""Headers a prefecture's security review checks on every response: a strict
Content-Security-Policy, a Permissions-Policy, and no copy kept of what a signed-in person saw."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.api.conftest import client_for


def policy(response) -> dict[str, list[str]]:
    directives = [d.strip().split() for d in response["Content-Security-Policy"].split(";")]
    return {d[0]: d[1:] for d in directives if d}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/targets/", "/accounts/login/", "/accounts/signup/"])
def test_pages_allow_only_the_sites_own_scripts_and_styles(client, path):
    csp = policy(client.get(path))
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"] and csp["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_no_template_needs_inline_script_or_style(browser_for, draft):
    """What the policy would block: inline <script> or <style>, or a style="" attribute."""
    browser = browser_for(draft.created_by)
    for url in (
        reverse("approvals:application-list"),
        reverse("approvals:application-detail", args=[draft.pk]),
        reverse("approvals:application-figures", args=[draft.pk]),
        reverse("workflow:application-submit", args=[draft.pk]),
        reverse("documents:attachment-list", args=[draft.pk]),
    ):
        html = browser.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert "<style" not in html and " style=" not in html, url


@pytest.mark.django_db
def test_only_the_api_documentation_allows_redoc_its_inline_styles(client):
    page = client.get("/api/v1/docs/")
    csp = policy(page)
    assert "'unsafe-inline'" in csp["style-src"] and "blob:" in csp["worker-src"]
    assert "'unsafe-inline'" not in csp["script-src"]
    html = page.content.decode()
    assert "drf_spectacular_sidecar/redoc" in html  # served by the site, no CDN
    assert "googleapis" not in html


@pytest.mark.django_db
def test_permissions_policy_on_every_response(client):
    assert "camera=()" in client.get("/")["Permissions-Policy"]
    assert "geolocation=()" in client.get("/api/v1/targets/")["Permissions-Policy"]


@pytest.mark.django_db
def test_what_a_signed_in_person_sees_is_not_kept(browser_for, client, draft, applicant):
    page = browser_for(applicant).get(reverse("approvals:application-list"))
    assert "no-store" in page["Cache-Control"]
    api = client_for(applicant).get(f"/api/v1/applications/{draft.pk}/")
    assert "no-store" in api["Cache-Control"]
    # The public dashboard, seen by a visitor, may be kept.
    assert "no-store" not in client.get("/targets/").get("Cache-Control", "")


@pytest.mark.django_db
def test_every_page_offers_the_source_it_runs(client):
    """AGPL-3.0 §13: the footer links to the licence and the source of this installation."""
    home = client.get("/").content.decode()
    assert reverse("accounts:source") in home
    with override_settings(KAKUSHIN_SOURCE_URL="https://example.jp/kakushin.git"):
        page = client.get(reverse("accounts:source")).content.decode()
    assert "AGPL-3.0-or-later" in page and "https://example.jp/kakushin.git" in page
