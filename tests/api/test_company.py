"""`company/`: the applicant's own company profile, validated and normalised."""

import pytest

from approvals.models import Company
from tests import factories

VALID_NUMBER = "8999900000001"  # fictional (登記所 code 9999), valid check digit
WRONG_CHECK_DIGIT = "8000012050002"


def profile(**overrides) -> dict:
    data = {
        "corporate_number": VALID_NUMBER,
        "name": "株式会社湘南テック",
        "legal_form": "kabushiki",
        "representative_title": "代表取締役",
        "representative_name": "藤沢 花子",
        "postal_code": "251-0052",
        "prefecture": "神奈川県",
        "municipality": "藤沢市",
        "address": "藤沢1-1",
        "phone": "0466-00-0000",
        "email": "info@shonan.example.jp",
        "industry": "software",
        "capital": 30_000_000,
        "employees": 12,
        "fiscal_year_end_month": 3,
        "founded_on": "2015-04-01",
        "closed_fiscal_years": 8,
    }
    data.update(overrides)
    return data


@pytest.fixture
def newcomer(db):
    return factories.make_user("applicant", username="newcomer@example.jp")


@pytest.mark.django_db
def test_get_is_404_until_the_company_is_registered(api, newcomer):
    response = api(newcomer).get("/api/v1/company/")
    assert response.status_code == 404
    assert response.json()["errors"] == {}


@pytest.mark.django_db
def test_put_creates_the_company_with_normalised_codes_and_its_region(api, newcomer):
    client = api(newcomer)
    response = client.put(
        "/api/v1/company/",
        profile(postal_code="〒２５１－００５２", corporate_number="8-9999-0000-0001"),
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["postal_code"] == "2510052"
    assert body["corporate_number"] == VALID_NUMBER
    assert body["region"] == "湘南"
    company = Company.objects.get(pk=body["id"])
    assert list(company.members.all()) == [newcomer]
    assert client.get("/api/v1/me/").json()["company"] == company.pk
    assert client.get("/api/v1/company/").json()["name"] == "株式会社湘南テック"


@pytest.mark.django_db
def test_put_updates_the_existing_company_and_ignores_region(api, applicant, company):
    response = api(applicant).put(
        "/api/v1/company/", profile(municipality="厚木市", region="横浜"), format="json"
    )
    assert response.status_code == 200, response.json()
    company.refresh_from_db()
    assert response.json()["id"] == company.pk
    assert company.municipality == "厚木市"
    assert company.region == "県央"
    assert Company.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"corporate_number": WRONG_CHECK_DIGIT}, "corporate_number"),
        ({"corporate_number": "123"}, "corporate_number"),
        ({"corporate_number": ""}, "corporate_number"),
        ({"postal_code": "251-005"}, "postal_code"),
        ({"legal_form": "partnership"}, "legal_form"),
        ({"industry": "fishing"}, "industry"),
        ({"fiscal_year_end_month": 13}, "fiscal_year_end_month"),
        ({"fiscal_year_end_month": 0}, "fiscal_year_end_month"),
        ({"capital": "たくさん"}, "capital"),
        ({"employees": -1}, "employees"),
        ({"name": ""}, "name"),
        ({"region": "横浜", "email": "not-an-address"}, "email"),
    ],
)
def test_invalid_profile_is_400_and_nothing_is_saved(api, applicant, company, overrides, field):
    before = Company.objects.values().get(pk=company.pk)
    response = api(applicant).put("/api/v1/company/", profile(**overrides), format="json")
    assert response.status_code == 400
    body = response.json()
    assert field in body["errors"], body
    assert all(isinstance(m, str) for m in body["errors"][field])
    assert Company.objects.values().get(pk=company.pk) == before


@pytest.mark.django_db
def test_wrong_check_digit_is_refused_with_a_japanese_message(api, newcomer):
    response = api(newcomer).put(
        "/api/v1/company/", profile(corporate_number=WRONG_CHECK_DIGIT), format="json"
    )
    assert response.status_code == 400
    assert "法人番号" in response.json()["errors"]["corporate_number"][0]
    assert not Company.objects.exists()


@pytest.mark.django_db
def test_sole_proprietor_needs_no_corporate_number(api, newcomer):
    response = api(newcomer).put(
        "/api/v1/company/",
        profile(legal_form="sole", corporate_number="", capital=None),
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["corporate_number"] == ""


@pytest.mark.django_db
def test_staff_have_no_company_of_their_own(api, intake_clerk):
    client = api(intake_clerk)
    assert client.get("/api/v1/company/").status_code == 403
    assert client.put("/api/v1/company/", profile(), format="json").status_code == 403
    assert not Company.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("municipality", ["横須賀町", "千代田区", "横浜"])
def test_an_unknown_municipality_of_the_prefecture_is_400_with_a_japanese_message(
    api, newcomer, municipality
):
    """A Kanagawa head office must name a Kanagawa municipality: otherwise its region would be
    blank and its approvals would count under 県外・不明."""
    response = api(newcomer).put(
        "/api/v1/company/", profile(municipality=municipality), format="json"
    )
    assert response.status_code == 400
    message = response.json()["errors"]["municipality"][0]
    assert f"「{municipality}」は神奈川県の市区町村にありません" in message
    assert not Company.objects.exists()


@pytest.mark.django_db
def test_an_unknown_municipality_is_refused_on_update_too(api, applicant, company):
    response = api(applicant).put("/api/v1/company/", profile(municipality="藤沢町"), format="json")
    assert response.status_code == 400
    company.refresh_from_db()
    assert company.municipality == "横須賀市"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("municipality", "stored", "region"),
    [("茅が崎市", "茅が崎市", "湘南"), ("横浜市 中区", "横浜市 中区", "横浜")],
)
def test_aliases_and_wards_are_accepted(api, newcomer, municipality, stored, region):
    response = api(newcomer).put(
        "/api/v1/company/", profile(municipality=municipality), format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["municipality"] == stored
    assert response.json()["region"] == region


@pytest.mark.django_db
def test_a_head_office_in_another_prefecture_is_free_text_without_a_region(api, newcomer):
    response = api(newcomer).put(
        "/api/v1/company/",
        profile(prefecture="東京都", municipality="横浜市"),  # not checked, and no region
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["region"] == ""


@pytest.mark.django_db
def test_a_corporate_number_of_another_company_is_400_and_nothing_is_saved(api, newcomer):
    other = factories.make_company(factories.make_user("applicant"))
    response = api(newcomer).put(
        "/api/v1/company/", profile(corporate_number=other.corporate_number), format="json"
    )
    assert response.status_code == 400
    message = response.json()["errors"]["corporate_number"][0]
    assert "すでに別の企業の情報として登録されています" in message
    assert other.name not in str(response.json())  # the other firm is not named
    assert not Company.objects.filter(members=newcomer).exists()


@pytest.mark.django_db
def test_a_company_keeps_its_own_corporate_number_on_update(api, applicant, company):
    response = api(applicant).put(
        "/api/v1/company/", profile(corporate_number=company.corporate_number), format="json"
    )
    assert response.status_code == 200, response.json()
