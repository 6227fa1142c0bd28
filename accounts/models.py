"""The user of kakushin: an SME's person or a member of staff, with roles as groups."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.history import EditHistory
from accounts.roles import STAFF_ROLES, Role


class User(AbstractUser):
    """A person who signs in. Roles are Django groups named after `Role` values."""

    display_name = models.CharField(
        _("表示名"), max_length=150, blank=True, help_text=_("画面や履歴に表示する氏名")
    )
    language = models.CharField(
        _("表示言語"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="ja",
        help_text=_("画面とお知らせメールの言語（画面の言語切替で変わります）"),
    )
    accepted_terms_at = models.DateTimeField(
        _("利用規約への同意日時"),
        null=True,
        blank=True,
        help_text=_("申請者が利用規約に同意した日時"),
    )

    history = EditHistory(
        m2m_fields=["groups"],
        excluded_fields=["password", "last_login", "language"],
        verbose_name=_("ユーザーの変更履歴"),
    )

    class Meta:
        verbose_name = _("ユーザー")
        verbose_name_plural = _("ユーザー")

    def __str__(self):
        return self.display_name or self.get_full_name() or self.username

    def refresh_from_db(self, *args, **kwargs):
        self.__dict__.pop("_roles_cache", None)
        super().refresh_from_db(*args, **kwargs)

    @property
    def roles(self) -> list[str]:
        if not hasattr(self, "_roles_cache"):
            names = set(self.groups.values_list("name", flat=True))
            self._roles_cache = [r.value for r in Role if r.value in names]
        return self._roles_cache

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def is_applicant(self) -> bool:
        return self.has_role(Role.APPLICANT)

    @property
    def is_staff_member(self) -> bool:
        """A role that handles applications (not Django's `is_staff`, which opens the admin);
        policy staff are not one."""
        return any(r in STAFF_ROLES for r in self.roles)

    @property
    def is_policy(self) -> bool:
        return self.has_role(Role.POLICY)

    @property
    def is_support(self) -> bool:
        """A support body's user: acts only for the firms that delegated to them."""
        return self.has_role(Role.SUPPORT)
