"""Reads on applications (approvals.selectors): who sees which, what a submission still lacks,
the self-check on typed or saved figures and by date, and the snapshot frozen into a version."""

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser

from approvals import selectors, services
from approvals.models import Application, Company
from tests import factories

TOKYO = ZoneInfo("Asia/Tokyo")


def submit(application):
    return services.application_submit(
        application=application, actor=application.created_by, acknowledge_failures=False
    )


def sections(application) -> list[str]:
    return [section for section, _message in selectors.incomplete_sections(application)]


def messages(application) -> str:
    return "\n".join(message for _section, message in selectors.incomplete_sections(application))


def blockers(application) -> list[str]:
    result = selectors.application_check(application)
    return selectors.submission_blockers(application, result)


# --- Who sees which application ----------------------------------------------------------------


@pytest.fixture
def four(company, other_company):
    """A draft and a submitted application of each of two companies."""
    return {
        "own_draft": factories.make_application(company),
        "own_submitted": submit(factories.make_application(company)),
        "other_draft": factories.make_application(other_company),
        "other_submitted": submit(factories.make_application(other_company)),
    }


def seen(user, four) -> set[str]:
    pks = set(selectors.applications_for_user(user).values_list("pk", flat=True))
    return {name for name, application in four.items() if application.pk in pks}


@pytest.mark.django_db
def test_applicant_sees_own_company_applications_drafts_included(applicant, other_applicant, four):
    """An applicant sees every application of their company, drafts too, and nothing of
    another company."""
    assert seen(applicant, four) == {"own_draft", "own_submitted"}
    assert seen(other_applicant, four) == {"other_draft", "other_submitted"}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["intake", "reviewer", "approver"])
def test_staff_see_every_submitted_application_and_no_draft(role, four):
    """Staff see the submitted applications of every company; a draft stays the applicant's."""
    assert seen(factories.make_user(role), four) == {"own_submitted", "other_submitted"}


@pytest.mark.django_db
def test_staff_still_see_an_application_once_withdrawn(intake_clerk, draft, applicant):
    """Once submitted an application stays visible to staff, even after its withdrawal."""
    submit(draft)
    services.application_withdraw(application=draft, actor=applicant)
    assert list(selectors.applications_for_user(intake_clerk)) == [draft]


@pytest.mark.django_db
def test_policy_staff_and_anonymous_visitors_see_no_application(four):
    """Policy staff see aggregates only, never an application; signed-out visitors nothing."""
    assert seen(factories.make_user("policy"), four) == set()
    assert seen(AnonymousUser(), four) == set()


# --- What a submission still lacks -------------------------------------------------------------


@pytest.mark.django_db
def test_a_complete_plan_lacks_nothing_and_may_be_submitted(draft):
    """With every section filled in, nothing is missing and nothing blocks the submission."""
    assert selectors.incomplete_sections(draft) == []
    assert blockers(draft) == []


@pytest.mark.django_db
def test_an_empty_plan_names_each_missing_part_by_section(company):
    """A new draft lists each missing item of the overview, then the schedule; without a plan
    period there are no figures to ask for yet."""
    empty = factories.make_application(company, complete=False)
    assert sections(empty) == ["overview"] * 7 + ["schedule"]
    text = messages(empty)
    for named in (
        "テーマ",
        "新事業活動の類型",
        "現在の事業内容",
        "経営革新の内容",
        "既存事業との相違点・新規性",
        "計画開始年月",
        "事業期間",
        "実施計画",
    ):
        assert named in text


@pytest.mark.django_db
def test_a_missing_figure_names_the_year_and_the_row(draft):
    """Every figure but the investment rows is needed for the base year and each plan year."""
    draft.figures.filter(year=2).update(total_salary=None)
    draft.figures.filter(year=0).update(capex=None, working_capital=None)
    assert selectors.incomplete_sections(draft) == [
        ("figures", "経営指標の2年目に未入力の項目があります: 給与支給総額")
    ]
    draft.figures.filter(year=3).delete()
    assert "経営指標の3年目（最終年度）に未入力の項目があります" in messages(draft)


