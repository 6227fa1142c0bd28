"""approvals.diff.version_diff: what changed between two snapshots, item by item (no database)."""

import copy

import pytest
from django.utils import translation

from approvals.diff import Change, version_diff


@pytest.fixture(autouse=True)
def _japanese():
    """Labels are translated: the expectations below are the Japanese ones."""
    with translation.override("ja"):
        yield


def snapshot() -> dict:
    figures = []
    for year in range(0, 4):
        figures.append(
            {
                "year": year,
                "sales": 100_000 + 5_000 * year,
                "cost_of_sales": 60_000,
                "sga": 30_000,
                "non_operating_expenses": 500,
                "personnel_cost": 20_000,
                "depreciation": 3_000,
                "employees": 20,
                "total_salary": 18_000,
                "capex": 0,
                "working_capital": 1_000,
                "gross_profit": str(40_000 + 5_000 * year),
                "operating_profit": str(10_000 + 5_000 * year),
                "ordinary_profit": str(9_500 + 5_000 * year),
                "value_added": str(33_000 + 5_000 * year),
                "value_added_per_employee": "1650",
            }
        )
    return {
        "reference": "KK-2026-00001",
        "company": {
            "name": "株式会社テスト精工",
            "legal_form": "kabushiki",
            "corporate_number": "",
            "representative_title": "代表取締役",
            "representative_name": "神奈川 太郎",
            "postal_code": "2380008",
            "prefecture": "神奈川県",
            "municipality": "横須賀市",
            "address": "大滝町1-1",
            "phone": "",
            "email": "info@example.jp",
            "industry": "manufacturing",
            "capital": 10_000_000,
            "employees": 20,
            "fiscal_year_end_month": 3,
            "closed_fiscal_years": 5,
            "region": "横須賀三浦",
            "founded_on": "2001-04-01",
        },
        "theme": "医療機器部品の製造",
        "activity_types": ["new_product"],
        "existing_business": "自動車部品の切削加工",
        "content": "精密部品を製造する。",
        "novelty": "5軸加工",
        "plan_start": "2027-04",
        "period_years": 3,
        "rd_years": 0,
        "figures": figures,
        "schedule": [
            {"item": "設備導入", "start": "1-1", "end": "1-2"},
            {"item": "販路開拓", "start": "1-3", "end": "3-4"},
        ],
        "funding": [
            {"source": "private_loan", "amount": 4_000},
            {"source": "own_funds", "amount": 1_000},
        ],
        "support_contacts": ["jfc"],
        "acknowledged_failures": False,
    }


def _figure(year, **values):
    def change(data):
        data["figures"][year].update(values)

    return change


def _set(**values):
    return lambda data: data.update(values)


def _company(**values):
    return lambda data: data["company"].update(values)


def _schedule(*items):
    return lambda data: data.update(
        schedule=[dict(zip(("item", "start", "end"), i, strict=True)) for i in items]
    )


def _funding(*items):
    return lambda data: data.update(funding=[{"source": s, "amount": a} for s, a in items])


