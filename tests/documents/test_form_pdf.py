"""The application form as submitted (様式第1 with 別表1–4 and 6), one PDF per version."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from approvals import services as approvals_services
from approvals.constants import TEXT_MAX_LENGTH
from approvals.models import HistoryEntry
from documents.issued import form
from documents.models import IssuedDocument
from tests import factories
from tests.api.conftest import client_for
from tests.documents import pdfcheck
from tests.documents.conftest import attach_required, staff_step
from workflow import services


def _url(application, version=None):
    url = f"/api/v1/applications/{application.pk}/form.pdf"
    return f"{url}?version={version}" if version is not None else url


@pytest.fixture
def submitted(draft, applicant):
    attach_required(draft, applicant)
    return services.application_submit(
        application=draft, actor=applicant, acknowledge_failures=False
    )


def _pdf(response) -> bytes:
    assert response.status_code == 200, getattr(response, "content", b"")[:300]
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


@pytest.mark.django_db
def test_the_form_reads_as_submitted(applicant, submitted):
    data = _pdf(client_for(applicant).get(_url(submitted)))
    text = pdfcheck.text(data)
    for expected in (
        "様式第１",
        "神奈川県知事　殿",
        "〒238-0008　神奈川県横須賀市大滝町1-1",
        "株式会社テスト精工",
        "代表取締役　神奈川 太郎",
        "経営革新計画に係る承認申請書",
        "中小企業等経営強化法第14条第1項の規定に基づき、別紙の経営革新計画について"
        "承認を受けたいので申請します。",
        "別表１　経営革新計画",
        "金属加工技術を応用した医療機器部品の製造",
        "■　新商品の開発又は生産",
        "□　新役務の開発又は提供",
        "令和9年4月から令和12年3月まで（3年間）",
        "別表２　実施計画と実施時期",
        "1年目 第3四半期 〜 3年目 第4四半期",
        "年10月〜",  # the schedule in the plan's months (terms.schedule_period)
        "別表３　経営計画及び資金計画",
        "付加価値額",
        "100,000",
        "別表４　設備投資計画及び運転資金計画",
        "民間金融機関借入",
        "別表６　関係機関への連絡希望",
        "■　日本政策金融公庫",
    ):
        assert expected in text, expected
    reader = pdfcheck.reader(data)
    assert len(reader.pages) >= 5
    assert f"1 / {len(reader.pages)}" in reader.pages[0].extract_text()
    assert reader.metadata.title == "経営革新計画に係る承認申請書"
    assert all(f["family"] and f["file2"] for f in pdfcheck.fonts(data).values())


def _longest(field: str) -> str:
    """TEXT_MAX_LENGTH characters of plain Japanese prose, ending in a sentence of its own."""
    end = f"以上が{field}の最後の一文です。"
    body = "当社は金属加工の技術を活かし、医療機器部品の製造に新たに取り組む。" * 10 + "\n"
    return (body * TEXT_MAX_LENGTH)[: TEXT_MAX_LENGTH - len(end)] + end


@pytest.mark.django_db
def test_a_form_submitted_before_the_2019_renumbering_cites_article_8(applicant, submitted):
    """By the submission date, also for a snapshot that recorded another article."""
    versions = submitted.versions.all()
    check = {**versions.get().check_result, "article": "第14条第1項"}
    versions.update(
        submitted_at=datetime(2019, 7, 15, 23, 59, tzinfo=ZoneInfo("Asia/Tokyo")),
        check_result=check,
    )
    version = versions.get()
    text = pdfcheck.text(form.form_pdf(version))
    assert "中小企業等経営強化法第8条第1項の規定に基づき" in text


@pytest.mark.django_db
def test_emoji_in_the_plan_print_as_themselves_not_as_a_box(company, applicant):
    """An emoji typed into the theme or a schedule item is drawn from the emoji font (as an
    image of the glyph), not left to a face without it (a missing-glyph box)."""
    application = factories.make_application(company, applicant, theme="🍣を握るロボットの開発👍🏽")
    approvals_services.application_set_schedule(
        application=application, items=[{"item": "試作🔧と検証", "start": "1-1", "end": "1-2"}]
    )
    version = services.application_submit(
        application=application, actor=applicant, acknowledge_failures=False
    ).versions.get()
    data = form.form_pdf(version)
    text = pdfcheck.text(data)
    assert "🍣を握るロボットの開発👍🏽" in text and "試作🔧と検証" in text
    families = {f["family"] for f in pdfcheck.fonts(data).values()}
    assert "Noto-Color-Emoji" in families or "Noto Color Emoji" in families, families
    assert pdfcheck.image_xobjects(data)  # the emoji, drawn


@pytest.mark.django_db
def test_the_longest_texts_the_editor_accepts_come_out_whole(company, applicant):
    """Three texts at the maximum and ten long schedule items: laid out page after page and
    every last sentence printed (the texts' tables have set columns; measuring the text for
    automatic column widths made this take WeasyPrint about a minute)."""
    fields = ("existing_business", "content", "novelty")
    application = factories.make_application(
        company, applicant, **{field: _longest(field) for field in fields}
    )
    items = [
        {
            "item": f"工程{n}：" + "試作と検証を重ね品質管理体制を整える。" * 9,
            "start": "1-1",
            "end": "3-4",
        }
        for n in range(1, 11)
    ]
    approvals_services.application_set_schedule(application=application, items=items)
    services.application_submit(
        application=application, actor=applicant, acknowledge_failures=False
    )
    text = pdfcheck.text(_pdf(client_for(applicant).get(_url(application))))
    for field in fields:
        assert f"以上が{field}の最後の一文です。" in text
    for item in items:
        assert item["item"][-40:] in text


@pytest.mark.django_db
def test_one_pdf_per_version_issued_once_and_staff_downloads_in_the_history(
    applicant, submitted, staff
):
    api = client_for(applicant)
    first = _pdf(api.get(_url(submitted)))
    assert _pdf(api.get(_url(submitted, 1))) == first
    documents = IssuedDocument.objects.filter(application=submitted, kind="application_form")
    assert list(documents.values_list("key", "state", "attempts")) == [("v1", "issued", 1)]
    downloads = HistoryEntry.objects.filter(application=submitted, action="download_form")
    assert not downloads.exists()  # the applicant's own
    assert _pdf(client_for(staff["intake"]).get(_url(submitted))) == first
    assert list(downloads.values_list("actor", flat=True)) == [staff["intake"].pk]

    staff_step(submitted, "intake", staff["intake"], "return", "テーマを具体的に。")
    approvals_services.application_update(
        application=submitted, actor=applicant, theme="医療機器向け精密部品の量産"
    )
    services.application_submit(application=submitted, actor=applicant, acknowledge_failures=False)
    latest = pdfcheck.text(_pdf(api.get(_url(submitted))))
    assert "医療機器向け精密部品の量産" in latest and "（第2版）" in latest
    assert "金属加工技術を応用した" in pdfcheck.text(_pdf(api.get(_url(submitted, 1))))
    assert sorted(documents.values_list("key", flat=True)) == ["v1", "v2"]


@pytest.mark.django_db
def test_missing_versions_and_other_companies_are_404_bad_versions_400(
    applicant, draft, submitted, other_company
):
    api = client_for(applicant)
    assert api.get(_url(submitted, 9)).status_code == 404
    response = api.get(_url(submitted, "abc"))
    assert response.status_code == 400 and "version" in response.json()["errors"]
    other = client_for(other_company.members.get())
    assert other.get(_url(submitted)).status_code == 404


@pytest.mark.django_db
def test_a_draft_has_no_form(applicant, draft):
    assert client_for(applicant).get(_url(draft)).status_code == 404


@pytest.mark.django_db
def test_staff_and_the_portal_link(client, applicant, submitted, staff):
    client.force_login(staff["intake"])
    url = reverse("documents:form-download", args=[submitted.pk])
    assert client.get(url).status_code == 200
    assert client.get(url + "?version=x").status_code == 404
    client.force_login(applicant)
    page = client.get(reverse("approvals:application-detail", args=[submitted.pk]))
    assert url in page.content.decode()


@pytest.mark.django_db
def test_a_form_that_cannot_be_made_is_503_and_recorded(applicant, submitted, monkeypatch):
    monkeypatch.setattr(form, "form_pdf", lambda version: 1 / 0)
    response = client_for(applicant).get(_url(submitted))
    assert response.status_code == 503 and set(response.json()) == {"detail", "errors"}
    document = IssuedDocument.objects.get(application=submitted, kind="application_form")
    assert document.state == "failed" and "ZeroDivisionError" in document.error