@pytest.mark.django_db
@pytest.mark.parametrize(("end", "blocks"), [("3-4", False), ("4-1", True)])
def test_a_schedule_item_beyond_the_final_year_blocks(draft, end, blocks):
    """On a 3-year plan an item may end in the 4th quarter of year 3, not a quarter later."""
    services.application_set_schedule(
        application=draft, items=[{"item": "量産体制の構築", "start": "2-1", "end": end}]
    )
    if blocks:
        assert sections(draft) == ["schedule"]
        assert "実施計画「量産体制の構築」の終了（4年目 第1四半期）" in messages(draft)
        assert "3年目まで" in messages(draft)
        assert any("量産体制の構築" in reason for reason in blockers(draft))
    else:
        assert selectors.incomplete_sections(draft) == []
        assert blockers(draft) == []


@pytest.mark.django_db
def test_blockers_add_the_status_and_eligibility_to_the_missing_sections(applicant):
    """A submission is blocked by every missing item, by an ineligible firm, and once
    submitted by its status; each reason is said."""
    school = factories.make_company(applicant, legal_form="school")
    application = factories.make_application(school, complete=False)
    reasons = blockers(application)
    assert reasons[: len(sections(application))] == [
        m for _s, m in selectors.incomplete_sections(application)
    ]
    assert "学校法人は経営革新計画の対象外です。" in reasons

    draft = factories.make_application(factories.make_company(applicant, name="株式会社別件"))
    submit(draft)
    assert blockers(Application.objects.get(pk=draft.pk)) == [
        "この申請は現在の状態（提出済（受付待ち））では提出できません。"
    ]


@pytest.mark.django_db
def test_a_failing_criterion_is_no_blocker(draft):
    """A plan below a threshold may still be submitted (with the acknowledgement): the
    self-check fails but nothing blocks."""
    draft.figures.filter(year=3).update(total_salary=18_000)  # salaries flat: 0 % < 4.5 %
    result = selectors.application_check(draft)
    assert [c.code for c in result.failures] == ["total_salary"]
    assert selectors.submission_blockers(draft, result) == []


# --- The self-check: typed figures, and the rule set by date ----------------------------------


@pytest.mark.django_db
def test_the_live_check_judges_typed_figures_not_the_saved_ones(draft):
    """What the applicant is typing is judged before it is saved, and judging it saves
    nothing: the saved plan still passes."""
    typed = factories.passing_figures(3)
    typed[3] = typed[3] | {"total_salary": typed[0]["total_salary"]}  # salaries flat
    live = selectors.application_check(draft, figures=typed)
    assert live.passed is False
    assert [(c.code, c.final) for c in live.failures] == [("total_salary", 18_000)]

    saved = selectors.application_check(draft)
    assert saved.passed is True
    assert draft.figures.get(year=3).total_salary == 18_000 + 3 * 550


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("on", "rule_set", "indicator2"),
    [
        (date(2020, 9, 30), "2005", "ordinary_profit"),
        (date(2020, 10, 1), "2020", "total_salary"),
    ],
)
def test_the_check_uses_the_rule_set_in_force_on_the_date(draft, on, rule_set, indicator2):
    """A what-if date picks the rule set: 2005's up to 2020-09-30, 2020's from 2020-10-01."""
    result = selectors.application_check(draft, on=on)
    assert result.rule_set.code == rule_set
    assert result.criteria[-1].code == indicator2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("submitted_at", "rule_set"),
    [
        (datetime(2020, 9, 30, 23, 59, tzinfo=TOKYO), "2005"),
        (datetime(2020, 10, 1, 0, 0, tzinfo=TOKYO), "2020"),  # 2020-09-30 15:00 UTC
    ],
)
def test_a_submitted_plan_is_judged_on_its_submission_date_in_tokyo(draft, submitted_at, rule_set):
    """Once submitted, the plan is judged by the rule set of its Japanese submission date, not
    today's, and not the UTC date."""
    Application.objects.filter(pk=draft.pk).update(status="submitted", submitted_at=submitted_at)
    assert selectors.application_check(Application.objects.get(pk=draft.pk)).rule_set.code == (
        rule_set
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("today", "rule_set"), [(date(2020, 9, 30), "2005"), (date(2020, 10, 1), "2020")]
)
def test_a_draft_is_judged_by_the_rule_set_of_today(draft, monkeypatch, today, rule_set):
    """Before submission the self-check uses the rule set the plan would be judged by if it
    were submitted today (the date comes through `selectors.today`)."""
    monkeypatch.setattr(selectors, "today", lambda: today)
    assert selectors.application_check(draft).rule_set.code == rule_set


