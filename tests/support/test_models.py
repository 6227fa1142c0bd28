"""Support organisations, their members and delegations as stored (DOMAIN.md §12)."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from approvals.constants import OrganisationKind
from approvals.models import Authority, Delegation, SupportOrganisation
from approvals.support.admin import SupportMemberForm
from tests import factories


@pytest.mark.django_db
def test_the_authority_offers_submit_to_gyoseishoshi_and_public_bodies_by_default():
    authority = Authority.current()
    assert authority.submit_allowed(OrganisationKind.GYOSEISHOSHI)
    assert authority.submit_allowed(OrganisationKind.SHOKOKAI)
    assert authority.submit_allowed(OrganisationKind.CHAMBER)
    assert authority.submit_allowed(OrganisationKind.SUPPORT_CENTRE)
    assert not authority.submit_allowed(OrganisationKind.BANK)
    assert not authority.submit_allowed(OrganisationKind.CERTIFIED)
    authority.submit_kinds = [OrganisationKind.GYOSEISHOSHI]
    authority.save()
    assert not Authority.current().submit_allowed(OrganisationKind.SHOKOKAI)


def test_registration_validity_bounds():
    organisation = SupportOrganisation(
        kind=OrganisationKind.CERTIFIED,
        name="横浜経営支援事務所",
        registration_valid_from=date(2025, 4, 1),
        registration_valid_to=date(2030, 3, 31),
    )
    assert not organisation.registered_on(date(2025, 3, 31))
    assert organisation.registered_on(date(2025, 4, 1))
    assert organisation.registered_on(date(2030, 3, 31))
    assert not organisation.registered_on(date(2030, 4, 1))
    assert SupportOrganisation(kind="bank", name="x").registered_on(date(1990, 1, 1))


@pytest.mark.django_db
def test_a_delegation_with_submit_needs_a_letter(company, applicant):
    organisation = SupportOrganisation.objects.create(kind="gyoseishoshi", name="行政書士事務所")
    delegate = factories.make_user("support", username="shoshi")
    with pytest.raises(IntegrityError), transaction.atomic():
        Delegation.objects.create(
            company=company,
            delegate=delegate,
            organisation=organisation,
            scope_submit=True,
            valid_to=timezone.localdate() + timedelta(days=30),
            created_by=applicant,
        )
    delegation = Delegation.objects.create(
        company=company,
        delegate=delegate,
        organisation=organisation,
        scope_edit=True,
        valid_to=timezone.localdate() + timedelta(days=30),
        created_by=applicant,
    )
    assert delegation.scopes == ["view", "edit"]
    assert delegation.has_scope("edit") and not delegation.has_scope("submit")


@pytest.mark.django_db
def test_only_a_user_with_the_support_role_alone_joins_an_organisation(company, applicant):
    organisation = SupportOrganisation.objects.create(kind="shokokai", name="三浦商工会")
    support = factories.make_user("support", username="shidoin")
    form = SupportMemberForm({"user": support.pk, "organisation": organisation.pk})
    assert form.is_valid(), form.errors
    form = SupportMemberForm({"user": applicant.pk, "organisation": organisation.pk})
    assert not form.is_valid()
    assert "支援機関" in str(form.errors["user"])


@pytest.mark.django_db
def test_adduser_makes_a_support_user():
    from django.core.management import call_command

    from accounts.models import User

    call_command("adduser", "keiei@example.jp", "--role", "support", "--password", "pw-123456789")
    user = User.objects.get(username="keiei@example.jp")
    assert user.roles == ["support"] and user.is_support and not user.is_applicant


@pytest.mark.django_db
def test_the_administrator_keeps_organisations_and_their_members(admin_client):
    client = admin_client
    support = factories.make_user("support", username="shidoin")
    response = client.post(
        "/admin/approvals/supportorganisation/add/",
        {
            "kind": "certified",
            "name": "湘南経営支援事務所",
            "region": "湘南",
            "registration_number": "関東第123号",
            "registration_valid_from": "2025-04-01",
            "registration_valid_to": "2030-03-31",
            "members-TOTAL_FORMS": "1",
            "members-INITIAL_FORMS": "0",
            "members-MIN_NUM_FORMS": "0",
            "members-MAX_NUM_FORMS": "1000",
            "members-0-user": str(support.pk),
            "members-0-title": "中小企業診断士",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    organisation = SupportOrganisation.objects.get(name="湘南経営支援事務所")
    assert organisation.members.get().user == support
