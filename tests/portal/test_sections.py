"""Each section saves on its own; bad input is explained and saves nothing."""

from datetime import date

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from approvals import services
from approvals.models import Application
from tests.factories import PLAN_START, passing_figures
from tests.portal.helpers import figures_data, formset_data, overview_data, stored_figures


@pytest.fixture
def logged_in(client, applicant):
    client.force_login(applicant)
    return client


@pytest.mark.django_db
def test_a_50000_character_theme_gets_a_message_and_nothing_is_saved(logged_in, draft):
    before = Application.objects.values().get(pk=draft.pk)
    url = reverse("approvals:application-overview", args=[draft.pk])
    response = logged_in.post(url, overview_data(theme="あ" * 50_000, content="変えた内容"))
    assert response.status_code == 200
    assert "200文字以内で入力してください（現在50000文字）" in response.content.decode()
    assert Application.objects.values().get(pk=draft.pk) == before


@pytest.mark.django_db
def test_overview_saves_the_plan_start_month_and_activities(logged_in, draft):
    url = reverse("approvals:application-overview", args=[draft.pk])
    year = PLAN_START.year
    typed = f"{year}年10月".translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    data = overview_data(plan_start=typed, activity_types=["new_service", "rnd"], rd_years="2")
    assert logged_in.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.plan_start == date(year, 10, 1)
    assert sorted(draft.activity_codes()) == ["new_service", "rnd"]
    assert draft.final_year == 5


@pytest.mark.django_db
def test_full_width_figures_are_saved_as_numbers(logged_in, draft):
    rows = passing_figures(3)
    data = figures_data(rows)
    data["y0-sales"] = "１，２３４"
    data["y1-non_operating_expenses"] = "−500"
    data["y2-non_operating_expenses"] = "▲２０"
    url = reverse("approvals:application-figures", args=[draft.pk])
    assert logged_in.post(url, data).status_code == 302
    saved = {f.year: f for f in draft.figures.all()}
    assert saved[0].sales == 1234
    assert saved[1].non_operating_expenses == -500
    assert saved[2].non_operating_expenses == -20


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("cell", "typed", "message"),
    [
        ("y1-sales", "abc", "数字で入力してください"),
        ("y2-employees", "20.5", "従業員数は整数（人）で入力してください"),
        ("y3-capex", "1234567890123", "12桁以内で入力してください"),
    ],
)
def test_an_unreadable_cell_gets_a_message_and_nothing_of_the_table_is_saved(
    logged_in, draft, cell, typed, message
):
    before = stored_figures(draft)
    data = figures_data(passing_figures(3))
    data["y0-sales"] = "999999"  # a valid change elsewhere must not be saved either
    data[cell] = typed
    url = reverse("approvals:application-figures", args=[draft.pk])
    response = logged_in.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    # The message sits in the cell of the wrong input, referenced by it.
    assert f'id="id_{cell}_error"' in page
    assert message in page.split(f'id="id_{cell}_error"', 1)[1][:200]
    assert f'aria-describedby="id_{cell}_error"' in page
    assert stored_figures(draft) == before


@pytest.mark.django_db
def test_figures_ask_for_the_plan_period_first(logged_in, company, applicant):
    application = services.application_create(company=company, actor=applicant)
    page = logged_in.get(reverse("approvals:application-figures", args=[application.pk]))
    assert "先に「計画の概要」で事業期間" in page.content.decode()


@pytest.mark.django_db
def test_schedule_add_row_keeps_the_typed_rows_without_saving(logged_in, draft):
    url = reverse("approvals:application-schedule", args=[draft.pk])
    data = formset_data("schedule", [{"item": "新しい項目", "start": "2-1", "end": "2-4"}], 0)
    data["add_row"] = "1"
    response = logged_in.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="新しい項目"' in page
    assert 'name="schedule-1-item"' in page  # the added blank row
    assert list(draft.schedule.values_list("item", flat=True)) == ["設備導入", "試作・販路開拓"]


@pytest.mark.django_db
def test_schedule_rows_are_replaced_blank_rows_ignored_and_bad_order_refused(logged_in, draft):
    url = reverse("approvals:application-schedule", args=[draft.pk])
    bad = formset_data("schedule", [{"item": "逆順", "start": "2-1", "end": "1-4"}])
    assert "終了は開始と同じか" in logged_in.post(url, bad).content.decode()
    assert draft.schedule.count() == 2

    good = formset_data("schedule", [{"item": "量産", "start": "2-1", "end": "3-4"}], 2)
    assert logged_in.post(url, good).status_code == 302
    assert list(draft.schedule.values_list("item", "start", "end")) == [("量産", "2-1", "3-4")]


@pytest.mark.django_db
def test_a_submitted_application_cannot_be_edited(logged_in, draft, applicant):
    from workflow.services import application_submit

    application_submit(application=draft, actor=applicant, acknowledge_failures=False)
    before = Application.objects.values().get(pk=draft.pk)
    url = reverse("approvals:application-overview", args=[draft.pk])
    response = logged_in.post(url, overview_data(theme="提出後の変更"), follow=True)
    assert response.status_code == 200
    assert "「提出済（受付待ち）」のため編集できません" in response.content.decode()
    assert Application.objects.values().get(pk=draft.pk) == before

    response = logged_in.get(reverse("approvals:application-figures", args=[draft.pk]), follow=True)
    assert "編集できません" in response.content.decode()