# --- The snapshot frozen into each version -----------------------------------------------------


@pytest.mark.django_db
def test_the_snapshot_holds_what_the_summary_shows(draft, company):
    """The company's particulars as they were, the figures of the plan period only (a year
    left over from a longer period is not shown), the schedule and the funding, in order."""
    services.application_set_figures(
        application=draft, rows={-1: factories.passing_figures(3)[0], 4: {"sales": 1}}
    )
    snapshot = selectors.application_snapshot(draft)

    for field in Company.PROFILE_FIELDS:
        expected = getattr(company, field)
        if field == "founded_on":
            expected = expected.isoformat()
        assert snapshot["company"][field] == expected, field
    assert snapshot["company"]["region"] == "横須賀三浦"
    assert [entry["year"] for entry in snapshot["figures"]] == [-1, 0, 1, 2, 3]
    final = snapshot["figures"][-1]
    assert (final["sales"], final["total_salary"]) == (115_000, 19_650)
    assert (final["value_added"], final["value_added_per_employee"]) == ("40500", "2025.0")
    assert snapshot["schedule"] == [
        {"item": "設備導入", "start": "1-1", "end": "1-2"},
        {"item": "試作・販路開拓", "start": "1-3", "end": "3-4"},
    ]
    assert snapshot["funding"] == [
        {"source": "private_loan", "amount": 4_000},
        {"source": "own_funds", "amount": 1_000},
    ]
    assert (snapshot["period_years"], snapshot["plan_start"]) == (3, factories.PLAN_START_MONTH)
    assert snapshot["activity_types"] == ["new_product"]
    assert snapshot["support_contacts"] == ["jfc"]


@pytest.mark.django_db
def test_the_snapshot_is_stored_in_the_version_as_it_was_made(draft):
    """The version staff read holds exactly the snapshot of the application when it was
    submitted: nothing is lost or changed by storing it."""
    snapshot = selectors.application_snapshot(draft)
    assert json.loads(json.dumps(snapshot)) == snapshot
    submitted = submit(draft)
    assert submitted.versions.get().data == snapshot


def _jurisdiction(application):
    result = selectors.application_check(application)
    return next(e for e in result.eligibility if e.code == "jurisdiction")


@pytest.mark.django_db
def test_the_jurisdiction_check_follows_the_authority_not_the_setting(settings, applicant):
    """One fact, one source: the admin's Authority.prefecture decides, whatever the setting."""
    from approvals.models import Authority

    settings.KAKUSHIN_PREFECTURE = "神奈川県"
    Authority.objects.filter(pk=Authority.current().pk).update(prefecture="東京都")
    kanagawa = factories.make_application(factories.make_company(applicant), applicant)
    assert not _jurisdiction(kanagawa).passed
    assert "東京都外" in _jurisdiction(kanagawa).message
    owner = factories.make_user("applicant")
    tokyo = factories.make_company(owner, prefecture="東京都", municipality="千代田区")
    assert _jurisdiction(factories.make_application(tokyo, owner)).passed


@pytest.mark.django_db
def test_the_setting_only_seeds_the_authority_row(settings):
    from approvals.models import Authority

    Authority.objects.all().delete()
    settings.KAKUSHIN_PREFECTURE = "静岡県"
    authority = Authority.current()
    assert (authority.prefecture, authority.governor_title) == ("静岡県", "静岡県知事")
    settings.KAKUSHIN_PREFECTURE = "愛知県"
    assert Authority.current().prefecture == "静岡県"


@pytest.mark.django_db
def test_the_municipality_list_applies_in_the_authority_prefecture_only():
    from approvals.models import Authority
    from approvals.models.company import municipality_problem

    assert municipality_problem("神奈川県", "横須賀町")
    Authority.objects.filter(pk=Authority.current().pk).update(prefecture="東京都")
    assert municipality_problem("神奈川県", "横須賀町") is None  # out of jurisdiction: free text
