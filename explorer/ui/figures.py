"""Plotly figures on the page with plotly's front end sent and evaluated once per page.

A plotly FigureWidget is an anywidget whose `_esm` is plotly's whole front-end bundle (about
5 MB of JavaScript): every figure sends it in its first message, and anywidget evaluates it again
for every figure (each from its own blob address, so the browser never reuses it).  A dashboard
holds several figures (the options map, the key-dates chart, ten population charts), so a page
moved and compiled tens of megabytes, which under load delayed or lost a figure's drawing.

`PageFigure` is a FigureWidget whose `_esm` is a small loader: it finds the one `PlotlyBundle`
widget of the kernel (which carries the bundle's text, sent once), imports it once per page and
hands each figure to plotly's own `initialize` and `render`.  Nothing else changes: data, layout,
events and messages are plotly's.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import ipywidgets as widgets
import plotly
import plotly.graph_objects as go
import traitlets

BUNDLE_PATH = Path(plotly.__file__).parent / "package_data" / "widgetbundle.js"
"""plotly's front end, the `_esm` of every plotly FigureWidget."""

_LOADER = """\
const KEY = Symbol.for(%(key)s);

async function bundleModel(model) {
  // The bundle's model is opened before any figure's; on a page that builds every model at once
  // it may still be registering: ask again for a while.
  const id = model.get("_plotly_bundle").slice(%(prefix)d);
  for (let attempt = 0; ; attempt++) {
    try {
      return await model.widget_manager.get_model(id);
    } catch (error) {
      if (attempt >= 600) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function plotlyFactory(model) {
  if (!globalThis[KEY]) {
    const loading = (async () => {
      const carrier = await bundleModel(model);
      const url = URL.createObjectURL(new Blob([carrier.get("source")], { type: "text/javascript" }));
      try {
        return (await import(/* webpackIgnore: true */ url)).default;
      } finally {
        URL.revokeObjectURL(url);
      }
    })();
    globalThis[KEY] = loading;
    loading.catch(() => { if (globalThis[KEY] === loading) delete globalThis[KEY]; });
  }
  return globalThis[KEY];
}

export default () => {
  let figure;
  return {
    async initialize(context) {
      figure = (await plotlyFactory(context.model))();
      return figure.initialize(context);
    },
    render(context) {
      return figure.render(context);
    },
  };
};
"""
_MODEL_PREFIX = "IPY_MODEL_"


class PlotlyBundle(widgets.Widget):
    """A widget model without a view holding plotly's front-end bundle: sent once per kernel."""

    source = traitlets.Unicode().tag(sync=True)


_bundle: PlotlyBundle | None = None
_bundle_lock = threading.Lock()


def plotly_bundle() -> PlotlyBundle:
    """The kernel's one PlotlyBundle (made, and its 5 MB read, on first use)."""
    global _bundle
    with _bundle_lock:
        if _bundle is None or _bundle.comm is None:  # none yet, or closed (widgets were closed)
            _bundle = PlotlyBundle(source=BUNDLE_PATH.read_text(encoding="utf-8"))
        return _bundle


class PageFigure(go.FigureWidget):
    """A plotly FigureWidget whose front end comes from the page's one PlotlyBundle."""

    _esm = _LOADER % {"key": json.dumps(f"explorer.plotly-bundle.{plotly.__version__}"),
                      "prefix": len(_MODEL_PREFIX)}
    _plotly_bundle = traitlets.Unicode().tag(sync=True)

    @traitlets.default("_plotly_bundle")
    def _bundle_reference(self) -> str:
        """The PlotlyBundle's reference, made when the figure first sends its state (so the
        bundle's model is opened first)."""
        return _MODEL_PREFIX + plotly_bundle().model_id
