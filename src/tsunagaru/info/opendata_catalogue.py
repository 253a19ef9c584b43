"""The list of open data sets the site publishes (the page /opendata/), kept as data.

Each set names its page, its downloads and how often it changes. Everything listed is public
already (no personal data: the directory has only what groups chose to publish) and is offered
under CC BY 4.0. A new data set is one more entry here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Download:
    label: str | Promise
    url_name: str
    query: str = ""
    # A feed to subscribe to rather than a file to download.
    feed: bool = False

    @property
    def url(self) -> str:
        return reverse(self.url_name) + (f"?{self.query}" if self.query else "")


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str | Promise
    description: str | Promise
    page_url_name: str
    updated: str | Promise
    downloads: tuple[Download, ...] = field(default_factory=tuple)
    standard: str | Promise = ""

    @property
    def page_url(self) -> str:
        return reverse(self.page_url_name)


_LIVE = _("As soon as something is published or changed")


def datasets() -> list[Dataset]:
    """The open data sets, in the order the page shows them."""
    return [
        Dataset(
            key="events",
            title=_("Events"),
            description=_(
                "Public events of the city and Oshu's groups, past and coming. Cancelled and "
                "postponed events stay in the list with a note, so that everyone learns of it."
            ),
            page_url_name="info:events",
            updated=_LIVE,
            standard=_(
                "自治体標準オープンデータセット「イベント一覧」: the 32 columns of the "
                "recommended version; the formal version's headers on request."
            ),
            downloads=(
                Download(_("CSV (UTF-8 with BOM)"), "info:opendata_csv"),
                Download(_("CSV, formal version headers"), "info:opendata_csv", "version=formal"),
                Download(_("JSON"), "info:opendata_json"),
                Download(_("Atom feed of new events"), "info:feed", feed=True),
            ),
        ),
        Dataset(
            key="groups",
            title=_("Directory of groups"),
            description=_(
                "The listed groups (協働の担い手): name, kind, area, fields, what they offer "
                "and need — only what each group chose to publish."
            ),
            page_url_name="partners:directory",
            updated=_LIVE,
            downloads=(
                Download(_("CSV (UTF-8 with BOM)"), "partners:export", "format=csv"),
                Download(
                    _("CSV for older Excel (Shift_JIS)"), "partners:export", "format=csv-cp932"
                ),
                Download(_("Excel (XLSX)"), "partners:export", "format=xlsx"),
            ),
        ),
        Dataset(
            key="cases",
            title=_("Case library"),
            description=_("Published collaboration cases (事例集), newest first."),
            page_url_name="cases:list",
            updated=_LIVE,
            downloads=(Download(_("Atom feed of new cases"), "cases:feed", feed=True),),
        ),
        Dataset(
            key="projects",
            title=_("Collaboration projects"),
            description=_(
                "Agreed, running and evaluated projects of the proposal table (提案テーブル): "
                "parties, forms of collaboration, goals, and evaluations once they are public."
            ),
            page_url_name="proposals:list",
            updated=_LIVE,
            downloads=(Download(_("JSON (API, in pages)"), "api:projects"),),
        ),
        Dataset(
            key="grants",
            title=_("Grants given"),
            description=_(
                "The city's grants adopted this year (補助金・交付金): programme, course, group, "
                "project and the amount decided. Earlier years from the results page."
            ),
            page_url_name="grants:results",
            updated=_LIVE,
            downloads=(
                Download(_("CSV (UTF-8 with BOM)"), "grants:results_csv"),
                Download(
                    _("CSV for older Excel (Shift_JIS)"), "grants:results_csv", "format=csv-cp932"
                ),
            ),
        ),
    ]
