"""Eligibility (DOMAIN.md §3): jurisdiction, closed years, legal form, firm size, period, R&D."""

from datetime import date

import pytest
from django.utils import translation

from approvals.constants import Industry
from approvals.rules import Plan, check_eligibility
from tests.approvals.rules.builders import KANAGAWA, company


def eligibility(facts, *, on=date(2024, 4, 1), plan=None, prefecture=KANAGAWA):
    results = check_eligibility(facts, on=on, prefecture=prefecture, plan=plan)
    return {result.code: result for result in results}


def test_jurisdiction_inside_the_prefecture():
    assert eligibility(company())["jurisdiction"].passed is True


def test_jurisdiction_elsewhere_goes_to_the_regional_bureau():
    """A head office outside the prefecture is refused with a pointer to 経済産業局."""
    result = eligibility(company(prefecture="東京都"))["jurisdiction"]
    assert result.passed is False
    assert result.message == (
        "本店所在地が神奈川県外のため、神奈川県では受け付けできません。"
        "本店所在地を管轄する経済産業局へ申請してください。"
    )
    other = eligibility(company(), prefecture="埼玉県")["jurisdiction"]
    assert other.passed is False
    assert "埼玉県では受け付けできません" in other.message


@pytest.mark.parametrize(("years", "passed"), [(None, False), (0, False), (1, True), (5, True)])
def test_closed_fiscal_year(years, passed):
    """At least one closed fiscal year (one 決算) is needed."""
    assert eligibility(company(closed_fiscal_years=years))["closed_fiscal_year"].passed is passed


@pytest.mark.parametrize(
    "legal_form", ["kabushiki", "godo", "yugen", "goshi", "gomei", "sole", "other"]
)
def test_legal_form_eligible(legal_form):
    assert eligibility(company(legal_form=legal_form))["legal_form"].passed is True


@pytest.mark.parametrize(
    ("legal_form", "message"),
    [
        ("npo", "特定非営利活動法人・その他の非営利法人は経営革新計画の対象外です。"),
        ("medical", "医療法人は経営革新計画の対象外です。"),
        ("school", "学校法人は経営革新計画の対象外です。"),
        ("", "組織形態が選択されていません。"),
    ],
)
def test_legal_form_not_eligible(legal_form, message):
    """Non-profit, medical and school corporations are not eligible, and are told why."""
    result = eligibility(company(legal_form=legal_form))["legal_form"]
    assert (result.passed, result.message) == (False, message)


# The size limits as the law states them (DOMAIN.md §3), one line per industry: 中小企業者
# (capital in yen OR regular employees at or below; until 2023-03-31) and 特定事業者 (regular
# employees at or below; from 2021-08-02). Written from the law, not copied from
# approvals.rules.eligibility, and turned into boundary cases below (the limit passes, one
# more fails): a number changed there, or typed wrongly, fails here.
LIMITS_BY_LAW = {
    # industry: (中小企業者 capital, 中小企業者 employees, 特定事業者 employees)
    "manufacturing": (300_000_000, 300, 500),  # 製造業・建設業・運輸業
    "other": (300_000_000, 300, 500),  # その他の業種
    "wholesale": (100_000_000, 100, 400),  # 卸売業
    "services": (50_000_000, 100, 300),  # サービス業
    "retail": (50_000_000, 50, 300),  # 小売業
    "rubber": (300_000_000, 900, 500),  # ゴム製品製造業: a manufacturer's 500 as 特定事業者
    "software": (300_000_000, 300, 500),  # ソフトウェア業・情報処理サービス業
    "inn": (50_000_000, 200, 500),  # 旅館業
}
SME_ONLY = date(2021, 8, 1)
TRANSITION = (date(2021, 8, 2), date(2023, 3, 31))
SPECIFIED_ONLY = date(2023, 4, 1)
MANY = 10_000


def _sme_only_cases():
    for industry, (capital, employees, specified) in LIMITS_BY_LAW.items():
        yield industry, capital, MANY, True
        yield industry, capital + 1, employees, True
        yield industry, capital + 1, employees + 1, False
        if specified > employees:  # 特定事業者 does not exist yet
            yield industry, capital + 1, specified, False


def _transition_cases():
    for industry, (capital, employees, specified) in LIMITS_BY_LAW.items():
        yield industry, capital, MANY, True
        yield industry, capital + 1, employees, True
        yield industry, capital + 1, specified, True
        yield industry, capital + 1, max(employees, specified) + 1, False


def _specified_only_cases():
    for industry, (_capital, _employees, specified) in LIMITS_BY_LAW.items():
        yield industry, 1, specified, True
        yield industry, 1, specified + 1, False  # a small capital no longer helps


@pytest.mark.parametrize(("industry", "capital", "employees", "passed"), list(_sme_only_cases()))
def test_sme_size_before_2021_08_02(industry, capital, employees, passed):
    """Until 2021-08-01 only 中小企業者: capital or employees at or below the industry's limits."""
    facts = company(industry=industry, capital=capital, employees=employees)
    assert eligibility(facts, on=SME_ONLY)["sme_size"].passed is passed


