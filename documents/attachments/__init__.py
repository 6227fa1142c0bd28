"""The applicant's attachments (DOMAIN.md §6): upload checks, private storage, freezing.

``services`` (add, delete, freeze, record a download), ``selectors`` (which a user may reach,
which a submission lacks), ``uploads`` (cutting off a file past the size limit while it
arrives), ``views`` (the portal's 添付書類 section, downloads) and ``api``.
"""
