"""Target figures kept in memory while nothing that changes them has committed.

The target pages, the API and the exports are public and read far more often than approvals
are granted, and building them costs a few queries, a serializer, a chart and a template. Each
is therefore remembered per process under the current token of TargetRevision, which every
write that changes the figures replaces in its own transaction (see the model). Each request
reads the token (one primary-key query) and either finds what was built under it or builds it:

- after an approval commits, the next request reads the new token and builds afresh, so the
  figure is never stale, in this process or any other;
- inside the approving transaction the writer sees its own new token, which no other
  transaction can see, and a rolled-back token is never issued again (tokens are random);
- `today` is part of every key (the current year and its projection follow the date).

The memo holds a bounded number of entries (the least recently used is dropped), so
arbitrary URLs cannot make it grow.
"""

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.db import connection

from approvals.models import TargetRevision

REVISION_ID = 1


def current_token() -> str | None:
    """The token as this transaction sees it; None if the row is missing (nothing is kept)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT token FROM {TargetRevision._meta.db_table} WHERE id = %s", [REVISION_ID]
        )
        row = cursor.fetchone()
    return row[0] if row else None


def bump_target_revision() -> None:
    """Replace the token, in the caller's transaction: what was kept under the old one is
    no longer served once this commits."""
    token = uuid.uuid4().hex
    if not TargetRevision.objects.filter(pk=REVISION_ID).update(token=token):
        TargetRevision.objects.update_or_create(pk=REVISION_ID, defaults={"token": token})


class TargetMemo:
    """A small per-process map from (token, *key) to what was built under that token."""

    def __init__(self, size: int = 64):
        self.size = size
        self._entries: OrderedDict[tuple, object] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, key: tuple[Hashable, ...], build: Callable[[], object]):
        """What `build()` returned under the current token, building it if need be.

        Exceptions from `build` (an unknown series is a 404) propagate and nothing is kept.
        """
        token = current_token()
        if token is None:
            return build()
        full_key = (token, *key)
        with self._lock:
            if full_key in self._entries:
                self._entries.move_to_end(full_key)
                return self._entries[full_key]
        value = build()
        with self._lock:
            self._entries[full_key] = value
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


memo = TargetMemo()
