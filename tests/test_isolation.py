"""Every URL the site has × every role × another company's objects: nothing of company B reaches
anyone who may not see it, and nothing of B changes.

Generated from the URLconf, so a new endpoint is covered without anyone remembering to: each
pattern's parameters are filled with B's objects (`pk` after `applications/` is an application,
after `attachments/` an attachment, after `tasks/` a task; a staff task URL gets a task of its
node; an admin URL an object of its model), and a parameter nobody has said how to fill fails
the test — say what it stands for in `KWARG_KINDS` or `PK_AFTER`.

Company B has a draft, an application waiting for intake and an approved one with its notice.
Who may see what of B:
- B's own applicant: everything;
- the staff roles: B's submitted applications and what hangs on them, never the draft; the
  administrator also everything in the admin site (B's account included);
- applicant A, policy staff and anyone signed out: nothing of B;
- support bodies (DOMAIN.md §12): A's delegate, holding every scope from A, nothing of B; B's
  former delegate (its delegation revoked, another expired) nothing of B either.
The control: every URL naming an object of B answers someone who may see it (NOT_READ_BY_GET
lists the exceptions), so the URLs hold real objects and a denial means something.
A request is a leak when it answers 2xx on a URL naming an object the role may not see (after
redirects, unless it ended on a page naming no object: the sign-in page, a list), or when any
answer shows a marker of such an object (B's themes, B's name, B's address). Each role sends
GET to every URL, and POST (and PUT, PATCH, DELETE under /api/) where the object is not its to
see; afterwards everything B has is as it was. No answer may be a 5xx.
"""

import json
import re
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils import timezone
from knox.models import AuthToken

from approvals.constants import Action, DelegationScope
from approvals.followups.services import follow_up_request
from approvals.models import (
    Application,
    Delegation,
    FollowUp,
    Mail,
    SupportMember,
    SupportOrganisation,
)
from approvals.support import services as support_services
from documents.issued import notices
from tests import factories
from tests.api.task_support import make_staff, world
from workflow import services
from workflow.flows import ApplicationFlow
from workflow.services import open_task

ROLES = (
    "anonymous",
    "applicant",
    "policy",
    "intake",
    "reviewer",
    "approver",
    "admin",
    "support",
    "support_revoked",
)
STAFF = frozenset({"intake", "reviewer", "approver", "admin"})
OWNER = "owner"  # B's own applicant: the control

# What a URL parameter stands for, by its name.
KWARG_KINDS = {
    "attachment_pk": "attachment",  # with `pk` the application it belongs to
    "number": "version",  # an application's version number
    "delegation": "delegation",  # with `pk` an application someone acted on under it
    "mail_pk": "mail",  # with `pk` the application it was written about
    "process_pk": "staff task",  # with `task_pk`: a flow task of the node in the route
    "task_pk": "staff task",
    "object_id": "admin object",  # an object of the model in the admin route
    "id": "admin object",
    "content_type_id": "admin object",  # admin's view-on-site: a content type and an object
    "app_label": "public",  # the admin's index of one app
    "url": "public",  # the admin's catch-all (a 404 or a redirect to the slashed URL)
    "code": "public",  # a target series: policy figures, no company's data
    "key": "public",  # allauth's e-mail confirmation and password reset keys
    "uidb36": "public",
}
# `pk` by the route segment before it.
PK_AFTER = {
    "applications": "application",
    "attachments": "attachment",
    "tasks": "task",
    "follow-ups": "follow-up",
    "delegations": "delegation",
}

READINGS = (
    Action.DOWNLOAD_ATTACHMENT,
    Action.DOWNLOAD_NOTICE,
    Action.DOWNLOAD_FORM,
    Action.DOWNLOAD_LETTER,
)
DRAFT_THEME = "乙社ZQ非公開の下書き"
OPEN_THEME = "乙社ZQ受付待ちの計画"
APPROVED_THEME = "乙社ZQ認定済みの計画"
B_ADDRESS = "栄町9-9-9"


@dataclass(frozen=True)
class Pattern:
    route: str  # the whole route, prefixes included, as the URLconf spells it
    name: str | None  # namespaced URL name
    kwargs: tuple[str, ...]
    positional: int  # unnamed regex groups (the admin's simple-history view)
    admin: bool


