"""Tasks as clients read them, and the body of a completion, validated before the flow moves."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from approvals import processing
from approvals.constants import STEP_DECISIONS, TEXT_MAX_LENGTH, Decision, PlanSection, Status, Step
from approvals.models import Review
from approvals.transitions import comment_required, correction_problems
from config.rest import ErrorSerializer
from workflow.constants import API_TASK_STATUS, API_TASK_STATUSES
from workflow.flows import step_of

TASK_STEPS = tuple(step.value for step in STEP_DECISIONS)
DECISION_CODES = sorted(Decision.values)


class TaskQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=["open", "done", "all"],
        default="open",
        help_text=_("open: 今対応できるもの、done: 自分が処理したもの、all: 両方"),
    )


class TaskListSerializer(serializers.ListSerializer):
    """A page of tasks: the clock's inputs of their applications read at once, not per row."""

    def to_representation(self, data):
        tasks = list(data.all() if hasattr(data, "all") else data)
        processing.attach_clock_inputs(t.process.applicationprocess.application for t in tasks)
        return super().to_representation(tasks)


class TaskSerializer(serializers.Serializer):
    """One task; the queryset annotates `application_id` and joins the application."""

    class Meta:
        list_serializer_class = TaskListSerializer

    id = serializers.IntegerField()
    application = serializers.IntegerField(source="application_id")
    reference = serializers.SerializerMethodField()
    application_status = serializers.SerializerMethodField()
    step = serializers.SerializerMethodField()
    step_display = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    owner = serializers.CharField(source="owner.username", allow_null=True, read_only=True)
    created = serializers.DateTimeField()
    assigned = serializers.DateTimeField(allow_null=True)
    finished = serializers.DateTimeField(allow_null=True)
    due = serializers.SerializerMethodField()
    decisions = serializers.SerializerMethodField()

    def _application(self, task):
        return task.process.applicationprocess.application

    def get_reference(self, task) -> str:
        return self._application(task).reference

    @extend_schema_field(serializers.ChoiceField(choices=Status.choices))
    def get_application_status(self, task) -> str:
        return self._application(task).status

    @extend_schema_field(serializers.ChoiceField(choices=TASK_STEPS))
    def get_step(self, task) -> str:
        return step_of(task)

    def get_step_display(self, task) -> str:
        return str(Step(step_of(task)).label)

    @extend_schema_field(serializers.ChoiceField(choices=API_TASK_STATUSES))
    def get_status(self, task) -> str:
        return API_TASK_STATUS[task.status]

    @extend_schema_field(
        serializers.DateField(
            allow_null=True,
            help_text=_("申請の標準処理期間の末日（due_on）。補正中は未定"),
        )
    )
    def get_due(self, task) -> str | None:
        clock = processing.clock_of(self._application(task), self.context)
        return clock.due_on.isoformat() if clock and clock.due_on else None

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(DECISION_CODES)))
    def get_decisions(self, task) -> list[str]:
        return [d.value for d in STEP_DECISIONS[step_of(task)]]


def _at_step(step: Step) -> type[TaskSerializer]:
    """TaskSerializer as the schema shows a task at `step`: that step, and the decisions it
    offers (plain enums: no component each)."""
    offered = [d.value for d in STEP_DECISIONS[step]]

    @extend_schema_field({"type": "string", "enum": [step.value]})
    def get_step(self, task) -> str:
        return TaskSerializer.get_step(self, task)

    @extend_schema_field({"type": "array", "items": {"type": "string", "enum": offered}})
    def get_decisions(self, task) -> list[str]:
        return TaskSerializer.get_decisions(self, task)

    name = f"{step.value.capitalize()}Task"
    return type(name, (TaskSerializer,), {"get_step": get_step, "get_decisions": get_decisions})


# The schema of a task: one shape per step, told apart by `step`, each with its own decisions
# (what `complete/` accepts as `decision` for that task).
TASK_SCHEMA = PolymorphicProxySerializer(
    component_name="Task",
    serializers={step.value: _at_step(step) for step in STEP_DECISIONS},
    resource_type_field_name="step",
)
TASK_LIST_SCHEMA = PolymorphicProxySerializer(
    component_name="Task",
    serializers={step.value: _at_step(step) for step in STEP_DECISIONS},
    resource_type_field_name="step",
    many=True,
)


