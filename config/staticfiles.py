"""The production storage of static files: whitenoise's hashed, compressed manifest storage,
tolerant of dead references inside third-party CSS.

viewflow ships a copy of roboto-fontface under `node_modules/` whose CSS names font files the
package does not include; no page loads that copy (viewflow's templates use
`viewflow/fonts/roboto/roboto-fontface.css`), but the manifest storage refuses to collect
while any `url()` points nowhere. A reference into that folder alone is left as written; one
anywhere else (the project's own CSS) still stops `collectstatic`, and `{% static %}` naming a
missing file still fails.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage

# Folders of third-party static files whose dead references are left alone.
TOLERATED = ("viewflow/fonts/roboto/node_modules/",)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def hashed_name(self, name, content=None, filename=None):
        try:
            return super().hashed_name(name, content, filename)
        except ValueError:
            if not (filename or name).startswith(TOLERATED):
                raise
            return name
