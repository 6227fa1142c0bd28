"""Migration 0019: comments that were internal (every staff decision but a correction request
and a refusal) become memos, so the applicant never starts reading them; the rest stay."""

import importlib

import pytest
from django.apps import apps

from approvals.models import HistoryEntry
from tests import factories

migration = importlib.import_module(
    "approvals.migrations.0019_correction_message_memo_sections_deadline"
)


@pytest.mark.django_db
def test_internal_comments_become_memos_and_requests_stay_for_the_applicant(draft, applicant):
    clerk = factories.make_user("intake", username="clerk")
    rows = {
        action: HistoryEntry.objects.create(
            application=draft, actor=clerk, step="intake", action=action, comment=f"c-{action}"
        )
        for action in ("return", "refuse", "accept", "recommend_approval", "send_back", "approve")
    }
    migration.comments_to_memos(apps, None)
    stored = {a: HistoryEntry.objects.get(pk=r.pk) for a, r in rows.items()}
    for action in ("return", "refuse"):
        assert (stored[action].comment, stored[action].memo) == (f"c-{action}", "")
    for action in ("accept", "recommend_approval", "send_back", "approve"):
        assert (stored[action].comment, stored[action].memo) == ("", f"c-{action}")
    migration.memos_to_comments(apps, None)
    assert HistoryEntry.objects.get(pk=rows["accept"].pk).comment == "c-accept"