class ChecklistSerializer(serializers.Serializer):
    """Review: the four checklist items. Correction: `acknowledge_failures`."""

    novelty = serializers.BooleanField(required=False)
    feasibility = serializers.BooleanField(required=False)
    funding = serializers.BooleanField(required=False)
    policy = serializers.BooleanField(required=False)
    acknowledge_failures = serializers.BooleanField(
        required=False,
        help_text=_("補正の再提出で、基準を満たさない項目があることを確認する"),
    )

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(str(k) for k in data if k not in self.fields)
            if unknown:
                raise serializers.ValidationError(
                    _("使えない項目です: %(keys)s") % {"keys": ", ".join(unknown)}
                )
        return super().to_internal_value(data)


class TaskCompleteSerializer(serializers.Serializer):
    """The decision on a task; the step comes in the context (`step`)."""

    decision = serializers.ChoiceField(
        choices=DECISION_CODES,
        help_text=_(
            "intake: accept|return, correction: resubmit, review: recommend_approval|"
            "recommend_refusal|return, decision: approve|refuse|send_back"
        ),
    )
    comment = serializers.CharField(
        max_length=TEXT_MAX_LENGTH,
        allow_blank=True,
        default="",
        help_text=_(
            "申請者への連絡: 申請者に表示されます（補正依頼では依頼の内容、不承認では理由で、"
            "どちらも必須）。補正の再提出では申請者の回答"
        ),
    )
    memo = serializers.CharField(
        max_length=TEXT_MAX_LENGTH,
        allow_blank=True,
        default="",
        help_text=_("内部メモ: 申請者には表示されません（審査では審査意見）"),
    )
    sections = serializers.ListField(
        child=serializers.ChoiceField(choices=PlanSection.choices),
        default=list,
        max_length=len(PlanSection.choices),
        help_text=_("補正依頼のとき: 修正が必要な項目"),
    )
    due_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("補正依頼のとき: 補正期限（省略時は承認権者の設定の日数後）"),
    )
    checklist = ChecklistSerializer(required=False, allow_null=True, default=dict)

    def validate(self, attrs):
        step = self.context["step"]
        decision = attrs["decision"]
        offered = [d.value for d in STEP_DECISIONS[step]]
        if decision not in offered:
            raise serializers.ValidationError(
                {
                    "decision": [
                        _("この手続（%(step)s）で選べる判断は %(choices)s です。")
                        % {"step": Step(step).label, "choices": ", ".join(offered)}
                    ]
                }
            )
        message = comment_required(step, decision)
        if message and not attrs["comment"].strip():
            raise serializers.ValidationError({"comment": [message]})
        if decision == Decision.RETURN:
            problems = correction_problems(attrs.get("sections"), attrs.get("due_on"))
            if problems:
                raise serializers.ValidationError({k: [v] for k, v in problems.items()})
        attrs["checklist"] = attrs.get("checklist") or {}
        return attrs

    def service_kwargs(self) -> dict:
        """Keyword arguments of `workflow.services.task_complete` for this step."""
        data = self.validated_data
        checklist = data["checklist"]
        kwargs = {"decision": data["decision"], "comment": data["comment"], "memo": data["memo"]}
        if data["decision"] == Decision.RETURN:
            kwargs["sections"] = data["sections"]
            kwargs["due_on"] = data["due_on"]
        step = self.context["step"]
        if step == Step.REVIEW:
            kwargs["checklist"] = {item: checklist.get(item, False) for item in Review.CHECKLIST}
        if step == Step.CORRECTION:
            kwargs["acknowledge_failures"] = checklist.get("acknowledge_failures", False)
        return kwargs


class TaskConflictSerializer(ErrorSerializer):
    """409 on a task: who holds it, or who decided it and when."""

    status = serializers.ChoiceField(choices=API_TASK_STATUSES)
    owner = serializers.CharField(allow_null=True)
    decided_by = serializers.CharField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
