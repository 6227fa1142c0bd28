"""Production's static files storage (config.staticfiles): hashed names and compressed copies,
and a dead `url()` stops `collectstatic` everywhere but in viewflow's unused node_modules copy
of roboto-fontface, which names font files viewflow does not ship."""

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from config.staticfiles import StaticFilesStorage

TOLERATED_CSS = "viewflow/fonts/roboto/node_modules/roboto-fontface/css/roboto/roboto.css"


def _post_process(tmp_path, files: dict[str, str]):
    """What collectstatic does: copy the files into STATIC_ROOT, then post-process them."""
    source = FileSystemStorage(location=tmp_path / "source")
    storage = StaticFilesStorage(location=tmp_path / "static", base_url="/static/")
    for name, text in files.items():
        for target in (source, storage):
            target.save(name, ContentFile(text.encode()))
    paths = {name: (source, name) for name in files}
    errors = {name: None for name in files}
    for name, _hashed, processed in storage.post_process(paths):
        if isinstance(processed, Exception):
            errors[name] = processed
    return storage, errors


def test_static_files_get_hashed_names_and_compressed_copies(tmp_path):
    storage, errors = _post_process(
        tmp_path,
        {"css/site.css": "body { background: url('../img/logo.png'); }" * 20, "img/logo.png": "x"},
    )
    assert errors == {"css/site.css": None, "img/logo.png": None}
    hashed = storage.stored_name("css/site.css")
    assert hashed != "css/site.css" and hashed.startswith("css/site.")
    assert storage.exists(hashed + ".gz")
    assert storage.stored_name("img/logo.png") in storage.open(hashed).read().decode()


def test_a_dead_reference_stops_collectstatic_except_in_viewflows_unused_font_copy(tmp_path):
    _storage, errors = _post_process(
        tmp_path,
        {
            TOLERATED_CSS: "@font-face { src: url('./Roboto-Thin.woff2'); }",
            "css/own.css": "body { background: url('missing.png'); }",
        },
    )
    assert errors[TOLERATED_CSS] is None
    assert isinstance(errors["css/own.css"], ValueError)
    assert "missing.png" in str(errors["css/own.css"])