@dataclass(frozen=True)
class Target:
    pattern: Pattern
    url: str
    subject: str  # "draft", "live" (submitted or decided), "account", "public"
    control: bool = True  # someone who may see the object opens it (see NOT_READ_BY_GET)


def _patterns() -> list[Pattern]:
    found = []

    def walk(resolver, route, namespace, kwargs, positional):
        for entry in resolver.url_patterns:
            own_kwargs, own_positional = _parameters(entry.pattern)
            here = route + str(entry.pattern)
            if isinstance(entry, URLResolver):
                ns = entry.namespace
                walk(
                    entry,
                    here,
                    f"{namespace}:{ns}" if namespace and ns else (ns or namespace),
                    kwargs + own_kwargs,
                    positional + own_positional,
                )
            elif isinstance(entry, URLPattern):
                name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
                found.append(
                    Pattern(
                        route=here,
                        name=name if entry.name else None,
                        kwargs=kwargs + own_kwargs,
                        positional=positional + own_positional,
                        admin=here.startswith(settings.ADMIN_URL),
                    )
                )

    walk(get_resolver(), "", "", (), 0)
    return found


def _parameters(pattern) -> tuple[tuple[str, ...], int]:
    if isinstance(pattern, RoutePattern):
        return tuple(pattern.converters), 0
    if isinstance(pattern, RegexPattern):
        regex = pattern.regex
        return tuple(regex.groupindex), regex.groups - len(regex.groupindex)
    raise AssertionError(f"unknown pattern type {type(pattern)}")


def _segment_before(route: str, kwarg: str) -> str:
    head = re.split(rf"<(?:\w+:)?{kwarg}>", route)[0]
    return head.rstrip("/").rsplit("/", 1)[-1]


def _node_of(route: str) -> str:
    return _segment_before(route, "task_pk")


def _admin_model(route: str):
    rest = route[len(settings.ADMIN_URL) :].split("/")
    try:
        return apps.get_model(rest[0], rest[1])
    except (LookupError, IndexError):
        return None


def _path(pattern: Pattern, values: dict, args: tuple = ()) -> str:
    """The URL of the pattern with these parameters (by substitution: some have no name)."""
    path = pattern.route
    for kwarg, value in values.items():
        path = re.sub(rf"\(\?P<{kwarg}>[^)]*\)", str(value), path)
        path = re.sub(rf"<(?:\w+:)?{kwarg}>", str(value), path)
    for value in args:
        path = re.sub(r"\((?!\?)[^)]*\)", str(value), path, count=1)
    path = path.replace("^", "").replace("$", "")
    assert "<" not in path and "(" not in path, f"{pattern.route}: unfilled in {path}"
    return "/" + path


