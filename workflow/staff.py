"""The staff frontend under /staff/: viewflow's Site with the approval flow as its application.

viewflow's views do the work — the task lists, the process page, the flow chart, the node views
with their permission checks — and render the project's own templates (Japanese, no JavaScript,
the look of the portal). Staff roles only: the site asks for the process view permission that
`workflow.permissions` grants to staff roles, so applicants get 403 and anonymous visitors the
login page (`workflow.middleware`).

The queue leaves out the tasks a separation of duties forbids the user (their own company's
applications, the decision on an application they reviewed). Process cancel, bulk claim and
viewflow's kanban dashboard are not mounted: staff change an application only through its task.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import RedirectView, TemplateView
from viewflow.urls import Site
from viewflow.utils import viewprop
from viewflow.workflow.flow import FlowAppViewset
from viewflow.workflow.flow.views import (
    DashboardProcessListView,
    DetailProcessView,
    FlowArchiveListView,
    FlowInboxListView,
    FlowQueueListView,
)
from viewflow.workflow.models import Process

from approvals import processing
from workflow import services
from workflow.errors import FlowBusy, TaskForbidden, TaskNotOpen
from workflow.flows import ApplicationFlow
from workflow.lists import PROCESS_STEPS, ListFilterForm
from workflow.permissions import VIEW_PROCESS
from workflow.presenters import task_panel
from workflow.selectors import APPLICATION, active_task_counts, inbox_for, queue_for

_RELATED = ("process__applicationprocess__application__company", "owner")
# Sort keys of the queue and the inbox: the columns each sorts by, ascending.
TASK_SORTS = {
    "arrived": ["created", "id"],  # oldest first: the longest 経過日数 on top
    "reference": [f"{APPLICATION}__reference", "id"],
    "resubmissions": [f"-{APPLICATION}__version", "created", "id"],
    "failed": [f"-{APPLICATION}__acknowledged_failures", "created", "id"],
    # By the processing-period clock's due date, soonest first (the application's stored
    # processing_due_on, see StaffTaskListMixin.by_due); cases waiting for a correction have
    # none and come last either way.
    "due": [f"{APPLICATION}__processing_due_on", "created", "id"],
}
PROCESS_SORTS = {
    "started": ["-created", "-id"],  # newest first
    "reference": ["application__reference", "id"],
}


class StaffTaskListMixin:
    """The inbox, the queue and the archive as one table of applications."""

    template_name = "workflow/staff/task_list.html"
    filterset_class = None
    list_kind = ""
    heading = ""
    description = ""
    empty = ""

    filterable = False

    @cached_property
    def filters(self) -> ListFilterForm:
        return ListFilterForm(self.request.GET, sorts=TASK_SORTS, default_sort="arrived")

    def get_queryset(self):
        tasks = super().get_queryset().select_related(*_RELATED)
        if self.filterable:
            tasks = self.filters.order(self.filters.filter(tasks, APPLICATION, step_from_task=True))
            if self.filters.sort_key.lstrip("-") == "due":
                return self.by_due(tasks, descending=self.filters.sort_key.startswith("-"))
        return tasks

    def by_due(self, tasks, *, descending: bool):
        """The open tasks in order of their application's due date, sorted and paginated by
        the database on the date stored at each (re)submission (approvals.processing
        .store_due_on); the same date the page shows from the clock. Ties in arrival order,
        cases without a date (a correction awaited) last either way."""
        due = F(f"{APPLICATION}__processing_due_on")
        order = due.desc(nulls_last=True) if descending else due.asc(nulls_last=True)
        return tasks.order_by(order, "created", "id")

    def attach_clocks(self, tasks) -> None:
        """Each task's `clock` (its application's), two queries for the lot."""
        applications = [task.process.applicationprocess.application for task in tasks]
        processing.attach_clock_inputs(applications)
        for task, application in zip(tasks, applications, strict=True):
            task.clock = processing.clock_of(application, self.clock_cache)

    @cached_property
    def clock_cache(self) -> dict:
        return {}

    def paginate_queryset(self, queryset, page_size):
        paginator, page, tasks, is_paginated = super().paginate_queryset(queryset, page_size)
        tasks = list(tasks)
        if self.filterable:  # the queue and the inbox show the due date
            self.attach_clocks(tasks)
        page.object_list = tasks
        return paginator, page, tasks, is_paginated

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filters=self.filters if self.filterable else None,
            sort_headers={key: self.filters.header(key) for key in TASK_SORTS},
            list_kind=self.list_kind,
            heading=self.heading,
            description=self.description,
            empty=self.empty,
            **kwargs,
        )


class InboxView(StaffTaskListMixin, FlowInboxListView):
    list_kind = "inbox"
    heading = _("担当中のタスク")
    description = _("あなたが担当しているタスクです。開いて内容を確認し、判断してください。")
    empty = _("担当中のタスクはありません。キューから担当するタスクを選んでください。")
    filterable = True

    @viewprop
    def queryset(self):
        return inbox_for(self.request.user).order_by("created")


class QueueView(StaffTaskListMixin, FlowQueueListView):
    list_kind = "queue"
    heading = _("キュー（未担当のタスク）")
    description = _(
        "あなたの役割で担当できる、まだ誰も担当していないタスクです。"
        "自社の申請や、あなたが審査した申請の決裁は表示されません。"
    )
    empty = _("担当できるタスクはありません。")
    filterable = True

    @viewprop
    def queryset(self):
        return queue_for(self.request.user).order_by("created")


class ArchiveView(StaffTaskListMixin, FlowArchiveListView):
    list_kind = "archive"
    heading = _("処理済みのタスク")
    description = _("あなたが処理したタスクです。")
    empty = _("処理済みのタスクはまだありません。")

    @viewprop
    def queryset(self):
        tasks = ApplicationFlow.task_class.objects.user_archive(
            self.request.user, flow_class=ApplicationFlow
        )
        return tasks.order_by("-finished", "-pk")


class CountedPaginator(Paginator):
    """A paginator whose total comes from another, cheaper queryset with the same rows."""

    def __init__(self, object_list, per_page, *, counted, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.counted = counted

    @cached_property
    def count(self):
        return self.counted.count()


class ProcessListView(DashboardProcessListView):
    """Every application in the procedure, newest first; searchable by reference or company.

    viewflow's list annotates every process with its count of active tasks, so the database
    joins all processes to all tasks and groups them before taking the page (and the page
    count runs the same join). Here the page is taken from the process table alone and the
    active tasks are counted for the processes shown, in one more query.
    """

    template_name = "workflow/staff/process_list.html"
    filterset_class = None

    def get_queryset(self):
        # viewflow's own get_queryset is the one that annotates: skip it, keep its filter.
        processes = super(DashboardProcessListView, self).get_queryset()
        processes = processes.filter(flow_class=self.flow_class)
        processes = processes.select_related("application__company")
        query = self.request.GET.get("q", "").strip()
        if query:
            processes = processes.filter(
                Q(application__reference__icontains=query)
                | Q(application__company__name__icontains=query)
                | Q(application__theme__icontains=query)
            )
        processes = self.filters.filter(processes, "application", step_from_task=False)
        return self.filters.order(processes)

    @cached_property
    def filters(self) -> ListFilterForm:
        return ListFilterForm(
            self.request.GET, sorts=PROCESS_SORTS, steps=PROCESS_STEPS, default_sort="started"
        )

    def get_paginator(self, queryset, per_page, **kwargs):
        if self.request.GET.get("q", "").strip() or self.filters.filtered:
            return super().get_paginator(queryset, per_page, **kwargs)
        # Every process of the flow is an ApplicationProcess (the flow's process_class):
        # count the parent table alone, from its index, rather than through the join.
        counted = Process.objects.filter(flow_class=self.flow_class)
        return CountedPaginator(queryset, per_page, counted=counted, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        paginator, page, processes, is_paginated = super().paginate_queryset(queryset, page_size)
        processes = list(processes)
        counts = active_task_counts([process.pk for process in processes])
        for process in processes:
            process.active_tasks_count = counts.get(process.pk, 0)
        page.object_list = processes
        return paginator, page, processes, is_paginated

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "")
        return super().get_context_data(
            query=query,
            list_kind="processes",
            filters=self.filters,
            sort_headers={key: self.filters.header(key) for key in PROCESS_SORTS},
            **kwargs,
        )


class ProcessDetailView(DetailProcessView):
    """One application's procedure: its tasks, the chart with where it stands, the panel."""

    template_name = "workflow/staff/process_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object.application
        context["task_list"] = context["task_list"].select_related("owner")
        return {**context, "application": application, "panel": task_panel(application)}


