"""The history's system comments are read in the reader's language, whatever the language of
whoever acted when the row was written; a person's own words are left as they are."""

import pytest
from django.utils import translation

from approvals.constants import Action, Step
from approvals.history import history_rows
from approvals.models import HistoryEntry


@pytest.mark.django_db
def test_a_submission_row_reads_in_english_for_an_english_reader(draft, applicant):
    def row(action, comment):
        HistoryEntry.objects.create(
            application=draft, actor=applicant, step=Step.SUBMISSION, action=action, comment=comment
        )

    row(Action.SUBMIT, "第1版を提出")  # written by a Japanese session
    row(Action.RESUBMIT, "売上の根拠を追記しました。")  # the applicant's reply
    row(Action.RETRY_NOTICE, "通知書を発行しました。")
    with translation.override("en"):
        comments = [r.comment for r in history_rows(draft, staff=True)]
    assert comments[-3:] == [
        "Submitted version 1",
        "売上の根拠を追記しました。",
        _english("通知書を発行しました。"),
    ]
    with translation.override("ja"):
        assert [r.comment for r in history_rows(draft, staff=True)][-3] == "第1版を提出"


def _english(text: str) -> str:
    with translation.override("en"):
        shown = translation.gettext(text)
    assert shown != text, "the catalogue has an English text for it"
    return shown
