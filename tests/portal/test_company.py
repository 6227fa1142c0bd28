"""The company profile accepts identifiers and numbers the way applicants type them."""

import pytest
from django.urls import reverse

from approvals.models import Company
from tests.portal.helpers import company_data, valid_corporate_number


@pytest.fixture
def logged_in(client, applicant):
    client.force_login(applicant)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["231-0023", "2310023", "〒２３１－００２３", "〒 231 0023"])
def test_postal_code_is_normalised(logged_in, applicant, typed):
    response = logged_in.post(reverse("approvals:company"), company_data(postal_code=typed))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Company.objects.get(members=applicant).postal_code == "2310023"


@pytest.mark.django_db
def test_invalid_postal_code_is_refused_with_a_message(logged_in, applicant):
    response = logged_in.post(reverse("approvals:company"), company_data(postal_code="231-002"))
    assert "郵便番号は7桁の数字で入力してください" in response.content.decode()
    assert not Company.objects.filter(members=applicant).exists()


@pytest.mark.django_db
def test_full_width_capital_and_the_derived_region_after_save(logged_in, applicant):
    response = logged_in.post(
        reverse("approvals:company"),
        company_data(capital="１０，０００，０００", employees="２５", municipality="横須賀市"),
        follow=True,
    )
    company = Company.objects.get(members=applicant)
    assert company.capital == 10_000_000
    assert company.employees == 25
    page = response.content.decode()
    assert "地域" in page and "横須賀三浦" in page


@pytest.mark.django_db
def test_corporate_number_with_a_wrong_check_digit_is_refused(logged_in, applicant):
    good = valid_corporate_number()
    wrong = str((int(good[0]) % 9) + 1) + good[1:]
    response = logged_in.post(reverse("approvals:company"), company_data(corporate_number=wrong))
    assert "法人番号が正しくありません" in response.content.decode()
    assert not Company.objects.filter(members=applicant).exists()


@pytest.mark.django_db
def test_corporate_number_is_required_unless_sole_proprietor(logged_in, applicant):
    response = logged_in.post(reverse("approvals:company"), company_data(corporate_number=""))
    assert "法人番号を入力してください" in response.content.decode()
    assert not Company.objects.filter(members=applicant).exists()

    response = logged_in.post(
        reverse("approvals:company"),
        company_data(corporate_number="", legal_form="sole", capital=""),
    )
    assert response.status_code == 302
    assert Company.objects.get(members=applicant).corporate_number == ""


@pytest.mark.django_db
def test_editing_keeps_the_same_company(logged_in, company, applicant):
    response = logged_in.post(
        reverse("approvals:company"), company_data(name="株式会社テスト精工（新）")
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.name == "株式会社テスト精工（新）"
    assert Company.objects.filter(members=applicant).count() == 1


@pytest.mark.django_db
def test_an_unknown_municipality_of_the_prefecture_is_refused_with_a_message(logged_in, applicant):
    response = logged_in.post(reverse("approvals:company"), company_data(municipality="横須賀町"))
    assert response.status_code == 200
    assert "「横須賀町」は神奈川県の市区町村にありません" in response.content.decode()
    assert not Company.objects.filter(members=applicant).exists()


@pytest.mark.django_db
def test_the_alias_is_accepted_and_the_page_shows_its_region(logged_in, applicant):
    response = logged_in.post(
        reverse("approvals:company"), company_data(municipality="茅が崎市"), follow=True
    )
    assert Company.objects.get(members=applicant).region == "湘南"
    assert "湘南" in response.content.decode()


@pytest.mark.django_db
def test_a_corporate_number_of_another_company_is_refused_with_a_message(logged_in, applicant):
    from tests import factories

    other = factories.make_company(factories.make_user("applicant"))
    response = logged_in.post(
        reverse("approvals:company"), company_data(corporate_number=other.corporate_number)
    )
    assert response.status_code == 200
    assert "すでに別の企業の情報として登録されています" in response.content.decode()
    assert not Company.objects.filter(members=applicant).exists()
