"""Keep what the applicant typed when the session expired before they pressed 保存.

A POST without an authenticated session would be answered by a redirect to the login page and
its data lost. Instead the section's POST data is kept in the (anonymous) session under the
section's path; Django's ``login()`` keeps the session data (it only cycles the key), so after
signing in the section page restores the data into its form — bound, shown, not yet saved.

A POST refused for its CSRF token (the page was open while the user signed out and in again in
another tab) is kept the same way by ``config.views.csrf_failure``, when it came from this site
and was sent to a page that keeps typed input (``keeps_typed_input``): the page shows it again,
unsaved, so a press of 保存 with a fresh token saves it.
"""

from django.contrib import messages
from django.http import QueryDict
from django.utils.translation import gettext as _

SESSION_PREFIX = "pending-post:"
_NOT_KEPT = frozenset({"csrfmiddlewaretoken"})
# Far above any section (the longest holds four 4,000-character texts), far below what an
# anonymous client could otherwise park in the session table.
MAX_KEPT_CHARACTERS = 100_000


def _key(path: str) -> str:
    return SESSION_PREFIX + path


LOGIN = "login"
CSRF = "csrf"


def stash(request, *, reason: str = LOGIN) -> bool:
    """Keep the POST data of this path for its next GET; False when it is too large to keep."""
    kept = [[name, values] for name, values in request.POST.lists() if name not in _NOT_KEPT]
    if sum(len(name) + sum(map(len, values)) for name, values in kept) > MAX_KEPT_CHARACTERS:
        return False
    request.session[_key(request.path)] = {"reason": reason, "data": kept}
    if reason == LOGIN:
        messages.warning(
            request,
            _("ログインの有効期限が切れました。もう一度ログインすると、入力内容を復元します。"),
        )
    return True


def restore(request) -> QueryDict | None:
    """The kept POST data of this path (removed from the session), or None."""
    kept = request.session.pop(_key(request.path), None)
    if kept is None:
        return None
    if isinstance(kept, list):  # kept by a release before the reason was recorded
        kept = {"reason": LOGIN, "data": kept}
    data = QueryDict(mutable=True)
    for name, values in kept["data"]:
        data.setlist(name, values)
    if kept["reason"] == CSRF:
        message = _(
            "ページを開いてから時間がたったため、保存できませんでした。入力内容を復元しました。"
            "内容を確認して、もう一度保存してください。"
        )
    else:
        message = _(
            "ログインの有効期限が切れたため、入力内容を復元しました。内容を確認して保存してください。"
        )
    messages.info(request, message)
    return data
