"""The history of data people edit by hand (django-simple-history): who changed what, when.

Kept for the authority (who signs notices, how numbers are written), the target series and
their years, the companies with their members, and the users with their roles. A save that
only touches fields the history leaves out (a sign-in's last_login, the language switch) adds
no row, so the history stays the record of real edits.
"""

from simple_history.models import HistoricalRecords


class EditHistory(HistoricalRecords):
    def post_save(self, instance, created, using=None, **kwargs):
        changed = kwargs.get("update_fields")
        if not created and changed and set(changed) <= set(self.excluded_fields or ()):
            return
        super().post_save(instance, created, using=using, **kwargs)
