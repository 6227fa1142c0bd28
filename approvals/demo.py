"""Demo data: one user per role, two Kanagawa companies, passing and failing draft plans.

Idempotent: users are updated, companies and drafts found by name and theme.
Apps built on approvals add to each demo plan with ``contribute_plan_extra`` (the documents app
attaches the required files, so the drafts can be submitted as they are).
"""

import base64
import hashlib
from collections.abc import Callable
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.mfa import needs_second_factor, provision
from accounts.services import user_upsert
from approvals import services
from approvals.models import Application, Authority, Company

DEMO_PASSWORD = "kakushin-demo-2026"

# Called as extra(application, user) for every demo plan, new or found; must be idempotent.
PLAN_EXTRAS: list[Callable] = []


def contribute_plan_extra(extra: Callable) -> None:
    if extra not in PLAN_EXTRAS:
        PLAN_EXTRAS.append(extra)


DEMO_USERS = (
    ("applicant@example.jp", "applicant", "横須賀 一郎（申請者）"),
    ("applicant2@example.jp", "applicant", "小田原 花子（申請者）"),
    ("intake", "intake", "受付 担当"),
    ("reviewer", "reviewer", "審査 担当"),
    ("approver", "approver", "決裁 権者"),
    ("policy", "policy", "政策 担当"),
    ("admin", "admin", "システム 管理者"),
    ("support@example.jp", "support", "三浦 指導員（横須賀商工会議所）"),
)

# The demo support body (DOMAIN.md §12) and the delegation 株式会社三浦精密工業 grants its
# 経営指導員: view, edit the draft and answer a 補正 (not submit: the firm submits).
DEMO_SUPPORT_ORGANISATION = {
    "kind": "chamber",
    "name": "横須賀商工会議所",
    "region": "横須賀三浦",
}
DEMO_DELEGATION = ("applicant@example.jp", "support@example.jp", ["view", "edit", "correct"])

COMPANIES = {
    "applicant@example.jp": {
        "name": "株式会社三浦精密工業",
        "corporate_number": "8999900000001",  # fictional: no 登記所 has the code 9999
        "legal_form": "kabushiki",
        "representative_title": "代表取締役",
        "representative_name": "横須賀 一郎",
        "postal_code": "2380008",
        "prefecture": "神奈川県",
        "municipality": "横須賀市",
        "address": "大滝町2-10",
        "phone": "046-822-0000",
        "email": "info@miura-seimitsu.example.jp",
        "industry": "manufacturing",
        "capital": 30_000_000,
        "employees": 45,
        "fiscal_year_end_month": 3,
        "founded_on": date(1988, 6, 1),
        "closed_fiscal_years": 30,
    },
    "applicant2@example.jp": {
        "name": "有限会社箱根路菓子舗",
        "corporate_number": "9021002012345",
        "legal_form": "yugen",
        "representative_title": "取締役",
        "representative_name": "小田原 花子",
        "postal_code": "2500011",
        "prefecture": "神奈川県",
        "municipality": "小田原市",
        "address": "栄町1-1",
        "phone": "0465-00-0000",
        "email": "shop@hakoneji.example.jp",
        "industry": "retail",
        "capital": 3_000_000,
        "employees": 8,
        "fiscal_year_end_month": 9,
        "founded_on": date(1999, 10, 1),
        "closed_fiscal_years": 20,
    },
}


def _figures(base_sales, growth_per_year, salary_growth_per_year, years=3):
    rows = {}
    for year in range(0, years + 1):
        sales = base_sales + growth_per_year * year
        rows[year] = {
            "sales": sales,
            "cost_of_sales": sales * 55 // 100,
            "sga": sales * 30 // 100,
            "non_operating_expenses": 800,
            "personnel_cost": base_sales // 5 + 500 * year,
            "depreciation": 4_000,
            "employees": 45,
            "total_salary": base_sales * 18 // 100 + salary_growth_per_year * year,
            "capex": 20_000 if year == 1 else 0,
            "working_capital": 5_000 if year == 1 else 0,
        }
    return rows


