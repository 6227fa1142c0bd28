"""Test data builders: users with roles, Kanagawa companies and plans in known states.

`passing_figures()` gives a 3-year plan that meets the 2020 rule set with margin;
tests change one number to move a single criterion across its boundary. A complete plan also
carries the attachments a submission needs (tiny valid PDFs).
"""

import io
import itertools
from datetime import date

from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.mfa import needs_second_factor, provision
from accounts.models import User
from accounts.services import user_upsert
from approvals import services
from approvals.identifiers import corporate_number_check_digit
from approvals.models import Application, Company
from documents.attachments.selectors import required_attachments
from documents.attachments.services import attachment_add
from documents.demo import demo_pdf

# A plan start inside the window a submission accepts (approvals.rules.plan_start_window),
# whatever day the tests run: April of next year.
PLAN_START = date(timezone.localdate().year + 1, 4, 1)
PLAN_START_MONTH = PLAN_START.strftime("%Y-%m")

# A small, valid one-page PDF: it passes the upload check, which parses what it accepts.
MINIMAL_PDF = demo_pdf("kakushin test")


def pdf_bytes(title: str) -> bytes:
    """Another valid one-page PDF, different for each ASCII `title`."""
    return demo_pdf(title)


def image_bytes(format: str = "PNG", size=(8, 8)) -> bytes:
    """A real image (PNG or JPEG) that decodes in full."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=format)
    return buffer.getvalue()


_seq = itertools.count(1)


def make_user(role="applicant", username=None, password="pass-word-123", **extra) -> User:
    """A user with the role, a verified e-mail address, and — for every role that needs one —
    a second factor set up, as a member of staff has after the first sign-in."""
    username = username or f"{role}{next(_seq)}"
    extra.setdefault("email", username if "@" in username else f"{username}@example.jp")
    user, _created = user_upsert(username=username, role=role, password=password, **extra)
    if needs_second_factor(user):
        provision(user, generate_totp_secret())
    user.refresh_from_db()  # roles read fresh by whoever adds one next
    return user


def recovery_code(user) -> str:
    """An unused recovery code of the user: what a member of staff types as the second factor
    when signing in (each works once)."""
    from allauth.mfa.models import Authenticator

    codes = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    return codes.wrap().get_unused_codes()[0]


_corporate_numbers = itertools.count(1)


def corporate_number() -> str:
    """A valid 法人番号 no other factory company has (one number, one company)."""
    base = f"5{next(_corporate_numbers):011d}"  # other bases than the numbers tests type
    return f"{corporate_number_check_digit(base)}{base}"


def make_company(user=None, **overrides) -> Company:
    """A complete profile, as the company form or the API would store it (a corporation has
    its 法人番号); a sole proprietor (legal_form="sole") has none."""
    fields = {
        "corporate_number": "" if overrides.get("legal_form") == "sole" else corporate_number(),
        "name": "株式会社テスト精工",
        "legal_form": "kabushiki",
        "representative_title": "代表取締役",
        "representative_name": "神奈川 太郎",
        "postal_code": "2380008",
        "prefecture": "神奈川県",
        "municipality": "横須賀市",
        "address": "大滝町1-1",
        "phone": "046-000-0000",
        "email": "info@example.jp",
        "industry": "manufacturing",
        "capital": 10_000_000,
        "employees": 20,
        "fiscal_year_end_month": 3,
        "founded_on": date(2001, 4, 1),
        "closed_fiscal_years": 5,
    }
    fields.update(overrides)
    company = Company.objects.create(**fields)
    if user is not None:
        company.members.add(user)
    return company


def passing_figures(period_years=3) -> dict[int, dict]:
    """Base year plus plan years: value added +12 % and salaries +9 % by the final year."""
    rows = {}
    for year in range(0, period_years + 1):
        rows[year] = {
            "sales": 100_000 + 5_000 * year,
            "cost_of_sales": 60_000 + 2_000 * year,
            "sga": 30_000 + 1_000 * year,
            "non_operating_expenses": 500,
            "personnel_cost": 20_000 + 500 * year,
            "depreciation": 3_000,
            "employees": 20,
            "total_salary": 18_000 + 550 * year,
            "capex": 5_000 if year == 1 else 0,
            "working_capital": 1_000,
        }
    return rows


def pdf_upload(name="書類.pdf", content=MINIMAL_PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def attach_required(application, actor=None) -> None:
    """Attach a PDF for every required file the application still lacks."""
    actor = actor or application.created_by
    for kind, needed in required_attachments(application.company).items():
        for n in range(application.attachments.filter(kind=kind).count(), needed):
            upload = pdf_upload(f"{kind}-{n + 1}.pdf")
            attachment_add(application=application, kind=kind, upload=upload, actor=actor)


def make_application(
    company, actor=None, *, complete=True, attachments=True, period_years=3, **overrides
):
    """A draft; `complete=True` fills every section and attaches the required files (unless
    `attachments=False`) so it can be submitted as is."""
    actor = actor or company.members.first() or make_user()
    application = services.application_create(company=company, actor=actor)
    if not complete:
        return application
    fields = {
        "theme": "金属加工技術を応用した医療機器部品の製造",
        "existing_business": "自動車部品の切削加工",
        "content": "微細加工技術を応用し、医療機器向けの精密部品を新たに製造する。",
        "novelty": "同業他社にない5軸加工と洗浄工程を組み合わせる。",
        "plan_start": PLAN_START,
        "period_years": period_years,
        "activity_types": ["new_product"],
    }
    fields.update(overrides)
    application = services.application_update(application=application, actor=actor, **fields)
    services.application_set_figures(
        application=application, rows=passing_figures(application.period_years)
    )
    services.application_set_schedule(
        application=application,
        items=[
            {"item": "設備導入", "start": "1-1", "end": "1-2"},
            {"item": "試作・販路開拓", "start": "1-3", "end": "3-4"},
        ],
    )
    services.application_set_funding(
        application=application,
        items=[
            {"source": "private_loan", "amount": 4_000},
            {"source": "own_funds", "amount": 1_000},
        ],
    )
    services.application_set_support_contacts(application=application, bodies=["jfc"])
    if attachments:
        attach_required(application, actor)
    return Application.objects.get(pk=application.pk)


def make_approval(company=None, *, approved_on, kind="new", approver=None):
    """An Approval row on a fresh draft, without going through the flow (for counting tests)."""
    from approvals.numbering import approval_grant

    company = company or make_company()
    approver = approver or make_user("approver")
    application = make_application(company, complete=False)
    return approval_grant(
        application=application, actor=approver, approved_on=approved_on, kind=kind
    )