CASES = [
    ("nothing changed", lambda data: None, []),
    (
        "a figure in one year",
        _figure(2, sales=111_000),
        [Change("経営指標", "2年目 売上高", "110,000千円", "111,000千円")],
    ),
    (
        "a derived row follows its inputs, marked as computed",
        _figure(3, employees=21, value_added_per_employee="2285.7"),
        [
            Change("経営指標", "3年目 従業員数", "20人", "21人"),
            Change(
                "経営指標",
                "3年目 一人当たり付加価値額（自動計算）",
                "1,650千円/人",
                "2,285.7千円/人",
            ),
        ],
    ),
    (
        "per-employee figures keep their decimals",
        _figure(1, value_added_per_employee="1712.5"),
        [
            Change(
                "経営指標",
                "1年目 一人当たり付加価値額（自動計算）",
                "1,650千円/人",
                "1,712.5千円/人",
            )
        ],
    ),
    (
        "a figure cleared",
        _figure(0, capex=None),
        [Change("経営指標", "基準年度（直近期末） 設備投資額", "0千円", "未入力")],
    ),
    (
        "text of the plan",
        _set(theme="医療機器部品の製造と販売"),
        [Change("計画の概要", "テーマ", "医療機器部品の製造", "医療機器部品の製造と販売")],
    ),
    (
        "activity types as a set: reordering is no change",
        _set(activity_types=["new_product"]),
        [],
    ),
    (
        "activity types added",
        _set(activity_types=["new_service", "new_product"]),
        [
            Change(
                "計画の概要",
                "新事業活動の類型",
                "新商品の開発又は生産",
                "新商品の開発又は生産、新役務の開発又は提供",
            )
        ],
    ),
    (
        "plan start and period",
        _set(plan_start="2027-10", period_years=4),
        [
            Change("計画の概要", "計画開始年月", "2027年4月", "2027年10月"),
            Change("計画の概要", "事業期間（年）", "3年", "4年"),
        ],
    ),
    (
        "company capital and industry by their labels",
        _company(capital=12_000_000, industry="wholesale"),
        [
            Change("企業情報", "業種", "製造業・建設業・運輸業", "卸売業"),
            Change("企業情報", "資本金（円）", "10,000,000円", "12,000,000円"),
        ],
    ),
    (
        "schedule: a new period for the same item",
        _schedule(("設備導入", "1-1", "2-2"), ("販路開拓", "1-3", "3-4")),
        [
            Change(
                "実施計画",
                "設備導入",
                "2027年4月〜9月（1年目 第1〜第2四半期）",
                "2027年4月〜2028年9月（1年目 第1四半期 〜 2年目 第2四半期）",
            )
        ],
    ),
    (
        "schedule: reordering is no change",
        _schedule(("販路開拓", "1-3", "3-4"), ("設備導入", "1-1", "1-2")),
        [],
    ),
    (
        "schedule: added and removed items",
        _schedule(("設備導入", "1-1", "1-2"), ("人材育成", "2-1", "2-4")),
        [
            Change(
                "実施計画", "人材育成", "（なし）", "2028年4月〜2029年3月（2年目 第1〜第4四半期）"
            ),
            Change(
                "実施計画",
                "販路開拓",
                "2027年10月〜2030年3月（1年目 第3四半期 〜 3年目 第4四半期）",
                "（削除）",
            ),
        ],
    ),
    (
        "funding per source, with the total",
        _funding(("private_loan", 3_000), ("own_funds", 1_000), ("government_loan", 2_000)),
        [
            Change("資金計画", "政府系金融機関借入", "（なし）", "2,000千円"),
            Change("資金計画", "民間金融機関借入", "4,000千円", "3,000千円"),
            Change("資金計画", "合計", "5,000千円", "6,000千円"),
        ],
    ),
    (
        "funding split over two rows of one source is no change",
        _funding(("own_funds", 1_000), ("private_loan", 2_500), ("private_loan", 1_500)),
        [],
    ),
    (
        "support bodies as a set",
        _set(support_contacts=["credit_guarantee", "jfc"]),
        [
            Change(
                "関係機関への連絡希望",
                "連絡を希望する機関",
                "日本政策金融公庫",
                "日本政策金融公庫、信用保証協会",
            )
        ],
    ),
    (
        "the acknowledgement",
        _set(acknowledged_failures=True),
        [Change("提出時の確認", "基準未達の確認", "なし", "確認して提出")],
    ),
]


@pytest.mark.parametrize(("change", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_version_diff(change, expected):
    old = snapshot()
    new = copy.deepcopy(old)
    change(new)
    assert version_diff(old, new) == expected


def test_a_year_only_in_the_new_version_shows_each_of_its_figures():
    old = snapshot()
    new = copy.deepcopy(old)
    new["figures"].append({**new["figures"][3], "year": 4, "sales": 120_000})
    changes = version_diff(old, new)
    assert Change("経営指標", "4年目 売上高", "未入力", "120,000千円") in changes
    assert {c.field_label.split()[0] for c in changes} == {"4年目"}
    assert all(c.old == "未入力" for c in changes)


def test_missing_keys_of_an_older_snapshot_do_not_break_the_comparison():
    new = snapshot()
    changes = version_diff({"theme": "医療機器部品の製造"}, new)
    assert Change("計画の概要", "テーマ", "医療機器部品の製造", "医療機器部品の製造") not in changes
    assert any(c.section == "経営指標" for c in changes)
