"""Target figures kept in memory: served from the memo while nothing changed, fresh the moment
anything that changes them commits, and never one visitor's page (or token) for another.

Each test first warms the memo through the public surfaces (page, API, CSV), then changes the
figures the way a user would and reads them again through the same surfaces.
"""

import re
import threading
from datetime import date
from io import StringIO

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from approvals.fiscal import fiscal_year_of
from approvals.models import LegacyApproval, TargetSeries
from approvals.numbering import approval_grant
from approvals.targets.memo import TargetMemo, current_token, memo
from tests import factories

API = "/api/v1/targets/target-2/"
PAGE = "/targets/"


def api_actual(client, fiscal_year: int) -> int | None:
    years = client.get(API).json()["years"]
    return next(y["actual"] for y in years if y["fiscal_year"] == fiscal_year)


def api_target(client, fiscal_year: int) -> int | None:
    years = client.get(API).json()["years"]
    return next(y["target"] for y in years if y["fiscal_year"] == fiscal_year)


def this_year() -> int:
    return fiscal_year_of(timezone.localdate())


def page_actual(html: str) -> str:
    """The current year's actual cell of the dashboard table, as printed."""
    row = re.search(r'<tr class="current">(.*?)</tr>', html, re.S).group(1)
    return re.findall(r'<td class="num"[^>]*>([^<]*)</td>', row)[0]


@pytest.fixture(autouse=True)
def empty_memo():
    memo.clear()
    yield
    memo.clear()


@pytest.mark.django_db
def test_a_warm_public_page_costs_one_query_and_an_approval_shows_at_once(client):
    first = client.get(PAGE).content.decode()
    with CaptureQueriesContext(connection) as captured:
        again = client.get(PAGE).content.decode()
    assert len(captured) == 1  # the revision token; the figures come from the memo
    assert page_actual(again) == page_actual(first)

    before = api_actual(client, this_year())
    factories.make_approval(approved_on=timezone.localdate())
    after = client.get(PAGE).content.decode()
    assert int(page_actual(after).replace(",", "")) == before + 1
    assert api_actual(client, this_year()) == before + 1
    csv = client.get("/api/v1/targets/target-2.csv").content.decode("utf-8-sig")
    assert f"{before + 1}" in csv


@pytest.mark.django_db
def test_a_change_approval_leaves_the_token_and_the_figures_alone(client):
    before = api_actual(client, this_year())
    token = current_token()
    factories.make_approval(approved_on=timezone.localdate(), kind="change")
    assert current_token() == token
    assert api_actual(client, this_year()) == before


