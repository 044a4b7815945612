"""Every path and link of the site: where pages and files live, and how one links to another.

Only this module knows the site's layout: MkDocs' URLs for pages (directory URLs online,
`.html` files offline), the folders of downloads, pictures and embeds, and the canonical
address a citation names.

An area's page is `wilayah/<slug>.md` or `kantor-cabang/<slug>.md`, and its chart files are
named after its slug. A slug equal to a page the site writes in those folders (`index`) or to
the name the home page files its charts under would replace that page or those files, so
such slugs are reserved: derived from SITE_PAGES, never listed a second time.
"""

from __future__ import annotations

import posixpath
from pathlib import PurePosixPath
from urllib.parse import quote

HOME_PAGE = "index.md"
HOME_SLUG = "beranda"  # the home page's chart files are named after it, as an area's after its slug
REGIONS_DIR = "wilayah"
OFFICES_DIR = "kantor-cabang"
SOURCES_PAGE = "sumber.md"
NOTES_PAGE = "catatan-konsistensi.md"
REVISIONS_PAGE = "riwayat-revisi.md"
REGIONS_INDEX = f"{REGIONS_DIR}/index.md"
OFFICES_INDEX = f"{OFFICES_DIR}/index.md"
SITE_PAGES = (HOME_PAGE, REGIONS_INDEX, OFFICES_INDEX, SOURCES_PAGE, NOTES_PAGE, REVISIONS_PAGE)
DOWNLOADS_DIR = "unduh"
EMBEDS_DIR = "sematkan"
PICTURES_DIR = "grafik"  # the drawings pages show, in both palettes and two widths


def download_path(slug: str, extension: str) -> str:
    """An area's figures as a file: unduh/wilayah/<slug>.csv or .json."""
    return f"{DOWNLOADS_DIR}/wilayah/{slug}.{extension}"


def canonical_url(site_url: str, page_path: str) -> str:
    """The page's public address: `wilayah/kota-blitar.md` -> `<site_url>wilayah/kota-blitar/`."""
    stem = page_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
    else:
        stem += "/"
    return site_url.rstrip("/") + "/" + stem.lstrip("/")


def area_page_path(slug: str, *, is_office: bool) -> str:
    """Where an area's page lives; the URL follows it and never changes for a slug."""
    return f"{OFFICES_DIR if is_office else REGIONS_DIR}/{slug}.md"


def reserved_slugs(*, is_office: bool) -> dict[str, str]:
    """Slugs a region (or office) may not have, each with the page or files it would replace.

    A page `wilayah/x.md` is served at `wilayah/x/`, so `wilayah/x/index.md` would take the
    slug `x` too.
    """
    folder = OFFICES_DIR if is_office else REGIONS_DIR
    reserved = {HOME_SLUG: f"the chart files of {HOME_PAGE}"}
    for page in SITE_PAGES:
        parts = PurePosixPath(page).parts
        if len(parts) > 1 and parts[0] == folder:
            reserved[PurePosixPath(parts[1]).stem] = page
    return reserved


def page_href(page_path: str, here: str, *, is_offline: bool) -> str:
    """Link to a page as MkDocs writes it: `wilayah/x/` online, `wilayah/x.html` offline."""
    if page_path == "index.md":
        target = "index.html"
    elif is_offline:
        target = page_path.removesuffix(".md") + ".html"
    else:
        target = page_path.removesuffix(".md") + "/"
    relative = posixpath.relpath(target, here)
    return relative + "/" if target.endswith("/") else relative


def page_dir(page: str, *, is_offline: bool) -> str:
    """The folder a page's links are relative to: its own URL online (`wilayah/x/`), its file's
    folder offline, where MkDocs writes `wilayah/x.html`."""
    if is_offline or page == "index.md":
        return posixpath.dirname(page) or "."
    return page.removesuffix(".md").removesuffix("/index")


def file_url(path: str, *, is_offline: bool) -> str:
    """The URL of a file of docs_dir as MkDocs gives it: a page `wilayah/x.md` is `wilayah/x/`
    online (directory URLs) and `wilayah/x.html` offline; any other file keeps its path."""
    if not path.endswith(".md"):
        return quote(path)
    parent, name = posixpath.split(path.removesuffix(".md"))
    if is_offline or name in ("index", "README"):
        destination = posixpath.join(parent, ("index" if name == "README" else name) + ".html")
    else:
        destination = posixpath.join(parent, name, "index.html")
    folder, file = posixpath.split(destination)
    if not is_offline and file == "index.html":
        return quote((folder or ".") + "/")
    return quote(destination)


def relative_url(url: str, other: str) -> str:
    """`url` relative to the page at URL `other`, as MkDocs' utils.get_relative_url does."""
    folder, _, name = other.rpartition("/")
    if "." in name:
        other = folder
    other_parts, url_parts = _parts(other), _parts(url)
    common = 0
    for a, b in zip(other_parts, url_parts, strict=False):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(other_parts) - common) + url_parts[common:]) or "."
    return relative + "/" if url.endswith("/") else relative


def _parts(path: str) -> list[str]:
    path = posixpath.normpath("/" + path)[1:]
    return path.split("/") if path else []
