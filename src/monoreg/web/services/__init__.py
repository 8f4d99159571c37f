"""The portal's views, built once from the store: each function returns a model of
web/models.py that a page renders and the API returns ("one view, two formats").

One module per family of pages; errors a user can cause (an unknown region, a bad filter)
raise NotFound or UsageError with a French message, which the app turns into 404/400.
"""

from monoreg.web.services.comparison import comparison
from monoreg.web.services.directory import directory
from monoreg.web.services.guide import guide
from monoreg.web.services.home_map import home
from monoreg.web.services.indicator_series import series
from monoreg.web.services.lists import editions, indicators, regions
from monoreg.web.services.policy_texts import policy_text
from monoreg.web.services.region_page import (
    export_edition,
    monograph_fragment,
    pdf_built,
    pdf_path,
    region_page,
)
from monoreg.web.services.search_results import MAX_SEARCH_PAGE, search, search_facets
from monoreg.web.services.shared import figure, find_region
from monoreg.web.services.validation_report import validation_report

__all__ = [
    "MAX_SEARCH_PAGE", "comparison", "directory", "editions", "export_edition",
    "figure", "find_region", "guide", "home", "indicators", "monograph_fragment",
    "pdf_built", "pdf_path", "policy_text", "region_page",
    "regions", "search", "search_facets", "series", "validation_report",
]