class StaffHomeView(RedirectView):
    """/staff/: the inbox when something is assigned to the user, else the queue."""

    def get_redirect_url(self, *args, **kwargs):
        if inbox_for(self.request.user).exists():
            return reverse("staff:application:inbox")
        return reverse("staff:application:queue")


class NextTaskView(LoginRequiredMixin, View):
    """次のタスクを担当: claim the oldest task of the user's queue and open it.

    The queue is the user's (their role's steps, less what a separation of duties bars), and the
    claim is the service's (workflow.services.task_claim: the same checks and row locks as the
    claim page). Two clerks pressing at once race for the same oldest task: the one who gets
    the lock second finds it taken and goes on to the next, so each ends with a different task.
    """

    ATTEMPTS = 5

    def post(self, request, *args, **kwargs):
        user = request.user
        if not user.has_perm(VIEW_PROCESS):
            raise PermissionDenied
        tried = []
        for _attempt in range(self.ATTEMPTS):
            task = queue_for(user).exclude(pk__in=tried).order_by("created", "id").first()
            if task is None:
                messages.info(request, gettext("担当できるタスクはありません。"))
                return redirect(reverse("staff:application:queue"))
            try:
                services.task_claim(task=task, user=user)
            except (TaskNotOpen, TaskForbidden, FlowBusy):
                tried.append(task.pk)
                continue
            messages.success(request, gettext("担当しました。内容を確認して判断してください。"))
            return redirect(task.flow_task.reverse("execute", args=[task.process_id, task.pk]))
        messages.error(
            request, gettext("ほかの職員が同時に担当しています。もう一度押してください。")
        )
        return redirect(reverse("staff:application:queue"))


