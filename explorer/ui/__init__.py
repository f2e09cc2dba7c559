"""The Voila dashboard, as an ipywidgets app built in the package: build_app() returns its root widget."""

from ..extras import need
from .lean import skip_unused_imports

need(("ipywidgets", "plotly"), "the dashboard")  # the dashboard extra: one line naming it when missing
skip_unused_imports()  # before plotly's widgets are imported (explorer.ui.lean says why)

from .app import Dashboard, build_app  # noqa: E402

__all__ = ["Dashboard", "build_app"]
