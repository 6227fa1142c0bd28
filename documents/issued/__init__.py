"""Documents the system issues: the approval and refusal notices and the application form.

``issuing`` makes a PDF once and keeps it with its SHA-256; ``notices`` and ``form`` write
them from the record; ``delivery`` hands them out (each download in the history); ``selectors``
says which exist or are missing; ``views`` and ``api`` serve them.
"""