@pytest.mark.parametrize("on", TRANSITION)
@pytest.mark.parametrize(("industry", "capital", "employees", "passed"), list(_transition_cases()))
def test_sme_size_2021_08_02_to_2023_03_31(on, industry, capital, employees, passed):
    """From 2021-08-02 to 2023-03-31 either 中小企業者 or 特定事業者 suffices."""
    facts = company(industry=industry, capital=capital, employees=employees)
    assert eligibility(facts, on=on)["sme_size"].passed is passed


@pytest.mark.parametrize(
    ("industry", "capital", "employees", "passed"), list(_specified_only_cases())
)
def test_sme_size_from_2023_04_01(industry, capital, employees, passed):
    """From 2023-04-01 only 特定事業者: employees at or below, capital does not count."""
    facts = company(industry=industry, capital=capital, employees=employees)
    assert eligibility(facts, on=SPECIFIED_ONLY)["sme_size"].passed is passed


def test_rubber_with_900_employees_until_2023_03_31_only():
    """Rubber's 900-employee 中小企業者 limit outlived 2021-08-02, but not 2023-04-01."""
    facts = company(industry="rubber", capital=300_000_001, employees=900)
    assert eligibility(facts, on=date(2023, 3, 31))["sme_size"].passed is True
    assert eligibility(facts, on=date(2023, 4, 1))["sme_size"].passed is False


@pytest.mark.parametrize(("employees", "passed"), [(50, True), (51, False)])
def test_sole_proprietor_is_judged_on_employees_only(employees, passed):
    """A sole proprietor has no capital: a 'capital' value must not make it a 中小企業者."""
    facts = company(legal_form="sole", industry="retail", capital=1, employees=employees)
    assert eligibility(facts, on=SME_ONLY)["sme_size"].passed is passed


@pytest.mark.parametrize(
    ("on", "capital", "employees", "passed", "named"),
    [
        (SME_ONLY, None, None, False, "資本金・従業員数が入力されていない"),
        (SME_ONLY, None, 301, False, "資本金が入力されていない"),
        (SME_ONLY, None, 300, True, ""),
        (SME_ONLY, 300_000_000, None, True, ""),
        (SPECIFIED_ONLY, 1, None, False, "従業員数が入力されていない"),
    ],
)
def test_sme_size_with_missing_facts(on, capital, employees, passed, named):
    """Missing facts fail only when they are needed, and the message names them."""
    result = eligibility(company(capital=capital, employees=employees), on=on)["sme_size"]
    assert result.passed is passed
    assert named in result.message


def test_sme_size_unknown_industry():
    assert eligibility(company(industry=""))["sme_size"].passed is False


@pytest.mark.parametrize(
    ("years", "passed"), [(None, False), (2, False), (3, True), (4, True), (5, True), (6, False)]
)
def test_period(years, passed):
    """The plan period (事業期間) is 3, 4 or 5 years."""
    result = eligibility(company(), plan=Plan(years))["period"]
    assert result.passed is passed


@pytest.mark.parametrize(
    ("on", "rd_years", "activity_types", "passed"),
    [
        (date(2020, 9, 30), 0, ("new_product",), True),
        (date(2020, 9, 30), 0, ("rnd",), False),  # the R&D type did not exist yet
        (date(2020, 9, 30), 1, ("rnd",), False),
        (date(2020, 10, 1), 0, ("rnd",), True),
        (date(2020, 10, 1), 2, ("rnd", "new_product"), True),
        (date(2020, 10, 1), 5, ("rnd",), True),
        (date(2020, 10, 1), 6, ("rnd",), False),
        (date(2020, 10, 1), 2, ("new_product",), False),  # R&D years need the R&D type
    ],
)
def test_rnd(on, rd_years, activity_types, passed):
    """R&D-type plans and 0–5 R&D years only from 2020-10-01, and only with the R&D type."""
    plan = Plan(3, rd_years=rd_years, activity_types=activity_types)
    assert eligibility(company(), on=on, plan=plan)["rnd"].passed is passed


def test_plan_checks_only_with_a_plan():
    assert tuple(eligibility(company())) == (
        "jurisdiction",
        "closed_fiscal_year",
        "legal_form",
        "sme_size",
    )
    assert tuple(eligibility(company(), plan=Plan(3))) == (
        "jurisdiction",
        "closed_fiscal_year",
        "legal_form",
        "sme_size",
        "period",
        "rnd",
    )


@pytest.mark.parametrize("industry", Industry.values)
def test_a_size_refusal_names_the_industry_as_the_company_form_does(industry):
    """The message names the industry the applicant chose, in the form's words (it said 製造業
    where the form offers 製造業・建設業・運輸業)."""
    with translation.override("ja"):
        label = str(Industry(industry).label)
    too_big = company(industry=industry, capital=10**12, employees=10**5)
    assert f"{label}は" in eligibility(too_big)["sme_size"].message
