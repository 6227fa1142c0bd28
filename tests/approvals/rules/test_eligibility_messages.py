# ruff: noqa: E501 - the messages are compared whole
"""Every eligibility message, word for word: Japanese as the record keeps it, English as the
live self-check shows it, and the Japanese again through ``localized`` (the plural forms).

The messages are the verdict's explanation to the applicant and the reviewer; a branch that
gives the right verdict with another branch's words (a sole proprietor told about a head
office, one employee counted as "employees") is a defect these tables catch.
"""

from datetime import date

import pytest
from django.utils import translation

from approvals import terms
from approvals.rules import Plan, check_eligibility
from tests.approvals.rules.builders import KANAGAWA, company

CASES = {
    "corp_in": ({}, date(2024, 4, 1), None),
    "sole_in": ({"legal_form": "sole", "capital": None}, date(2024, 4, 1), None),
    "corp_none": ({"prefecture": ""}, date(2024, 4, 1), None),
    "sole_none": ({"prefecture": "", "legal_form": "sole"}, date(2024, 4, 1), None),
    "sole_out": ({"prefecture": "東京都", "legal_form": "sole"}, date(2024, 4, 1), None),
    "cfy_none": ({"closed_fiscal_years": None}, date(2024, 4, 1), None),
    "cfy_0": ({"closed_fiscal_years": 0}, date(2024, 4, 1), None),
    "cfy_1": ({"closed_fiscal_years": 1}, date(2024, 4, 1), None),
    "cfy_3": ({"closed_fiscal_years": 3}, date(2024, 4, 1), None),
    "npo": ({"legal_form": "npo"}, date(2024, 4, 1), None),
    "form_none": ({"legal_form": ""}, date(2024, 4, 1), None),
    "ind_none": ({"industry": ""}, date(2024, 4, 1), None),
    "sme_cap": ({"capital": 300000000, "employees": None}, date(2022, 4, 1), None),
    "sme_emp1": ({"capital": None, "employees": 1}, date(2022, 4, 1), None),
    "sme_emp300": ({"capital": 300000001, "employees": 300}, date(2022, 4, 1), None),
    "sme_missing_both": ({"capital": None, "employees": None}, date(2022, 4, 1), None),
    "sme_sole_missing": (
        {"legal_form": "sole", "capital": 5, "employees": None},
        date(2022, 4, 1),
        None,
    ),
    "sme_over": ({"capital": 300000001, "employees": 301}, date(2022, 4, 1), None),
    "spec_none": ({"employees": None}, date(2024, 4, 1), None),
    "spec_1": ({"employees": 1}, date(2024, 4, 1), None),
    "spec_over1": ({"employees": 501}, date(2024, 4, 1), None),
    "both_over": ({"capital": 300000001, "employees": 501}, date(2022, 4, 1), None),
    "period_3": (
        {},
        date(2024, 4, 1),
        Plan(period_years=3, rd_years=0, activity_types=(), figures=(), funding=()),
    ),
    "period_none": (
        {},
        date(2024, 4, 1),
        Plan(period_years=None, rd_years=0, activity_types=(), figures=(), funding=()),
    ),
    "period_6": (
        {},
        date(2024, 4, 1),
        Plan(period_years=6, rd_years=0, activity_types=(), figures=(), funding=()),
    ),
    "rnd_old": (
        {},
        date(2019, 4, 1),
        Plan(period_years=3, rd_years=1, activity_types=("rnd",), figures=(), funding=()),
    ),
    "rnd_6": (
        {},
        date(2024, 4, 1),
        Plan(period_years=3, rd_years=6, activity_types=("rnd",), figures=(), funding=()),
    ),
    "rnd_notype": (
        {},
        date(2024, 4, 1),
        Plan(period_years=3, rd_years=2, activity_types=(), figures=(), funding=()),
    ),
    "rnd_1": (
        {},
        date(2024, 4, 1),
        Plan(period_years=3, rd_years=1, activity_types=("rnd",), figures=(), funding=()),
    ),
    "rnd_2": (
        {},
        date(2024, 4, 1),
        Plan(period_years=3, rd_years=2, activity_types=("rnd",), figures=(), funding=()),
    ),
    "rnd_0": (
        {},
        date(2024, 4, 1),
        Plan(period_years=3, rd_years=0, activity_types=(), figures=(), funding=()),
    ),
}
EXPECTED = [
    (
        "corp_in",
        "jurisdiction",
        True,
        "本店所在地が神奈川県内です。",
        "The head office is in Kanagawa Prefecture.",
    ),
    ("corp_in", "closed_fiscal_year", True, "決算を2期終えています。", "2 fiscal years closed."),
    ("corp_in", "legal_form", True, "対象となる組織形態です。", "The legal form is eligible."),
    (
        "corp_in",
        "sme_size",
        True,
        "特定事業者に該当します（製造業・建設業・運輸業、従業員数 20人）。",
        "The firm is a specified business (Manufacturing, construction or transport, 20 employees).",
    ),
    (
        "sole_in",
        "jurisdiction",
        True,
        "住所が神奈川県内です。",
        "The address is in Kanagawa Prefecture.",
    ),
    (
        "corp_none",
        "jurisdiction",
        False,
        "本店所在地の都道府県が入力されていません。",
        "The prefecture of the head office has not been entered.",
    ),
    (
        "sole_none",
        "jurisdiction",
        False,
        "住所の都道府県が入力されていません。",
        "The prefecture of the address has not been entered.",
    ),
    (
        "sole_out",
        "jurisdiction",
        False,
        "住所が神奈川県外のため、神奈川県では受け付けできません。住所を管轄する経済産業局へ申請してください。",
        "The address is outside Kanagawa Prefecture, so Kanagawa Prefecture cannot accept the application. Please apply to the Regional Bureau of Economy, Trade and Industry for your address.",
    ),
    (
        "cfy_none",
        "closed_fiscal_year",
        False,
        "決算期数が入力されていません。",
        "The number of closed fiscal years has not been entered.",
    ),
    (
        "cfy_0",
        "closed_fiscal_year",
        False,
        "1期以上の決算を終えている必要があります（決算期数: 0期）。",
        "At least one fiscal year must have been closed (closed fiscal years: 0).",
    ),
    ("cfy_1", "closed_fiscal_year", True, "決算を1期終えています。", "1 fiscal year closed."),
    ("cfy_3", "closed_fiscal_year", True, "決算を3期終えています。", "3 fiscal years closed."),
    (
        "npo",
        "legal_form",
        False,
        "特定非営利活動法人・その他の非営利法人は経営革新計画の対象外です。",
        "NPO or other non-profit corporation: not eligible for a Business Innovation Plan.",
    ),
    (
        "form_none",
        "legal_form",
        False,
        "組織形態が選択されていません。",
        "No legal form has been chosen.",
    ),
    ("ind_none", "sme_size", False, "業種が選択されていません。", "No industry has been chosen."),
    (
        "sme_cap",
        "sme_size",
        True,
        "中小企業者に該当します（製造業・建設業・運輸業、資本金 300,000,000円）。",
        "The firm is an SME (Manufacturing, construction or transport, capital 300,000,000 yen).",
    ),
    (
        "sme_emp1",
        "sme_size",
        True,
        "中小企業者に該当します（製造業・建設業・運輸業、従業員数 1人）。",
        "The firm is an SME (Manufacturing, construction or transport, 1 employee).",
    ),
    (
        "sme_emp300",
        "sme_size",
        True,
        "中小企業者に該当します（製造業・建設業・運輸業、従業員数 300人）。",
        "The firm is an SME (Manufacturing, construction or transport, 300 employees).",
    ),
    (
        "sme_missing_both",
        "sme_size",
        False,
        "資本金・従業員数が入力されていないため、中小企業者（製造業・建設業・運輸業は資本金300,000,000円以下又は従業員300人以下）か判定できません。従業員数が入力されていないため、特定事業者（製造業・建設業・運輸業は従業員500人以下）か判定できません。",
        "Whether the firm is an SME (Manufacturing, construction or transport: capital of at most 300,000,000 yen or at most 300 employees) cannot be judged: Capital, Number of employees not entered. Whether the firm is a specified business (Manufacturing, construction or transport: at most 500 employees) cannot be judged: the number of employees has not been entered.",
    ),
    (
        "sme_sole_missing",
        "sme_size",
        False,
        "従業員数が入力されていないため、中小企業者（製造業・建設業・運輸業は資本金300,000,000円以下又は従業員300人以下）か判定できません。従業員数が入力されていないため、特定事業者（製造業・建設業・運輸業は従業員500人以下）か判定できません。",
        "Whether the firm is an SME (Manufacturing, construction or transport: capital of at most 300,000,000 yen or at most 300 employees) cannot be judged: Number of employees not entered. Whether the firm is a specified business (Manufacturing, construction or transport: at most 500 employees) cannot be judged: the number of employees has not been entered.",
    ),
    (
        "sme_over",
        "sme_size",
        True,
        "特定事業者に該当します（製造業・建設業・運輸業、従業員数 301人）。",
        "The firm is a specified business (Manufacturing, construction or transport, 301 employees).",
    ),
    (
        "spec_none",
        "sme_size",
        False,
        "従業員数が入力されていないため、特定事業者（製造業・建設業・運輸業は従業員500人以下）か判定できません。",
        "Whether the firm is a specified business (Manufacturing, construction or transport: at most 500 employees) cannot be judged: the number of employees has not been entered.",
    ),
    (
        "spec_1",
        "sme_size",
        True,
        "特定事業者に該当します（製造業・建設業・運輸業、従業員数 1人）。",
        "The firm is a specified business (Manufacturing, construction or transport, 1 employee).",
    ),
    (
        "spec_over1",
        "sme_size",
        False,
        "従業員数 501人 が特定事業者の基準（製造業・建設業・運輸業は500人以下）を超えています。",
        "501 employees exceed the limit of a specified business (Manufacturing, construction or transport: at most 500 employees).",
    ),
    (
        "both_over",
        "sme_size",
        False,
        "資本金・従業員数とも中小企業者の基準（製造業・建設業・運輸業は資本金300,000,000円以下又は従業員300人以下）を超えています。従業員数 501人 が特定事業者の基準（製造業・建設業・運輸業は500人以下）を超えています。",
        "Both capital and employees exceed the SME limits (Manufacturing, construction or transport: capital of at most 300,000,000 yen or at most 300 employees). 501 employees exceed the limit of a specified business (Manufacturing, construction or transport: at most 500 employees).",
    ),
    ("period_3", "period", True, "事業期間は3年です。", "The plan period is 3 years."),
    ("period_3", "rnd", True, "研究開発期間はありません。", "There is no R&D period."),
    (
        "period_none",
        "period",
        False,
        "事業期間は3～5年です（入力: 未入力）。",
        "The plan period is 3 to 5 years (entered: Not entered).",
    ),
    (
        "period_6",
        "period",
        False,
        "事業期間は3～5年です（入力: 6年）。",
        "The plan period is 3 to 5 years (entered: 6 years).",
    ),
    (
        "rnd_old",
        "sme_size",
        True,
        "中小企業者に該当します（製造業・建設業・運輸業、資本金 10,000,000円）。",
        "The firm is an SME (Manufacturing, construction or transport, capital 10,000,000 yen).",
    ),
    (
        "rnd_old",
        "rnd",
        False,
        "研究開発型の計画（研究開発期間、技術に関する研究開発及びその成果の利用）は2020年10月1日以降の申請でのみ認められます。",
        "R&D plans (an R&D period, research and development of technology and use of its results) are allowed only for applications from 1 October 2020.",
    ),
    (
        "rnd_6",
        "rnd",
        False,
        "研究開発期間は0～5年です（入力: 6年）。",
        "The R&D period is 0 to 5 years (entered: 6 years).",
    ),
    (
        "rnd_notype",
        "rnd",
        False,
        "研究開発期間を設けるには、新事業活動の類型で「技術に関する研究開発及びその成果の利用」を選んでください。",
        "To have an R&D period, choose “research and development of technology and use of its results” among the types of new business activity.",
    ),
    ("rnd_1", "rnd", True, "研究開発期間は1年です。", "The R&D period is 1 year."),
    ("rnd_2", "rnd", True, "研究開発期間は2年です。", "The R&D period is 2 years."),
]


@pytest.mark.parametrize(("case", "code", "passed", "japanese", "english"), EXPECTED)
def test_each_eligibility_message_word_for_word(case, code, passed, japanese, english):
    facts, on, plan = CASES[case]
    results = check_eligibility(company(**facts), on=on, prefecture=KANAGAWA, plan=plan)
    result = {r.code: r for r in results}[code]
    assert (result.code, result.passed, str(result.message)) == (code, passed, japanese)
    with translation.override("en"):
        assert terms.localized(result.message) == english
    with translation.override("ja"):
        assert terms.localized(result.message) == japanese
