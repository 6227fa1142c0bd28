"""The API answers as its OpenAPI schema says, whatever a client sends: schemathesis fuzzes
every operation of `/api/v1/schema/` in-process (Django's WSGI handler, no server), once as an
applicant and once as staff, with data that fits the schema and data that does not, and finds
no server error (5xx), no response the schema does not describe (its status code, content type,
headers and body), and no schema-violating request accepted (the schema no narrower than the
server). Valid data may still be refused (400): the schema cannot say the rules that need the
day or the state (a plan start in the window around today, the decision the task's step
offers, the comment a refusal needs, a corporate number's check digit, a password), so
schemathesis's `positive_data_acceptance` is not among the checks.

Path parameters are often steered to objects that exist (the applicant's draft, an application
at each step, its tasks and attachments), so the fuzz reaches the views' real work rather than
their 404s. Each example runs in a savepoint rolled back after it, with the cache (throttles)
cleared, so a DELETE or a logout in one example leaves the next one the same world, and the
outcome depends on the examples alone (`derandomize`).
"""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from knox.models import AuthToken
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from documents.models import Attachment
from tests import factories
from tests.api.task_support import make_staff
from workflow import services
from workflow.flows import ApplicationFlow
from workflow.services import open_task

MISSING = 999_999  # an id no object has
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    # One world per test, shared by its examples (each rolled back): what the check warns of.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    # No shrinking: each step of it is a request; the failing example is reported as found.
    phases=[Phase.explicit, Phase.generate],
)


@pytest.fixture
def wsgi_app(db):
    """Django's WSGI handler, used inside the test's transaction: a real server closes the
    database connection around each request (close_old_connections), which would end the test
    transaction; Django's own test client leaves it open in the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(wsgi_app):
    return schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi_app)


def _step(application, step: str, user, decision: str, comment: str = "") -> None:
    services.task_complete(
        task=open_task(application, step), user=user, decision=decision, comment=comment
    )


@pytest.fixture
def world(applicant, company, other_company):
    """An application at every point of the procedure, and who acts on them."""
    staff = make_staff()
    staff["policy"] = factories.make_user("policy", username="policy")

    def submitted():
        application = factories.make_application(company, applicant)
        return services.application_submit(
            application=application, actor=applicant, acknowledge_failures=False
        )

    draft = factories.make_application(company, applicant)
    at_intake = submitted()
    returned = submitted()
    _step(returned, "intake", staff["intake"], "return", "資金計画を補ってください。")
    at_review = submitted()
    _step(at_review, "intake", staff["intake"], "accept")
    at_decision = submitted()
    _step(at_decision, "intake", staff["intake"], "accept")
    _step(at_decision, "review", staff["reviewer"], "recommend_approval", "審査意見")
    approved = submitted()
    _step(approved, "intake", staff["intake"], "accept")
    _step(approved, "review", staff["reviewer"], "recommend_approval", "審査意見")
    _step(approved, "decision", staff["approver"], "approve")
    others = factories.make_application(other_company)
    applications = [draft, at_intake, returned, at_review, at_decision, approved, others]
    ids = [a.pk for a in applications]
    return {
        "tokens": {role: _token(user) for role, user in {"applicant": applicant, **staff}.items()},
        "staff": sorted(staff),
        "ids": {
            "application": ids,
            "attachment": list(
                Attachment.objects.filter(application__in=ids).values_list("pk", flat=True)
            ),
            "task": list(ApplicationFlow.task_class.objects.values_list("pk", flat=True)),
            "number": [1, 2],
            "code": ["target-2"],
        },
    }


def _token(user) -> str:
    _instance, token = AuthToken.objects.create(user=user)
    return token


def _kind_of(path: str) -> str:
    if path.startswith("/api/v1/tasks/"):
        return "task"
    if path.startswith("/api/v1/attachments/"):
        return "attachment"
    return "application"


def _steer(case, data, ids: dict) -> None:
    """Name objects that exist in the path (or one that does not, `MISSING`): a random id is a
    404 before any of the view's work."""
    for name in list(case.path_parameters or {}):
        known = ids[_kind_of(case.path) if name == "id" else name]
        case.path_parameters[name] = data.draw(st.sampled_from([*known, MISSING]), label=name)


def _call(case, token: str) -> None:
    cache.clear()
    with transaction.atomic():
        case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)
        transaction.set_rollback(True)


def _fuzz(schema, world, roles: list[str]) -> list[str]:
    """Every operation with positive and negative data; what each failed with."""
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        cases = st.one_of(
            operation.as_strategy(GenerationMode.POSITIVE),
            operation.as_strategy(GenerationMode.NEGATIVE),
        )

        @FUZZ
        @given(case=cases, data=st.data())
        def run(case, data):
            _steer(case, data, world["ids"])
            role = data.draw(st.sampled_from(roles), label="role")
            _call(case, world["tokens"][role])

        try:
            run()
        except (Exception, BaseExceptionGroup) as error:  # every operation, not the first alone
            failures.append(f"{operation.label}: {error}")
    return failures


def test_api_as_applicant(api_schema, world):
    """An applicant with a company, drafts and plans at every step."""
    failures = _fuzz(api_schema, world, ["applicant"])
    assert not failures, "\n\n".join(failures)


def test_api_as_staff(api_schema, world):
    """Staff of each role (intake, review, decision, policy), with a task at every step."""
    failures = _fuzz(api_schema, world, world["staff"])
    assert not failures, "\n\n".join(failures)
