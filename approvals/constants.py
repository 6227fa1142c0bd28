"""Choices of the procedure: statuses, legal forms, industries, activity types, support bodies."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from approvals.terms import INDUSTRY_NAMES, LEGAL_FORM_NAMES

# The longest theme and free text a plan may hold: the portal's forms, the API and the model
# all take these limits from here.
THEME_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 4000
# Rows of the schedule (別表2) or the funding plan (別表4), in the portal and the API.
MAX_ROWS = 50


class Status(models.TextChoices):
    DRAFT = "draft", _("作成中")
    SUBMITTED = "submitted", _("提出済（受付待ち）")
    RETURNED = "returned", _("補正依頼中")
    UNDER_REVIEW = "under_review", _("審査中")
    AWAITING_DECISION = "awaiting_decision", _("決裁待ち")
    APPROVED = "approved", _("承認")
    REFUSED = "refused", _("不承認")
    WITHDRAWN = "withdrawn", _("取下げ")
    # After approval (DOMAIN.md §10): the firm ended the plan (廃止届), or the authority revoked
    # the approval after a hearing (承認の取消し). Both stay counted in target ②.
    DISCONTINUED = "discontinued", _("廃止")
    REVOKED = "revoked", _("承認取消し")


class ApplicationKind(models.TextChoices):
    """A new plan, or a change of an approved plan (変更承認申請, DOMAIN.md §10)."""

    NEW = "new", _("新規")
    CHANGE = "change", _("変更")


# The prefectures, in the order of the JIS code: where a head office (本店) can be.
PREFECTURES = (
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
)


EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.RETURNED})
# A plan whose procedure ended without approval may be copied into a new draft.
COPYABLE_STATUSES = frozenset({Status.REFUSED, Status.WITHDRAWN})
# Withdrawal is possible at any time before the decision (DOMAIN.md §7.8).
WITHDRAWABLE_STATUSES = frozenset(
    {Status.SUBMITTED, Status.RETURNED, Status.UNDER_REVIEW, Status.AWAITING_DECISION}
)


def _legal_form(code: str):
    return code, _(LEGAL_FORM_NAMES[code])


class LegalForm(models.TextChoices):
    """Legal forms (named in approvals.terms; the rules say which may apply)."""

    KABUSHIKI = _legal_form("kabushiki")
    GODO = _legal_form("godo")
    YUGEN = _legal_form("yugen")
    GOSHI = _legal_form("goshi")
    GOMEI = _legal_form("gomei")
    SOLE = _legal_form("sole")
    NPO = _legal_form("npo")
    MEDICAL = _legal_form("medical")
    SCHOOL = _legal_form("school")
    OTHER = _legal_form("other")


def _industry(code: str):
    return code, _(INDUSTRY_NAMES[code])


class Industry(models.TextChoices):
    """The industries of the size limits (named in approvals.terms)."""

    MANUFACTURING = _industry("manufacturing")
    WHOLESALE = _industry("wholesale")
    RETAIL = _industry("retail")
    SERVICES = _industry("services")
    RUBBER = _industry("rubber")
    SOFTWARE = _industry("software")
    INN = _industry("inn")
    OTHER = _industry("other")


class ActivityType(models.TextChoices):
    NEW_PRODUCT = "new_product", _("新商品の開発又は生産")
    NEW_SERVICE = "new_service", _("新役務の開発又は提供")
    NEW_PRODUCTION_METHOD = "new_production_method", _("商品の新たな生産又は販売の方式の導入")
    NEW_SERVICE_METHOD = (
        "new_service_method",
        _("役務の新たな提供の方式の導入その他の新たな事業活動"),
    )
    RND = "rnd", _("技術に関する研究開発及びその成果の利用")


class FundingSource(models.TextChoices):
    GOVERNMENT_LOAN = "government_loan", _("政府系金融機関借入")
    PRIVATE_LOAN = "private_loan", _("民間金融機関借入")
    OWN_FUNDS = "own_funds", _("自己資金")
    OTHER = "other", _("その他")


class SupportBody(models.TextChoices):
    """別表6: bodies the applicant wants told of the plan."""

    JFC = "jfc", _("日本政策金融公庫")
    CREDIT_GUARANTEE = "credit_guarantee", _("信用保証協会")
    SHOKO_CHUKIN = "shoko_chukin", _("商工組合中央金庫")
    SBIC = "sbic", _("中小企業投資育成株式会社")
    PRIVATE_BANK = "private_bank", _("民間金融機関")
    OTHER = "other", _("その他の支援機関")


class OrganisationKind(models.TextChoices):
    """The kinds of support body (支援機関, DOMAIN.md §12) whose staff act for a firm."""

    SHOKOKAI = "shokokai", _("商工会")
    CHAMBER = "chamber", _("商工会議所")
    SUPPORT_CENTRE = "support_centre", _("中小企業支援センター")
    CERTIFIED = "certified", _("認定経営革新等支援機関")
    BANK = "bank", _("金融機関")
    GYOSEISHOSHI = "gyoseishoshi", _("行政書士")


# Who may be granted `submit` unless the authority says otherwise (改正行政書士法 第19条: a
# 行政書士, or an unpaid public body).
SUBMIT_KINDS_DEFAULT = (
    OrganisationKind.GYOSEISHOSHI.value,
    OrganisationKind.SHOKOKAI.value,
    OrganisationKind.CHAMBER.value,
    OrganisationKind.SUPPORT_CENTRE.value,
)


class DelegationScope(models.TextChoices):
    """What a firm lets a support body's user do for it (a delegation's scopes)."""

    VIEW = "view", _("閲覧")
    COMMENT = "comment", _("助言コメント")
    EDIT = "edit", _("下書きの編集")
    CONFIRM = "confirm", _("事前確認")
    CORRECT = "correct", _("補正への対応")
    SUBMIT = "submit", _("提出")


class Step(models.TextChoices):
    """Steps of the procedure as recorded in the history."""

    DRAFT = "draft", _("作成")
    SUBMISSION = "submission", _("提出")
    INTAKE = "intake", _("受付")
    CORRECTION = "correction", _("補正")
    REVIEW = "review", _("審査")
    DECISION = "decision", _("決裁")
    WITHDRAWAL = "withdrawal", _("取下げ")
    # Revocation of an approval (DOMAIN.md §10): its own procedure, not a staff step of the flow.
    REVOCATION = "revocation", _("取消し手続")
    DISCONTINUATION = "discontinuation", _("廃止")
    FOLLOW_UP = "follow_up", _("フォローアップ調査")
    CHANGE = "change", _("変更承認申請")


class Action(models.TextChoices):
    """What a history row records (its `action`); the label is the precise one staff read."""

    CREATE = "create", _("作成")
    SUBMIT = "submit", _("提出")
    RESUBMIT = "resubmit", _("再提出")
    WITHDRAW = "withdraw", _("取下げ")
    ACCEPT = "accept", _("受付")
    RETURN = "return", _("補正依頼")
    RECOMMEND_APPROVAL = "recommend_approval", _("承認が適当")
    RECOMMEND_REFUSAL = "recommend_refusal", _("不承認が適当")
    APPROVE = "approve", _("承認")
    REFUSE = "refuse", _("不承認")
    SEND_BACK = "send_back", _("審査に差戻し")
    DOWNLOAD_ATTACHMENT = "download_attachment", _("添付書類のダウンロード")
    DELETE_ATTACHMENT = "delete_attachment", _("添付書類の削除")
    WITHDRAW_ATTACHMENT = "withdraw_attachment", _("添付書類の取り下げ（次の版から）")
    RESTORE_ATTACHMENT = "restore_attachment", _("添付書類の取り下げの取消し")
    DOWNLOAD_NOTICE = "download_notice", _("通知書のダウンロード")
    DOWNLOAD_FORM = "download_form", _("申請書PDFのダウンロード")
    DOWNLOAD_LETTER = "download_letter", _("委任状のダウンロード")
    RETRY_NOTICE = "retry_notice", _("通知書の再発行")
    RETRY_MAIL = "retry_mail", _("メールの再送")
    REVOCATION_OPEN = "revocation_open", _("取消し手続の開始（聴聞通知）")
    REVOCATION_HEARING = "revocation_hearing", _("聴聞の記録")
    REVOKE = "revoke", _("承認の取消し")
    REVOCATION_KEEP = "revocation_keep", _("取消しをしない（承認維持）")
    DISCONTINUE = "discontinue", _("廃止")
    REQUEST_FOLLOW_UP = "request_follow_up", _("フォローアップ調査の依頼")
    SUBMIT_FOLLOW_UP = "submit_follow_up", _("フォローアップ調査の回答")
    CHANGE_OPEN = "change_open", _("変更承認申請の作成")
    CHANGE_APPROVE = "change_approve", _("変更の承認")
    CHANGE_REFUSE = "change_refuse", _("変更の不承認")
    # A support body's 事前確認 of the draft (DOMAIN.md §12): a record, never a gate.
    SUPPORT_CONFIRM = "support_confirm", _("事前確認")


class Decision(models.TextChoices):
    """What a person decides at a step of the flow; the label is the button's."""

    ACCEPT = "accept", _("受け付ける")
    RETURN = "return", _("補正を依頼する")
    RESUBMIT = "resubmit", _("再提出する")
    RECOMMEND_APPROVAL = "recommend_approval", _("承認が適当と判断する")
    RECOMMEND_REFUSAL = "recommend_refusal", _("不承認が適当と判断する")
    APPROVE = "approve", _("承認する")
    REFUSE = "refuse", _("不承認とする")
    SEND_BACK = "send_back", _("審査に差し戻す")