class ChartView(TemplateView):
    """The flow chart (viewflow draws it as SVG) on a page of its own."""

    template_name = "workflow/staff/chart.html"
    extra_context = {"list_kind": "chart"}


class StaffFlowViewset(FlowAppViewset):
    inbox_view_class = InboxView
    queue_view_class = QueueView
    archive_view_class = ArchiveView
    process_list_view_class = ProcessListView
    process_detail_view_class = ProcessDetailView

    # Not mounted (see the module docstring).
    process_cancel_path = None
    task_list_path = None
    tasks_assign_path = None
    tasks_unassign_path = None

    @property
    def index_path(self):
        return path("", StaffHomeView.as_view(), name="index")

    @property
    def next_task_path(self):
        return path("next/", NextTaskView.as_view(), name="next_task")

    @property
    def chart_page_path(self):
        return path("chart/page/", ChartView.as_view(), name="chart_page")

    def get_context_data(self, request):
        """Added to every page of the staff site (viewflow's SiteMiddleware)."""
        return {
            "staff_counts": {
                "inbox": inbox_for(request.user).count(),
                "queue": queue_for(request.user).count(),
            }
        }


staff_site = Site(
    title=_("経営革新計画 職員ページ"),
    app_name="staff",
    permission=VIEW_PROCESS,
    viewsets=[StaffFlowViewset(ApplicationFlow, icon="assignment")],
)
