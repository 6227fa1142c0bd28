"""The domain models of approvals, by capability (re-exported here for Django and callers)."""

from approvals.models.change import ChangeApproval, ChangeRequest
from approvals.models.clock import ClosureDay
from approvals.models.company import (
    Company,
    postal_code_validator,
    quarter_validator,
    validate_corporate_number,
)
from approvals.models.decision import (
    Approval,
    ApprovalCounter,
    Authority,
    DocumentCounter,
    Refusal,
    Review,
    validate_number_format,
)
from approvals.models.followup import FollowUp, FollowUpFigures, FollowUpItem
from approvals.models.particulars import CompanyEvidence, CompanyReport
from approvals.models.plan import (
    Application,
    ApplicationActivity,
    FundingItem,
    ScheduleItem,
    SupportContact,
    YearFigures,
)
from approvals.models.records import ApplicationVersion, HistoryEntry, Mail, SectionDraft
from approvals.models.revocation import RevocationCase
from approvals.support.advice import AdviceComment, SupportConfirmation
from approvals.support.models import Delegation, SupportMember, SupportOrganisation
from approvals.targets.models import (
    ApprovalBreakdownCount,
    ApprovalDayCount,
    LegacyApproval,
    ProcessingTimeCount,
    TargetRevision,
    TargetSeries,
    TargetYear,
)

__all__ = [
    "Application",
    "Approval",
    "ApprovalBreakdownCount",
    "ApprovalCounter",
    "DocumentCounter",
    "ApprovalDayCount",
    "ProcessingTimeCount",
    "Authority",
    "Refusal",
    "Review",
    "validate_number_format",
    "ApplicationActivity",
    "ApplicationVersion",
    "Company",
    "FundingItem",
    "HistoryEntry",
    "LegacyApproval",
    "Mail",
    "SectionDraft",
    "TargetRevision",
    "TargetSeries",
    "TargetYear",
    "ScheduleItem",
    "SupportContact",
    "YearFigures",
    "postal_code_validator",
    "quarter_validator",
    "validate_corporate_number",
    "RevocationCase",
    "CompanyEvidence",
    "CompanyReport",
    "FollowUp",
    "FollowUpFigures",
    "FollowUpItem",
    "ClosureDay",
    "ChangeRequest",
    "ChangeApproval",
    "Delegation",
    "SupportMember",
    "SupportOrganisation",
    "AdviceComment",
    "SupportConfirmation",
]