# The step of the procedure an application is at, by its status (for history rows about its
# files, and for the open task its flow must have while it is in the procedure).
STEP_OF_STATUS = {
    Status.DRAFT: Step.DRAFT,
    Status.SUBMITTED: Step.INTAKE,
    Status.RETURNED: Step.CORRECTION,
    Status.UNDER_REVIEW: Step.REVIEW,
    Status.AWAITING_DECISION: Step.DECISION,
    Status.APPROVED: Step.DECISION,
    Status.REFUSED: Step.DECISION,
    Status.WITHDRAWN: Step.WITHDRAWAL,
    Status.DISCONTINUED: Step.DECISION,
    Status.REVOKED: Step.DECISION,
}

# The decisions each step of the flow offers, in the order the task page shows them.
STEP_DECISIONS = {
    Step.INTAKE: (Decision.ACCEPT, Decision.RETURN),
    Step.CORRECTION: (Decision.RESUBMIT,),
    Step.REVIEW: (Decision.RECOMMEND_APPROVAL, Decision.RECOMMEND_REFUSAL, Decision.RETURN),
    Step.DECISION: (Decision.APPROVE, Decision.REFUSE, Decision.SEND_BACK),
}
# The steps staff take (the correction is the applicant's).
STAFF_STEPS = (Step.INTAKE, Step.REVIEW, Step.DECISION)
# The history actions that record a member of staff deciding at a step (not a download).
STEP_DECISION_ACTIONS = frozenset(
    {
        Action.ACCEPT,
        Action.RETURN,
        Action.RECOMMEND_APPROVAL,
        Action.RECOMMEND_REFUSAL,
        Action.APPROVE,
        Action.REFUSE,
        Action.SEND_BACK,
    }
)


