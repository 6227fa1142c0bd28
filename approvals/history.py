"""The application's history as the applicant sees it.

Staff are shown by their role in the procedure, not by name: the applicant deals with the
prefecture, not with an individual clerk. Only comments addressed to the applicant are shown
(補正の依頼, 不承認の理由) and the applicant's own (提出, 取下げ); the reviewer's opinion and other
internal notes stay inside the prefecture.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from approvals.selectors import APPLICANT_VISIBLE_COMMENTS

ACTION_LABELS = {
    "create": _("作成"),
    "submit": _("提出"),
    "resubmit": _("再提出"),
    "withdraw": _("取下げ"),
    "accept": _("受付"),
    "return": _("補正依頼"),
    "recommend": _("審査意見"),
    # The recommendation itself is internal until the decision.
    "recommend_approval": _("審査完了"),
    "recommend_refusal": _("審査完了"),
    "approve": _("承認"),
    "refuse": _("不承認"),
    "send_back": _("再審査"),
    "download_attachment": _("添付書類のダウンロード"),
    "delete_attachment": _("添付書類の削除"),
    "download_notice": _("通知書のダウンロード"),
    "download_form": _("申請書PDFのダウンロード"),
    "retry_notice": _("通知書の再発行"),
}
# Actions whose comment the applicant may read.


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    actor: str
    step: str
    action: str
    comment: str


def history_rows(application) -> list[HistoryRow]:
    members = set(application.company.members.values_list("pk", flat=True))
    rows = []
    for entry in application.history.select_related("actor"):
        if entry.actor_id is None:
            actor = _("システム")
        elif entry.actor_id in members:
            actor = str(entry.actor)
        else:
            actor = _("県・支援機関の担当者")
        rows.append(
            HistoryRow(
                entry.at,
                actor,
                entry.get_step_display(),
                ACTION_LABELS.get(entry.action, entry.action),
                entry.comment if entry.action in APPLICANT_VISIBLE_COMMENTS else "",
            )
        )
    return rows
