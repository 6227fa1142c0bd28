"""What happens next, in plain words for the applicant: the standard processing period, whom
to contact, what an approval brings and asks, and the few words of the procedure a firm may not
know (補正, 決裁, 版).

One place for these texts: the top page, the submitted page, the application's page (its status
box and outcome) and the confirmation e-mail all take them from here.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from approvals.constants import ApplicationKind
from approvals.models import Authority

# The one true sentence about saving (the top page and the empty list of applications): each
# section page saves when its button is pressed; nothing is saved while typing.
SAVING = gettext_lazy(
    "入力した内容は、各ページの「保存して戻る」（企業情報は「保存する」）を押したときに"
    "保存されます。"
    "保存せずにページを離れると、そのページで入力した内容は失われます。"
    "保存した内容は、いつでも続きから再開できます。"
)

# One-line explanations of the procedure's words, where they appear on the applicant's pages.
GLOSSARY = {
    "correction": gettext_lazy(
        "補正とは、申請内容の修正のお願いです。依頼された点を直して、もう一度提出してください。"
    ),
    "decision": gettext_lazy(
        "決裁とは、審査の結果をもとに、県が承認するかどうかを最終的に決めることです。"
    ),
    "version": gettext_lazy(
        "版とは、提出するたびに付く番号です（最初の提出が第1版、補正のあとの再提出が第2版）。"
    ),
}

# After an approval: what it can open (each body decides on its own) and what it asks.
SUPPORT_MEASURES = (
    gettext_lazy("日本政策金融公庫の特別利率による融資"),
    gettext_lazy("信用保証の特例（普通保険などの別枠化）"),
    gettext_lazy("国や県の補助金の審査での加点"),
    gettext_lazy("特許料・審査請求料の減免（研究開発を含む計画など）"),
)
SUPPORT_MEASURES_NOTE = gettext_lazy(
    "支援措置を受けるには、それぞれの機関（金融機関・信用保証協会・補助金の事務局など）の"
    "審査が別に必要です。承認されたことで、利用が約束されるものではありません。"
    "承認通知書の写しを添えて、各機関にご相談ください。"
)
DUTIES = (
    gettext_lazy(
        "計画の内容・期間・資金計画などを大きく変えるときは、事前に変更承認申請をしてください。"
    ),
    gettext_lazy(
        "計画期間中と終了後に、県から実施状況の報告やフォローアップ調査をお願いします。"
        "ご協力ください。"
    ),
)

# Where a firm gets help with a plan before (and after) applying (DOMAIN.md §12).
HELP_BODIES = (
    gettext_lazy("お近くの商工会・商工会議所（経営指導員）"),
    gettext_lazy("公益財団法人神奈川産業振興センター"),
    gettext_lazy("認定経営革新等支援機関（取引のある金融機関・税理士など）"),
)


@dataclass(frozen=True)
class Contact:
    """The prefecture's office for applicants (Authority's contact fields)."""

    department: str
    phone: str
    email: str
    hours: str

    def __bool__(self) -> bool:
        return any((self.department, self.phone, self.email, self.hours))


def contact(authority: Authority | None = None) -> Contact:
    authority = authority or Authority.current()
    return Contact(
        department=authority.contact_department,
        phone=authority.contact_phone,
        email=authority.contact_email,
        hours=authority.contact_hours,
    )


def processing_period(authority: Authority | None = None, kind: str = ApplicationKind.NEW) -> str:
    """「標準処理期間：30開庁日（補正の期間を除く）」 for the procedure of `kind` (a new plan or
    a change, each with its own period: DOMAIN.md §11); a change says it is the change's."""
    authority = authority or Authority.current()
    days = authority.processing_days(kind)
    if kind == ApplicationKind.CHANGE:
        return _("標準処理期間（変更承認申請）：%(days)d開庁日（補正の期間を除く）") % {
            "days": days
        }
    return _("標準処理期間：%(days)d開庁日（補正の期間を除く）") % {"days": days}


def processing_note() -> str:
    """How the period is counted, in one sentence (DOMAIN.md §11)."""
    return _(
        "提出の翌日から数え、土日・祝日・年末年始（12月29日〜1月3日）と、"
        "補正の依頼から再提出までの期間は含みません。"
    )


def reference_label(application) -> str:
    """管理番号 until the plan has reached the prefecture (its first submission), then 受付番号;
    the number itself is the same (the API's ``reference``)."""
    return _("受付番号") if application.version else _("管理番号")
