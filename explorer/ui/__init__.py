"""The Voila dashboard, as an ipywidgets app built in the package: build_app() returns its root widget."""

from .app import Dashboard, build_app

__all__ = ["Dashboard", "build_app"]