class Recommendation(models.TextChoices):
    """The reviewer's recommendation (審査結果) on a version."""

    APPROVAL = "approval", _("承認が適当")
    REFUSAL = "refusal", _("不承認が適当")
    RETURN = "return", _("補正が必要")


class ApprovalKind(models.TextChoices):
    NEW = "new", _("新規計画の承認")
    CHANGE = "change", _("変更計画の承認")


class MailState(models.TextChoices):
    QUEUED = "queued", _("送信待ち")
    SENT = "sent", _("送信済み")
    FAILED = "failed", _("送信失敗")


class BreakdownDimension(models.TextChoices):
    """What target ②'s drill-down groups a year's approvals by."""

    REGION = "region", _("地域")
    INDUSTRY = "industry", _("業種")
    ACTIVITY_TYPE = "activity_type", _("取組類型")


class PlanSection(models.TextChoices):
    """The sections of a plan a correction request (補正依頼) can name: the applicant's task
    list tags them 「修正が必要」 and the request links to them (approvals.presenters.tasklist)."""

    COMPANY = "company", _("企業情報")
    OVERVIEW = "overview", _("計画の概要")
    FIGURES = "figures", _("経営指標")
    SCHEDULE = "schedule", _("実施計画")
    FUNDING = "funding", _("資金計画")
    SUPPORT = "support", _("関係機関への連絡希望")
    ATTACHMENTS = "attachments", _("添付書類")