@pytest.mark.django_db
def test_a_target_edited_in_the_admin_is_published_at_once(admin_client):
    assert api_target(admin_client, 2008) == 1290
    series = TargetSeries.objects.get(code="target-2")
    years = list(series.years.order_by("fiscal_year"))
    data = {
        "code": series.code,
        "title": "経営革新計画の承認件数（累計）改",
        "unit": series.unit,
        "baseline_as_of": series.baseline_as_of.isoformat(),
        "baseline_count": series.baseline_count,
        "years-TOTAL_FORMS": len(years),
        "years-INITIAL_FORMS": len(years),
        "years-MIN_NUM_FORMS": 0,
        "years-MAX_NUM_FORMS": 1000,
    }
    for i, year in enumerate(years):
        data |= {
            f"years-{i}-id": year.pk,
            f"years-{i}-series": series.pk,
            f"years-{i}-fiscal_year": year.fiscal_year,
            f"years-{i}-target": 1300 if year.fiscal_year == 2008 else (year.target or ""),
            f"years-{i}-recorded_actual": year.recorded_actual or "",
        }
    url = reverse("admin:approvals_targetseries_change", args=[series.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert api_target(admin_client, 2008) == 1300
    assert "経営革新計画の承認件数（累計）改" in Client().get(PAGE).content.decode()


@pytest.mark.django_db
def test_imported_and_deleted_legacy_approvals_change_the_published_figure(client, tmp_path):
    # FY2007 has no data until an approval of that year is imported: then it is the baseline
    # plus that approval, and it has no data again once the import is deleted.
    assert api_actual(client, 2007) is None
    before = 1040
    path = tmp_path / "legacy.csv"
    path.write_text(
        "approved_on,company_name,theme,number,municipality,industry,activity_types\n"
        "2007-06-01,株式会社旧,計画,,小田原市,retail,new_product\n",
        encoding="utf-8",
    )
    call_command("import_approvals", str(path), stdout=StringIO(), stderr=StringIO())
    assert api_actual(client, 2007) == before + 1
    LegacyApproval.objects.get(company_name="株式会社旧").delete()
    assert api_actual(client, 2007) is None


@pytest.mark.django_db
def test_a_rolled_back_approval_is_never_served_afterwards(client):
    """Read inside the approving transaction (the writer's own token), then rolled back; the
    next approval, in another year, must not be served what was built for the rolled-back one
    (as it would be if tokens were a counter that the rollback wound back)."""
    application = factories.make_application(factories.make_company(), complete=False)
    approver = factories.make_user("approver")
    factories.make_approval(approved_on=date(2023, 5, 1))  # the figures cover FY2023 on
    before = {year: api_actual(client, year) for year in (2024, 2025)}
    with pytest.raises(RuntimeError), transaction.atomic():
        approval_grant(application=application, actor=approver, approved_on=date(2024, 7, 1))
        assert api_actual(client, 2024) == before[2024] + 1
        raise RuntimeError("the notice step failed")
    assert api_actual(client, 2024) == before[2024]
    factories.make_approval(approved_on=date(2025, 7, 2))
    assert api_actual(client, 2024) == before[2024]
    assert api_actual(client, 2025) == before[2025] + 1


@pytest.mark.django_db
def test_the_kept_page_gives_every_visitor_a_working_token_of_their_own():
    tokens = []
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        html = visitor.get(PAGE).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        assert f'"X-CSRFToken": "{token}"' in html
        tokens.append(token)
        switched = visitor.post(
            reverse("accounts:set_language"),
            {"language": "en", "next": PAGE, "csrfmiddlewaretoken": token},
        )
        assert switched.status_code == 302  # the token is valid for this visitor's cookie
        assert visitor.get(PAGE)["Content-Language"] == "en"
    assert tokens[0] != tokens[1]
    assert "csrf-slot" not in html


def without_csrf_tokens(content: bytes) -> bytes:
    """The page with each visitor's own CSRF token (form field and htmx header) blanked."""
    content = re.sub(rb'(name="csrfmiddlewaretoken" value=")[^"]+', rb"\1", content)
    return re.sub(rb'("X-CSRFToken": ")[^"]+', rb"\1", content)


@pytest.mark.django_db
def test_languages_are_kept_apart(client):
    japanese = client.get(PAGE)
    english = Client()
    english.cookies["django_language"] = "en"
    page = english.get(PAGE)
    assert page["Content-Language"] == "en" and '<html lang="en">' in page.content.decode()
    again = client.get(PAGE)
    assert '<html lang="ja">' in again.content.decode()
    assert without_csrf_tokens(again.content) == without_csrf_tokens(japanese.content)


@pytest.mark.django_db
def test_signed_in_people_and_waiting_messages_are_not_served_the_kept_page(client):
    client.get(PAGE)  # an anonymous page is kept
    policy = factories.make_user("policy", username="policy-person")
    signed_in = Client()
    signed_in.force_login(policy)
    html = signed_in.get(PAGE, {"fiscal_year": 2006}).content.decode()
    assert "policy-person" in html or str(policy) in html
    assert "内訳（2006年度（平成18年度）" in html

    # A message waiting for an anonymous visitor is shown to them, once.
    visitor = Client()
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(messages.INFO, "お知らせがあります")
    carrier = HttpResponse()
    storage.update(carrier)
    visitor.cookies["messages"] = carrier.cookies["messages"].value
    assert "お知らせがあります" in visitor.get(PAGE).content.decode()
    assert "お知らせがあります" not in visitor.get(PAGE).content.decode()
    assert "お知らせがあります" not in client.get(PAGE).content.decode()


@pytest.mark.django_db
def test_the_current_year_moves_on_at_midnight_on_31_march(client, monkeypatch):
    def at(day):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
        years = client.get(API).json()["years"]
        return next(y["fiscal_year"] for y in years if y["projection"] is not None)

    assert at(date(2027, 3, 31)) == 2026
    assert at(date(2027, 4, 1)) == 2027


@pytest.mark.django_db
def test_unknown_series_stay_404_and_are_not_kept(client):
    assert client.get("/targets/no-such/").status_code == 404
    assert client.get("/api/v1/targets/no-such/").status_code == 404
    TargetSeries.objects.create(
        code="no-such", title="新しい目標", baseline_as_of=date(2024, 3, 31), baseline_count=0
    )
    assert client.get("/targets/no-such/").status_code == 200
    assert client.get("/api/v1/targets/no-such/").json()["title"] == "新しい目標"


def test_the_memo_keeps_a_bounded_number_of_entries(monkeypatch):
    monkeypatch.setattr("approvals.targets.memo.current_token", lambda: "t")
    small = TargetMemo(size=2)
    built = []
    for key in ("a", "b", "a", "c", "a", "b"):
        small.remember((key,), lambda key=key: built.append(key) or key)
    assert built == ["a", "b", "c", "b"]  # "a" was used last, so "b" made way for "c"
    assert len(small._entries) == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_another_connection_sees_a_committed_approval_on_its_next_request(requires_postgres):
    """A reader with the page warm in this process, approvals committed by another connection
    (another process, as far as the database is concerned): the next request shows them."""
    reader = Client()
    before = api_actual(reader, this_year())
    today = timezone.localdate()

    errors = []

    def approve():
        try:
            with transaction.atomic():
                factories.make_approval(approved_on=today)
        except Exception as error:  # reported below, never swallowed
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(t.is_alive() for t in threads) and not errors, errors
    assert api_actual(reader, this_year()) == before + 2
