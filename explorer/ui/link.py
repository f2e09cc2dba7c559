"""'Link to this view': keeps the page's URL query string equal to the view's state and shows the link.

An anywidget with inline ESM (nothing fetched): on every change of `query` it calls
history.replaceState and shows the full link in a read-only field (CSS class rx-link-field) with
a Copy button; the page reports the full link back in `url`.
"""

from __future__ import annotations

import os

import anywidget
import traitlets

ESM = r"""
function render({ model, el }) {
  el.classList.add("rx-link");
  const label = document.createElement("label");
  label.style.cssText = "font-weight:600;margin-right:6px;white-space:nowrap";
  const field = document.createElement("input");
  field.type = "text";
  field.readOnly = true;
  field.className = "rx-link-field";

  field.style.cssText = "flex:1 1 auto;min-width:200px;font-size:12px";
  field.addEventListener("focus", () => field.select());
  const copy = document.createElement("button");

  copy.className = "rx-link-copy jupyter-button";
  copy.addEventListener("click", () => {
    field.select();
    if (navigator.clipboard) {
      navigator.clipboard.writeText(field.value).catch(() => document.execCommand("copy"));
    } else {
      document.execCommand("copy");
    }
  });
  const row = document.createElement("div");
  row.style.cssText = "display:flex;align-items:center;gap:4px;width:100%";
  row.append(label, field, copy);
  el.append(row);
  function update() {
    const query = model.get("query");
    const url = new URL(window.location.href);
    url.search = query ? "?" + query : "";
    url.hash = "";
    if (url.href !== window.location.href) {
      window.history.replaceState(window.history.state, "", url.href);
    }
    field.value = url.href;
    if (model.get("url") !== url.href) {
      model.set("url", url.href);
      model.save_changes();
    }
  }
  function words() {
    label.textContent = model.get("label_text");
    field.setAttribute("aria-label", model.get("label_text"));
    copy.textContent = model.get("copy_text");
  }
  model.on("change:query", update);
  model.on("change:label_text", words);
  model.on("change:copy_text", words);
  words();
  update();
}
export default { render };
"""


class ViewLink(anywidget.AnyWidget):
    """The link field; set `query` (without '?') and the page's URL and the field follow."""

    _esm = ESM
    query = traitlets.Unicode("").tag(sync=True)
    url = traitlets.Unicode("").tag(sync=True)
    label_text = traitlets.Unicode("Link to this view").tag(sync=True)
    copy_text = traitlets.Unicode("Copy").tag(sync=True)


def page_query() -> str:
    """The query string of the page Voila is serving ('' outside Voila), also in a preheated kernel.

    In a preheated kernel this waits for the page's request (voila.utils.get_query_string)."""
    if "VOILA_PREHEAT" not in os.environ and "QUERY_STRING" not in os.environ:
        return ""
    try:
        from voila.utils import get_query_string
    except ImportError:  # pragma: no cover - the dashboard extra lists voila
        return os.environ.get("QUERY_STRING", "")
    return get_query_string() or ""
