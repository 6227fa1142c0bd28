"""Texts the law prescribes, written once for every page and document that shows them.

教示 (行政不服審査法第82条, 行政事件訴訟法第46条): a refusal tells the applicant where and within
which time they may challenge it, on the applicant's page and on the refusal notice alike; so
does the revocation of an approval (approvals.models.RevocationCase, on its notice).
"""

from django.utils.translation import gettext as _

from approvals.models.decision import Issued


def appeal_notice(refusal: Issued) -> list[str]:
    """教示: where and within which time the applicant may challenge a disposition (a refusal,
    a revocation), naming the authority that issued it (recorded with the decision)."""
    names = {"governor": refusal.issuer_title, "prefecture": refusal.issuer_prefecture}
    return [
        _(
            "この処分に不服がある場合は、この処分があったことを知った日の翌日から起算して"
            "3か月以内に、%(governor)sに対して審査請求をすることができます。"
        )
        % names,
        _(
            "この処分の取消しの訴えは、この処分があったことを知った日から6か月以内に、"
            "%(prefecture)sを被告として（訴訟において%(prefecture)sを代表する者は"
            "%(governor)sとなります。）提起することができます。"
        )
        % names,
        _(
            "ただし、上記の期間内であっても、この処分の日から1年を経過すると、"
            "審査請求や処分の取消しの訴えを提起することができなくなります。"
        ),
    ]