class World:
    """Company B's objects, and what each URL parameter becomes for them."""

    def __init__(self, b_user, b_company):
        staff = make_staff()
        self.users = {
            "anonymous": None,
            "applicant": factories.make_user("applicant", username="applicant-a-iso@example.jp"),
            "policy": factories.make_user("policy", username="policy"),
            **staff,
            "admin": factories.make_user("admin", username="administrator"),
            OWNER: b_user,
        }
        a_company = factories.make_company(self.users["applicant"], name="株式会社甲工業")
        self.delegations = self._support_bodies(a_company, b_company, b_user)
        self.b_user = b_user
        self.b_company = b_company
        make = factories.make_application
        self.draft = make(b_company, b_user, theme=DRAFT_THEME)
        # B's open plan was filed by its 行政書士-like delegate (the 委任状 URL of staff).
        self.open = services.application_submit(
            application=make(b_company, b_user, theme=OPEN_THEME),
            actor=self.delegations[0].delegate,
            acknowledge_failures=False,
        )
        approved = make(b_company, b_user, theme=APPROVED_THEME)
        services.application_submit(application=approved, actor=b_user, acknowledge_failures=False)
        for step, decision, comment in (
            ("intake", "accept", ""),
            ("review", "recommend_approval", "審査意見"),
            ("decision", "approve", ""),
        ):
            user = staff[{"intake": "intake", "review": "reviewer", "decision": "approver"}[step]]
            task = open_task(approved, step)
            services.task_complete(task=task, user=user, decision=decision, comment=comment)
        self.approved = Application.objects.get(pk=approved.pk)
        notices.notice_issue(application_id=self.approved.pk)
        self.follow_up = follow_up_request(
            application=self.approved,
            actor=staff["intake"],
            kind="interim",
            on=timezone.localdate(),
        )
        AuthToken.objects.create(user=b_user)
        self.subject_of_application = {
            self.draft.pk: "draft",
            self.open.pk: "live",
            self.approved.pk: "live",
        }
        self.markers = {
            "draft": [DRAFT_THEME],
            # Staff see who applied: B's address is theirs to see with the application.
            "live": [OPEN_THEME, APPROVED_THEME, b_company.name, B_ADDRESS, b_user.email],
        }

    def _support_bodies(self, a_company, b_company, b_user) -> list:
        """A's delegate with every scope, B's former delegate (revoked; expired), and B's
        current delegation (with its 委任状) to a third person, for the delegation URLs."""
        organisation = SupportOrganisation.objects.create(kind="shokokai", name="湘南商工会")

        def member(username):
            user = factories.make_user("support", username=username)
            SupportMember.objects.create(user=user, organisation=organisation)
            return user

        def delegate(company, actor, user, scopes):
            return support_services.delegation_grant(
                company=company,
                actor=actor,
                username=user.username,
                scopes=scopes,
                valid_to=timezone.localdate() + timedelta(days=30),
                letter=factories.pdf_upload("委任状.pdf") if "submit" in scopes else None,
            )

        self.users["support"] = member("support-a-iso")
        delegate(a_company, self.users["applicant"], self.users["support"], DelegationScope.values)
        former = self.users["support_revoked"] = member("support-former-iso")
        revoked = delegate(b_company, b_user, former, DelegationScope.values)
        support_services.delegation_revoke(delegation=revoked, actor=b_user)
        expired = delegate(b_company, b_user, former, ["view"])
        Delegation.objects.filter(pk=expired.pk).update(
            valid_to=timezone.localdate() - timedelta(days=1)
        )
        current = delegate(b_company, b_user, member("support-b-iso"), ["view", "submit"])
        return [current]

    def applications(self):
        return [self.draft, self.open, self.approved]

    def tasks(self, node: str | None = None):
        tasks = ApplicationFlow.task_class.objects.filter(
            process__applicationprocess__application__company=self.b_company
        ).order_by("pk")
        if node is not None:
            tasks = tasks.filter(flow_task=getattr(ApplicationFlow, node, None))
        return list(tasks)

    def state(self) -> dict:
        """Everything B has. A download by someone who may read it is recorded in the
        application's history (that is the point), and a sign-in sets `last_login`."""
        applications = [world(a) for a in self.applications()]
        for a, state in zip(self.applications(), applications, strict=True):
            state["application"]["history"] = list(
                a.history.exclude(action__in=READINGS).values_list("pk", flat=True)
            )
        user = type(self.b_user).objects.filter(pk=self.b_user.pk)
        return {
            "applications": applications,
            "company": list(type(self.b_company).objects.filter(pk=self.b_company.pk).values()),
            "user": list(
                user.values(
                    *(f.name for f in user.model._meta.concrete_fields if f.name != "last_login")
                )
            ),
            "emails": list(EmailAddress.objects.filter(user=self.b_user).values()),
            "tokens": list(AuthToken.objects.filter(user=self.b_user).values()),
            "attachments": sorted(
                (a.pk, a.file.name) for app in self.applications() for a in app.attachments.all()
            ),
            "follow_ups": list(FollowUp.objects.filter(pk=self.follow_up.pk).values()),
            "delegations": list(Delegation.objects.filter(company=self.b_company).values()),
        }

    def admin_objects(self, model) -> list[tuple[object, str]]:
        """B's objects of an admin model with their subject, or any one object (public)."""
        company = self.b_company
        owned = {
            "approvals.company": [(company, "live")],
            "approvals.application": [
                (a, self.subject_of_application[a.pk]) for a in self.applications()
            ],
            "approvals.applicationversion": [
                (v, "live") for a in (self.open, self.approved) for v in a.versions.all()
            ],
            "approvals.approval": [(self.approved.approval, "live")],
            "approvals.mail": [
                (m, "live") for m in Mail.objects.filter(application__company=company)
            ],
            "accounts.user": [(self.b_user, "account")],
            "account.emailaddress": [
                (e, "account") for e in EmailAddress.objects.filter(user=self.b_user)
            ],
            "knox.authtoken": [(t, "account") for t in AuthToken.objects.filter(user=self.b_user)],
            "approvals.delegation": [(d, "account") for d in self.delegations],
            "viewflow.process": [
                (p, "live") for a in (self.open, self.approved) for p in a.processes.all()
            ],
            "viewflow.task": [(t, "live") for t in self.tasks()[:2]],
        }.get(model._meta.label_lower)
        if owned:
            return owned
        anything = model._default_manager.first()
        return [(anything, "public")] if anything is not None else [(None, "public")]