PLANS = (
    {
        "owner": "applicant@example.jp",
        "theme": "精密切削技術を応用した医療機器用チタン部品の製造・販売",
        "existing_business": "自動車・産業機械向け精密部品の切削加工（量産品中心）",
        "content": "5軸マシニングセンタと専用洗浄ラインを導入し、整形外科用インプラントの"
        "チタン部品を新たに製造して医療機器メーカーへ販売する。",
        "novelty": "当社として初の医療分野への参入。県内同業者で医療用チタン部品の一貫加工を"
        "行う例は少ない。",
        "activity_types": ["new_product"],
        "figures": _figures(300_000, 25_000, 1_200),
    },
    {
        "owner": "applicant@example.jp",
        "theme": "工場見学と体験型ものづくり教室の開始",
        "existing_business": "自動車・産業機械向け精密部品の切削加工",
        "content": "工場の一角を見学・体験スペースに改装し、地域の小中学生向けの教室を有料で行う。",
        "novelty": "当社として初のサービス事業。",
        "activity_types": ["new_service"],
        # Value added grows but salaries stay flat: fails the 給与支給総額 criterion.
        "figures": _figures(300_000, 25_000, 0),
    },
    {
        "owner": "applicant2@example.jp",
        "theme": "地元柑橘を使った焼き菓子のオンライン定期便",
        "existing_business": "店頭での和洋菓子の製造小売",
        "content": "小田原産の柑橘を使った焼き菓子を開発し、"
        "自社サイトで定期便として全国に販売する。",
        "novelty": "当社として初の通信販売。",
        "activity_types": ["new_product", "new_production_method"],
        # Sales flat: value added does not grow enough.
        "figures": _figures(40_000, 200, 300),
    },
    {
        "owner": "applicant2@example.jp",
        "theme": "和菓子製造ラインの自動化による日持ちする新商品の開発",
        "existing_business": "店頭での和洋菓子の製造小売",
        "content": "包あん機と脱酸素包装を導入し、日持ちする和菓子を新たに開発して"
        "駅や観光施設の売店に卸す。",
        "novelty": "当社として初の卸売。地域の同業者に同じ方式の例はない。",
        "activity_types": ["new_product", "new_production_method"],
        "figures": _figures(40_000, 4_000, 400),
        # Taken through the whole procedure by seed_demo, so the dashboard has an approval.
        "approve": True,
    },
)


def demo_totp_secret(username: str) -> str:
    """A TOTP key of the demo user that stays the same across `make run`s (demo only): add it
    once to an authenticator app, or type a recovery code instead."""
    return base64.b32encode(hashlib.sha1(f"kakushin-demo:{username}".encode()).digest()).decode()


# The prefecture's contact for applicants (the portal's next steps, the notice's contact block):
# plausible values for Kanagawa, with a telephone number and a domain reserved for examples.
AUTHORITY_CONTACT = {
    "contact_department": "神奈川県 産業労働局 中小企業部 中小企業支援課（経営革新計画担当）",
    "contact_phone": "045-210-0000",
    "contact_email": "keiei-kakushin@pref.kanagawa.example.jp",
    "contact_hours": "平日 8時30分〜17時15分（12時〜13時を除く）",
}


def _ensure_authority_contact() -> None:
    """Fill the authority's contact fields that are still empty (an administrator's own
    values are kept)."""
    authority = Authority.current()
    empty = [name for name in AUTHORITY_CONTACT if not getattr(authority, name)]
    for name in empty:
        setattr(authority, name, AUTHORITY_CONTACT[name])
    if empty:
        authority.save(update_fields=empty)


