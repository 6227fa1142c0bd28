"""Support organisations, their members and delegations as stored (DOMAIN.md §12)."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from approvals.constants import OrganisationKind
from approvals.models import AdviceComment, Authority, Delegation, SupportOrganisation
from approvals.support import advice_services
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


@pytest.mark.django_db
def test_the_administrator_reads_confirmations_and_who_advised_but_not_the_advice(
    admin_client, client, delegated, delegate, draft
):
    delegated("view", "comment", "confirm")
    confirmation = advice_services.confirmation_record(
        application=draft, actor=delegate, comment="資金計画の整合を確認"
    )
    advice = advice_services.comment_add(
        application=draft, actor=delegate, section="figures", body="社外秘の助言"
    )
    listed = admin_client.get(reverse("admin:approvals_supportconfirmation_changelist"))
    assert listed.status_code == 200 and draft.reference in listed.content.decode()
    url = reverse("admin:approvals_supportconfirmation_change", args=[confirmation.pk])
    page = admin_client.get(url).content.decode()
    assert "資金計画の整合を確認" in page and confirmation.fingerprint in page
    admin_client.post(url, {"comment": "書き換え"})
    confirmation.refresh_from_db()
    assert confirmation.comment == "資金計画の整合を確認"
    assert admin_client.get(reverse("admin:approvals_supportconfirmation_add")).status_code == 403

    advice_list = admin_client.get(reverse("admin:approvals_advicecomment_changelist"))
    assert advice_list.status_code == 200 and "横須賀商工会" in advice_list.content.decode()
    advice_url = reverse("admin:approvals_advicecomment_change", args=[advice.pk])
    advice_page = admin_client.get(advice_url)
    assert advice_page.status_code == 200 and "経営指標" in advice_page.content.decode()
    assert "社外秘の助言" not in advice_page.content.decode()
    delete = reverse("admin:approvals_advicecomment_delete", args=[advice.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert AdviceComment.objects.filter(pk=advice.pk).exists()

    client.force_login(factories.make_user("policy", username="planner"))
    assert client.get(url).status_code == 403
    assert client.get(advice_url).status_code == 403