def _targets(pattern: Pattern, w: World) -> tuple[list[Target], str | None]:
    """The URLs of a pattern for B's objects, or why it cannot be filled."""
    kinds = {}
    for kwarg in pattern.kwargs:
        if kwarg == "pk":
            after = _segment_before(pattern.route, "pk")
            if after not in PK_AFTER:
                return [], f"`pk` after {after!r}"
            kinds[kwarg] = PK_AFTER[after]
        elif kwarg in KWARG_KINDS:
            kinds[kwarg] = KWARG_KINDS[kwarg]
        else:
            return [], f"parameter {kwarg!r}"
    if pattern.positional and not pattern.admin:
        return [], "unnamed parameters"
    values = set(kinds.values())

    if not kinds and not pattern.positional:
        return [Target(pattern, _path(pattern, {}), "public")], None
    if pattern.admin:
        return _admin_targets(pattern, w), None
    if values == {"public"}:
        filled = {k: "zq-1-zq" for k in kinds}
        if "code" in filled:
            from approvals.models import TargetSeries

            filled["code"] = TargetSeries.objects.values_list("code", flat=True).first() or "x"
        return [Target(pattern, _path(pattern, filled), "public")], None
    if values == {"staff task"}:
        # A node without a task in B's world gets a task of another node: a 404 for everyone.
        node_tasks = w.tasks(_node_of(pattern.route))
        return [
            Target(
                pattern,
                _path(pattern, {"process_pk": t.process_id, "task_pk": t.pk}),
                "live",
                control=bool(node_tasks),
            )
            for t in (node_tasks or w.tasks("intake"))[:1]
        ], None
    if kinds.get("pk") == "task":
        return [Target(pattern, _path(pattern, {"pk": t.pk}), "live") for t in w.tasks()[:2]], None
    if kinds.get("pk") == "delegation":
        return [
            Target(pattern, _path(pattern, {"pk": d.pk}), "account") for d in w.delegations
        ], None
    if kinds.get("pk") == "follow-up":
        return [Target(pattern, _path(pattern, {"pk": w.follow_up.pk}), "live")], None
    if kinds.get("pk") == "attachment":
        return [
            Target(pattern, _path(pattern, {"pk": a.pk}), w.subject_of_application[app.pk])
            for app in (w.draft, w.open)
            for a in app.attachments.all()[:1]
        ], None
    if kinds.get("pk") == "application":
        found = []
        for app in w.applications():
            filled = {"pk": app.pk}
            if "attachment_pk" in kinds:
                filled["attachment_pk"] = app.attachments.first().pk
            if "mail_pk" in kinds:
                mail = app.mails.first()
                filled["mail_pk"] = mail.pk if mail else 0
            if "number" in kinds:
                version = app.versions.order_by("number").first()
                filled["number"] = version.number if version else 1
            if "delegation" in kinds:
                filled["delegation"] = w.delegations[0].pk
            found.append(Target(pattern, _path(pattern, filled), w.subject_of_application[app.pk]))
        return found, None
    return [], f"parameters {sorted(kinds.items())}"