@transaction.atomic
def seed_demo() -> list[tuple[str, str, str, str]]:
    """Create or refresh the demo data; returns (username, role, password, second factor) for
    each login: staff get a TOTP device and fresh recovery codes on every run."""
    users, second_factors = {}, {}
    for username, role, name in DEMO_USERS:
        users[username], _ = user_upsert(
            username=username,
            role=role,
            password=DEMO_PASSWORD,
            display_name=name,
            email=username if "@" in username else f"{username}@example.jp",
        )
        if needs_second_factor(users[username]):
            secret = demo_totp_secret(username)
            codes = provision(users[username], secret)
            second_factors[username] = (
                f"recovery codes {' '.join(codes[:3])} (or TOTP key {secret})"
            )
    _ensure_authority_contact()
    _demo_authority()
    for owner, fields in COMPANIES.items():
        company = Company.objects.filter(name=fields["name"]).first() or Company(**fields)
        services.company_save(company=company, user=users[owner])
    _ensure_delegation(users)
    for plan in PLANS:
        application = _ensure_plan(plan, users[plan["owner"]])
        for extra in PLAN_EXTRAS:
            extra(application, users[plan["owner"]])
    return [(u, r, DEMO_PASSWORD, second_factors.get(u, "—")) for u, r, _n in DEMO_USERS]


# The authority as the demo notices print it: a made-up governor (the contact point is
# AUTHORITY_CONTACT above).
DEMO_AUTHORITY = {"governor_title": "神奈川県知事", "governor_name": "相模 太郎"}


def _demo_authority() -> None:
    """Fill what the administrator has left empty (an edited value is kept)."""
    authority = Authority.current()
    changed = [f for f, v in DEMO_AUTHORITY.items() if not getattr(authority, f) and v]
    for field in changed:
        setattr(authority, field, DEMO_AUTHORITY[field])
    if changed:
        authority.save()


def _ensure_delegation(users) -> None:
    """The demo support user's organisation and a delegation from the first demo firm (kept
    while one is in force; a revoked or expired one is granted again)."""
    from approvals.models import SupportMember, SupportOrganisation
    from approvals.support import access
    from approvals.support.services import delegation_grant

    owner, username, scopes = DEMO_DELEGATION
    organisation, _created = SupportOrganisation.objects.get_or_create(
        name=DEMO_SUPPORT_ORGANISATION["name"], defaults=DEMO_SUPPORT_ORGANISATION
    )
    SupportMember.objects.update_or_create(
        user=users[username], defaults={"organisation": organisation, "title": "経営指導員"}
    )
    company = Company.objects.get(members=users[owner])
    if access.delegation_for(users[username], company) is None:
        delegation_grant(
            company=company,
            actor=users[owner],
            username=username,
            scopes=scopes,
            valid_to=timezone.localdate() + timedelta(days=365),
            copy_mails=True,
        )


def _ensure_plan(plan: dict, user) -> Application:
    company = Company.objects.get(members=user)
    existing = Application.objects.filter(company=company, theme=plan["theme"]).first()
    if existing:
        return existing
    application = services.application_create(company=company, actor=user)
    application = services.application_update(
        application=application,
        actor=user,
        theme=plan["theme"],
        existing_business=plan["existing_business"],
        content=plan["content"],
        novelty=plan["novelty"],
        # April of next year: always a start the submission accepts.
        plan_start=date(timezone.localdate().year + 1, 4, 1),
        period_years=3,
        activity_types=plan["activity_types"],
    )
    services.application_set_figures(application=application, rows=plan["figures"])
    services.application_set_schedule(
        application=application,
        items=[
            {"item": "設備の選定・導入", "start": "1-1", "end": "1-2"},
            {"item": "試作と品質評価", "start": "1-3", "end": "2-2"},
            {"item": "販路開拓・本格販売", "start": "2-3", "end": "3-4"},
        ],
    )
    services.application_set_funding(
        application=application,
        items=[
            {"source": "government_loan", "amount": 15_000},
            {"source": "own_funds", "amount": 10_000},
        ],
    )
    services.application_set_support_contacts(
        application=application, bodies=["jfc", "credit_guarantee"]
    )
    return application