@pytest.mark.django_db
def test_an_expired_session_never_throws_away_what_was_typed(client, draft, applicant):
    """The session expires while the applicant writes; after signing in again the typed
    overview is back in the form, not yet saved."""
    client.force_login(applicant)
    url = reverse("approvals:application-overview", args=[draft.pk])
    Session.objects.all().delete()  # the session expired on the server

    typed = overview_data(content="長い時間をかけて書いた経営革新の内容")
    response = client.post(url, typed)
    login_url = reverse("account_login")
    assert response.status_code == 302
    assert response["Location"].startswith(login_url)
    draft.refresh_from_db()
    assert draft.content != typed["content"]

    response = client.post(
        login_url + f"?next={url}",
        {"login": applicant.username, "password": "pass-word-123", "next": url},
    )
    assert response["Location"] == url

    page = client.get(url).content.decode()
    assert "入力内容を復元しました。内容を確認して保存してください。" in page
    assert "長い時間をかけて書いた経営革新の内容" in page
    draft.refresh_from_db()
    assert draft.content != typed["content"]  # restored, not saved

    # Only once: reloading shows the saved data again.
    assert "長い時間をかけて書いた" not in client.get(url).content.decode()


@pytest.mark.django_db
def test_overview_marks_what_a_submission_needs_and_reveals_rd_years_with_the_rd_type(
    logged_in, draft
):
    page = logged_in.get(reverse("approvals:application-overview", args=[draft.pk]))
    html = page.content.decode()
    marks = html.count('<span class="required">必須</span>')
    # テーマ, 類型, 現在の事業内容, 経営革新の内容, 新規性, 計画開始年月, 事業期間 — and not
    # 研究開発期間, which has a default and matters only for an R&D plan.
    assert marks == 7
    assert '研究開発期間（年） <span class="required">' not in html
    rnd_box = page.context["form"].rnd_choice_id
    assert rnd_box and f'id="{rnd_box}"' in html and 'value="rnd"' in html
    assert f'data-revealed-by="{rnd_box}"' in html


@pytest.mark.django_db
def test_the_saved_plan_start_is_shown_as_a_japanese_month_and_saves_back_unchanged(
    logged_in, draft
):
    url = reverse("approvals:application-overview", args=[draft.pk])
    draft.plan_start = date(PLAN_START.year, 10, 1)
    draft.save(update_fields=["plan_start"])
    html = logged_in.get(url).content.decode()
    shown = f"{PLAN_START.year}年10月"
    assert f'value="{shown}"' in html and f"{PLAN_START.year}-10" not in html
    assert logged_in.post(url, overview_data(plan_start=shown)).status_code == 302
    draft.refresh_from_db()
    assert draft.plan_start == date(PLAN_START.year, 10, 1)


def _csrf_client(applicant):
    client = Client(enforce_csrf_checks=True)
    client.force_login(applicant)
    return client


@pytest.mark.django_db
def test_a_refused_token_gives_back_what_was_typed_unsaved(applicant, draft):
    """The page was open while the applicant signed in again in another tab: the POST's token
    is stale. The section shows the typed text again, unsaved, with a fresh token."""
    client = _csrf_client(applicant)
    url = reverse("approvals:application-overview", args=[draft.pk])
    typed = overview_data(content="トークンが古くなっても消えない内容", csrfmiddlewaretoken="stale")
    response = client.post(url, typed, HTTP_ORIGIN="http://testserver")
    assert (response.status_code, response["Location"]) == (302, url)
    page = client.get(url).content.decode()
    assert "入力内容を復元しました。内容を確認して、もう一度保存してください。" in page
    assert "トークンが古くなっても消えない内容" in page
    draft.refresh_from_db()
    assert draft.content != typed["content"]
    assert "トークンが古くなっても消えない内容" not in client.get(url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [{"HTTP_ORIGIN": "https://evil.example"}, {"HTTP_REFERER": "https://evil.example/form"}, {}],
)
def test_a_refused_token_from_another_site_keeps_nothing(applicant, draft, headers):
    client = _csrf_client(applicant)
    url = reverse("approvals:application-overview", args=[draft.pk])
    typed = overview_data(content="よそのサイトから送られた内容", csrfmiddlewaretoken="stale")
    response = client.post(url, typed, **headers)
    assert response.status_code == 403
    assert "送信を受け付けられませんでした" in response.content.decode()
    assert "よそのサイトから送られた内容" not in client.get(url).content.decode()


@pytest.mark.django_db
def test_a_refused_token_elsewhere_is_the_plain_page(applicant, draft):
    client = _csrf_client(applicant)
    response = client.post(
        "/portal/applications/new/",
        {"csrfmiddlewaretoken": "stale"},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 403
    assert Application.objects.filter(company=draft.company).count() == 1


@pytest.mark.django_db
def test_a_funding_source_given_twice_is_refused_and_nothing_is_lost(logged_in, draft):
    url = reverse("approvals:application-funding", args=[draft.pk])
    before = list(draft.funding.values_list("source", "amount"))
    rows = [
        {"source": "private_loan", "amount": "3,000"},
        {"source": "own_funds", "amount": "500"},
        {"source": "private_loan", "amount": "1,000"},
    ]
    response = logged_in.post(url, formset_data("funding", rows))
    assert response.status_code == 200
    html = response.content.decode()
    assert "同じ調達先（民間金融機関借入）が複数の行にあります。" in html
    assert 'value="3,000"' in html or 'value="3000"' in html  # what was typed is still there
    assert list(draft.funding.values_list("source", "amount")) == before
    rows[2]["source"] = "government_loan"
    assert logged_in.post(url, formset_data("funding", rows)).status_code == 302
    assert sorted(draft.funding.values_list("source", flat=True)) == [
        "government_loan",
        "own_funds",
        "private_loan",
    ]
