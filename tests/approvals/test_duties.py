"""Separation of duties (approvals.duties): nobody acts on an application of a company they
belong to, the decider is not one of the application's reviewers, and where the authority
keeps the steps apart (the default) intake, review and decision are three people.

The rule has two forms, `duty_conflict` for one application (services, task pages, API) and
`barred_applications` for the task lists; they must give the same answer everywhere.
"""

import pytest
from django.contrib.auth.models import Group

from approvals.constants import STAFF_STEPS, Recommendation, Step
from approvals.duties import barred_applications, duty_conflict
from approvals.models import Application, Authority, Review
from tests import factories


def reviewed_by(application, user):
    """A review of the application's current version by `user`, as the review step writes it."""
    return Review.objects.create(
        application=application,
        version=application.version,
        reviewer=user,
        recommendation=Recommendation.APPROVAL,
    )


@pytest.fixture
def official(db):
    """A member of staff who reviews and decides (both roles), of no company yet."""
    user = factories.make_user("approver", username="official")
    user.groups.add(Group.objects.get(name="reviewer"))
    return user


def barred_pks(user, step):
    """The applications the task lists leave out for `user` at `step`."""
    barred = barred_applications(user, step=step)
    return set(Application.objects.filter(pk__in=barred).values_list("pk", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize("step", STAFF_STEPS)
def test_own_company_is_refused_at_every_step(step, official, draft):
    """A member of staff who belongs to the applying company may not take its intake, review
    or decision, and is told why."""
    draft.company.members.add(official)
    reason = duty_conflict(application=draft, user=official, step=step)
    assert reason is not None
    assert "自社" in reason


@pytest.mark.django_db
def test_reviewer_may_not_decide(official, draft):
    """Whoever reviewed an application may not decide it (DOMAIN.md §7.6), and is told why."""
    reviewed_by(draft, official)
    reason = duty_conflict(application=draft, user=official, step=Step.DECISION)
    assert reason is not None
    assert "審査した職員は決裁できません" in reason


@pytest.mark.django_db
def test_reviewer_may_review_the_next_version(official, draft):
    """Having reviewed does not bar the review itself: the reviewer reviews the next version."""
    reviewed_by(draft, official)
    assert duty_conflict(application=draft, user=official, step=Step.REVIEW) is None


@pytest.mark.django_db
def test_the_steps_are_three_people_unless_the_authority_says_otherwise(official, draft):
    """By default whoever took one staff step of an application takes no other (the reviewer
    no intake either); an authority that lets one person take intake and review still never
    lets the reviewer decide."""
    reviewed_by(draft, official)
    reason = duty_conflict(application=draft, user=official, step=Step.INTAKE)
    assert reason == (
        "この申請の審査を担当した職員は受付を担当できません"
        "（一つの申請の受付・審査・決裁は、それぞれ別の職員が行います）。"
    )
    assert draft.pk in barred_pks(official, Step.INTAKE)

    Authority.objects.update_or_create(pk=1, defaults={"separate_step_staff": False})
    assert duty_conflict(application=draft, user=official, step=Step.INTAKE) is None
    assert draft.pk not in barred_pks(official, Step.INTAKE)
    assert duty_conflict(application=draft, user=official, step=Step.DECISION) is not None
    assert draft.pk in barred_pks(official, Step.DECISION)


@pytest.mark.django_db
@pytest.mark.parametrize("step", STAFF_STEPS)
def test_a_stranger_to_the_application_is_not_barred(step, official, draft):
    """Staff of no company who have not reviewed it may act at every step, even when a
    colleague reviewed it."""
    reviewed_by(draft, factories.make_user("reviewer"))
    assert duty_conflict(application=draft, user=official, step=step) is None
    assert draft.pk not in barred_pks(official, step)


@pytest.mark.django_db
@pytest.mark.parametrize("step", STAFF_STEPS)
def test_the_task_lists_bar_exactly_what_the_services_refuse(step, official, applicant):
    """For every step and every kind of application (own company, reviewed, both, neither),
    the applications left out of the user's task list are the ones the services refuse."""
    own_company = factories.make_company(applicant, name="株式会社自社")
    own_company.members.add(official)
    elsewhere = factories.make_company(factories.make_user(), name="株式会社他社")
    own = factories.make_application(own_company, complete=False)
    reviewed = factories.make_application(elsewhere, complete=False)
    both = factories.make_application(own_company, complete=False)
    neither = factories.make_application(elsewhere, complete=False)
    reviewed_by(reviewed, official)
    reviewed_by(both, official)
    reviewed_by(both, official)  # a second round of review: still one application
    reviewed_by(neither, factories.make_user("reviewer"))

    # A reviewer may review again, but take neither the intake nor the decision.
    expected = {own.pk, both.pk} | ({reviewed.pk} if step != Step.REVIEW else set())
    refused = {
        a.pk
        for a in (own, reviewed, both, neither)
        if duty_conflict(application=a, user=official, step=step) is not None
    }
    assert refused == expected
    assert barred_pks(official, step) == expected