def _admin_targets(pattern: Pattern, w: World) -> list[Target]:
    if "content_type_id" in pattern.kwargs:  # view on site: B's application
        ct = ContentType.objects.get_for_model(Application)
        return [
            Target(
                pattern,
                _path(pattern, {"content_type_id": ct.pk, "object_id": app.pk}),
                w.subject_of_application[app.pk],
            )
            for app in w.applications()
        ]
    model = _admin_model(pattern.route)
    if model is None:  # the admin's app index, `app_label` in a regex
        values = {k: "approvals" for k in pattern.kwargs}
        return [Target(pattern, _path(pattern, values), "public")]
    found = []
    for obj, subject in w.admin_objects(model):
        pk = obj.pk if obj is not None else 1
        values = {k: pk for k in pattern.kwargs}
        # The edit history's page of one change: a change of this object (ids are not reset
        # between tests on PostgreSQL).
        change = obj.history.order_by("history_id").first() if pattern.positional else None
        args = (pk, change.pk if change else 1)[: pattern.positional]
        found.append(Target(pattern, _path(pattern, values, args), subject))
    return found


# 2xx answers on a URL naming an object that show nothing of it, by URL name and role.
ANSWERS_WITHOUT_THE_OBJECT = {
    # The figures table's live preview answers a signed-out browser with its "signed out, your
    # input is kept" fragment (htmx swaps only a 200), naming nothing of the application.
    ("approvals:application-figures-preview", "anonymous"),
}


def _may_see(role: str, target: Target) -> bool:
    if role == OWNER or target.subject == "public":
        return True
    if role == "admin" and target.pattern.admin:
        return True
    return role in STAFF and target.subject == "live"


def _hidden_markers(role: str, target: Target, w: World) -> list[str]:
    hidden = []
    for subject, markers in w.markers.items():
        probe = Target(target.pattern, target.url, subject)
        if not _may_see(role, probe):
            hidden += markers
    return hidden


