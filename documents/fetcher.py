"""The only way a PDF may reach a resource: files of documents/assets/ and data: URLs.

WeasyPrint's default fetcher reads any `file://` URL, follows http(s) anywhere and embeds
`<link rel="attachment">` targets. A notice must carry nothing but what the system put there,
so this fetcher refuses the network outright and resolves file URLs with `realpath` before
checking they stay inside the asset folder (a prefix test on the URL is bypassed by `../` or
by a symbolic link). A refused URL is logged and left out; the document still renders.

Imports WeasyPrint at module level: only `documents.pdf` imports this module, and lazily.
"""

import logging
import mimetypes
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from documents.errors import RefusedURL

logger = logging.getLogger(__name__)

ASSETS_DIR = Path(__file__).resolve().parent / "assets"


def asset_path(url: str, root: str | os.PathLike = ASSETS_DIR) -> str:
    """The real path of a `file:` URL inside `root`, or RefusedURL."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        raise RefusedURL(f"not a local file URL: {url}")
    real_root = os.path.realpath(root)
    real = os.path.realpath(unquote(parts.path))
    if os.path.commonpath([real, real_root]) != real_root or not os.path.isfile(real):
        raise RefusedURL(f"outside the document assets: {url}")
    return real


class AssetURLFetcher(URLFetcher):
    """Serves `data:` URLs and files under the asset folder; refuses everything else."""

    def __init__(self, root: str | os.PathLike = ASSETS_DIR):
        super().__init__(timeout=1, allowed_protocols=("file", "data"), allow_redirects=False)
        self.root = root
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        try:
            if scheme == "data":
                return super().fetch(url, headers)
            path = asset_path(url, self.root)
        except Exception:
            self.refused.append(url[:200])
            logger.warning("PDF rendering refused to fetch %.200s", url)
            raise
        with open(path, "rb") as file:
            body = file.read()
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})