# Ready-made reasons the clerk can insert into a correction request (補正依頼).
CORRECTION_REASONS = (
    _("決算書が2期分ありません。直近2期分の決算書を添付してください。"),
    _(
        "履歴事項全部証明書が3か月以内のものではありません。発行から3か月以内のものを添付してください。"
    ),
    _("経営指標の数値の根拠が不明です。算出の根拠を示してください。"),
    _("実施計画の時期が計画期間と合っていません。"),
    _("資金計画の金額が設備投資額・運転資金と合っていません。"),
    _("法人番号が正しくありません。"),
)


class RevocationGround(models.TextChoices):
    """Why the authority considers revoking an approval (DOMAIN.md §10)."""

    NOT_CARRIED_OUT = "not_carried_out", _("計画が実施されていない")
    FALSE_STATEMENTS = "false_statements", _("虚偽の申請")
    UNAPPROVED_CHANGE = "unapproved_change", _("承認を受けない大幅な変更")


class RevocationDecision(models.TextChoices):
    """The end of a revocation case: revoke the approval, or keep it."""

    REVOKE = "revoke", _("承認を取り消す")
    KEEP = "keep", _("取り消さない（承認を維持する）")


class FollowUpKind(models.TextChoices):
    """Follow-up surveys of an approved plan (DOMAIN.md §10)."""

    INTERIM = "interim", _("中間調査")
    FINAL = "final", _("最終調査")
    ADHOC = "adhoc", _("随時調査")


class FollowUpStatus(models.TextChoices):
    """What is stored; 未回答 (`unanswered`) is shown, computed: requested and past due."""

    REQUESTED = "requested", _("回答待ち")
    SUBMITTED = "submitted", _("回答済み")
    CLOSED = "closed", _("終了")


# Shown for a survey still requested after its due date (never stored).
FOLLOW_UP_UNANSWERED = "unanswered"


class SupportUsed(models.TextChoices):
    """Support measures the firm used under the approved plan."""

    JFC_LOAN = "jfc_loan", _("日本政策金融公庫の融資")
    GUARANTEE = "guarantee", _("信用保証の別枠")
    SUBSIDY = "subsidy", _("補助金")
    PATENT_FEE = "patent_fee", _("特許料等の減免")
    OTHER = "other", _("その他")


class ItemProgress(models.TextChoices):
    """How far an item of the schedule (別表2) has got, as the firm reports it."""

    DONE = "done", _("実施済")
    IN_PROGRESS = "in_progress", _("実施中")
    NOT_STARTED = "not_started", _("未着手")
    STOPPED = "stopped", _("中止")


class ChangeItem(models.TextChoices):
    """What a change of an approved plan changes (変更承認申請, DOMAIN.md §10)."""

    TARGET = "target", _("目標・指標")
    CONTENT_TIMING = "content_timing", _("内容・実施時期")
    PERIOD_EXTENSION = "period_extension", _("計画期間延長")
    FUNDING_EQUIPMENT = "funding_equipment", _("資金計画・設備")
    NEW_BUSINESS = "new_business", _("新規事業追加")
    IMPLEMENTER = "implementer", _("実施主体の変更")
    OTHER = "other", _("その他")


# A changed plan may not end more than this many years after the original start (DOMAIN.md §10).
CHANGE_MAX_YEARS = 5