def _names_an_object(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return bool(match.kwargs or match.args)


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return ""  # a file: judged by its status
    return response.content.decode("utf-8", errors="replace")


def _changes(before, after, where="") -> list[str]:
    if isinstance(before, dict) and isinstance(after, dict):
        keys = before.keys() | after.keys()
        return [
            c
            for k in sorted(keys, key=str)
            for c in _changes(before.get(k), after.get(k), f"{where}.{k}")
        ]
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [
            c
            for i, (b, a) in enumerate(zip(before, after, strict=True))
            for c in _changes(b, a, f"{where}[{i}]")
        ]
    return [] if before == after else [f"{where}: {before!r} → {after!r}"]


def _client(user) -> Client:
    client = Client(raise_request_exception=False)  # a 500 is reported with its URL
    if user is not None:
        client.force_login(user)
    return client


def _methods(role: str, target: Target) -> tuple[str, ...]:
    if role == OWNER or _may_see(role, target):
        return ("get",)  # reading only: what they may see they may also change, elsewhere
    if target.url.startswith("/api/"):
        return ("get", "post", "put", "patch", "delete")
    return ("get", "post")


BODY = {
    "theme": "乗っ取り",
    "decision": "accept",
    "comment": "横から",
    "confirm": "1",
    "acknowledge_failures": "true",
}


def _send(client, method: str, url: str):
    """The answer and the path it came from, redirects followed (a redirect to the sign-in
    page is an answer: nothing was shown)."""
    cache.clear()  # throttles count per user: thousands of requests are not an attack here
    if url.startswith("/api/"):
        if method == "get":
            return client.get(url), url
        body = json.dumps(BODY)
        return getattr(client, method)(url, body, content_type="application/json"), url
    response = client.get(url) if method == "get" else client.post(url, BODY)
    path = url
    for _hop in range(5):
        if response.status_code not in (301, 302, 303, 307, 308):
            break
        location = urlsplit(response["Location"])
        if location.path in (reverse("account_login"), reverse("admin:login")):
            break
        path = location.path
        response = client.get(path, dict(parse_qsl(location.query)))
    return response, path


@pytest.mark.django_db
def test_no_role_reaches_another_companys_objects(other_applicant, other_company):
    other_company.address = B_ADDRESS
    other_company.save()
    w = World(other_applicant, other_company)
    unmapped, targets = [], []
    for pattern in _patterns():
        found, why = _targets(pattern, w)
        if why:
            unmapped.append(f"{pattern.route} ({pattern.name}): {why}")
        targets += found
    assert not unmapped, (
        "URL patterns this test cannot fill — say what they stand for:\n" + "\n".join(unmapped)
    )

    before = w.state()
    problems, reached, sent = [], {}, 0
    for role in (OWNER, *ROLES):
        client = _client(w.users[role])
        for target in targets:
            for method in _methods(role, target):
                response, final = _send(client, method, target.url)
                sent += 1
                where = f"{role} {method.upper()} {target.url} ({target.subject})"
                status = response.status_code
                if status >= 500 or status == 429:
                    problems.append(f"{where}: {status}")
                    continue
                shown = 200 <= status < 300 and (final == target.url or _names_an_object(final))
                if (
                    not _may_see(role, target)
                    and shown
                    and (target.pattern.name, role) not in ANSWERS_WITHOUT_THE_OBJECT
                ):
                    problems.append(f"{where}: {status} at {final}")
                body = _body(response)
                for marker in _hidden_markers(role, target, w):
                    if marker in body or json.dumps(marker)[1:-1] in body:
                        problems.append(f"{where}: shows {marker!r}")
                if method == "get" and shown and _may_see(role, target):
                    reached.setdefault(target.pattern.route, set()).add(role)
        after = w.state()
        if after != before:
            problems.append(f"{role}: changed B's data: {_changes(before, after)}")
            before = after
    print(f"{len(targets)} URLs, {sent} requests")
    assert not problems, "\n".join(problems)

    # The control: each URL naming an object of B answers someone who may see it (B itself, a
    # member of staff, the administrator in the admin site), so the URLs are filled with real
    # objects and the denials above mean something.
    names = {t.pattern.name for t in targets}
    assert not NOT_READ_BY_GET - names, f"gone from the URLconf: {NOT_READ_BY_GET - names}"
    routes = {
        t.pattern.route
        for t in targets
        if t.subject != "public"
        and t.control
        and t.pattern.name not in NOT_READ_BY_GET
        and (t.pattern.name or "").rsplit(":", 1)[-1] not in FLOW_MANAGER_ACTIONS
    }
    unread = sorted(r for r in routes if not reached.get(r))
    assert not unread, "nobody opens these, are they filled right?\n" + "\n".join(unread)


# URLs naming an object that nobody opens with GET, by URL name.
NOT_READ_BY_GET = {
    # Actions that take POST only.
    "workflow_api:application-submit",
    "workflow_api:application-withdraw",
    "approvals_api:application-discontinue",
    "approvals_api:application-change",
    "workflow_api:task-claim",
    "workflow_api:task-complete",
    "documents:notice-retry",
    "approvals:mail-retry",
    "documents:attachment-delete",
    "documents:attachment-restore",
    "approvals:application-figures-preview",
    "approvals:application-copy",
    "approvals_api:application-revocation-hearing",
    "approvals_api:application-revocation-decide",
    "workflow:revocation-open",
    "workflow:revocation-hearing",
    "workflow:revocation-decide",
    # A revocation case and its documents exist once a case is opened: B's plan has none.
    "approvals_api:application-revocation",
    "documents_api:application-hearing-notice-pdf",
    "documents_api:application-revocation-notice-pdf",
    "documents:hearing-notice-download",
    "documents:revocation-notice-download",
    "approvals_api:follow-up-submit",
    # The records of the procedure are not deleted in the admin.
    "admin:approvals_application_delete",
    "admin:approvals_applicationversion_delete",
    "admin:approvals_approval_delete",
    "admin:approvals_mail_delete",
    # A delegation is revoked by the firm, never deleted (its row stays with revoked_at).
    "admin:approvals_delegation_delete",
    # No model has a page of its own on the site.
    "admin:view_on_site",
}
# viewflow's flow-manager actions on a task (and unassigning a task nobody holds): no role has
# them, the administrator included (workflow.permissions).
FLOW_MANAGER_ACTIONS = {"undo", "cancel", "revive", "unassign"}
