""""Pick this cell": two dates and a button whose click carries the dates the person sees.

With two ipywidgets DatePickers and a Button, the click reached the kernel before the last typed
date: the browser sends a widget's value changes one at a time (while one is unanswered, later
changes wait), but a click goes out at once. Typing 23 December over 1 January passes through
1 December, so the kernel could open One person on 1 December, a day the person never picked.
Here the click sends the two dates it was made with, in one message: what the kernel opens is
what the page showed. An anywidget with inline ESM (nothing fetched).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import anywidget
import traitlets

ESM = r"""
let counter = 0;
function render({ model, el }) {
  counter += 1;
  const row = document.createElement("div");
  row.style.cssText = "display:flex;flex-flow:row wrap;align-items:center;gap:6px 14px";
  function field(css, key) {
    const box = document.createElement("div");
    box.className = css;
    box.style.cssText = "display:flex;align-items:center;gap:6px";
    const input = document.createElement("input");
    input.type = "date";
    input.id = `${css}-${counter}`;
    const label = document.createElement("label");
    label.htmlFor = input.id;
    label.style.cssText = "min-width:150px";
    box.append(label, input);
    row.append(box);
    return { input, label, key };
  }
  const expiry = field("rx-pick-expiry", "expiry");
  const application = field("rx-pick-application", "application");
  const open = document.createElement("button");
  open.className = "rx-pick-open jupyter-button";
  row.append(open);
  el.append(row);
  function words() {
    expiry.label.textContent = model.get("expiry_label");
    application.label.textContent = model.get("application_label");
    open.textContent = model.get("open_text");
  }
  function dates() {
    for (const f of [expiry, application]) {
      const value = model.get(f.key);
      if (f.input.value !== value) f.input.value = value;
    }
  }
  open.addEventListener("click", () => {
    const picked = { expiry: expiry.input.value, application: application.input.value };
    model.set(picked);
    model.save_changes();
    model.send({ event: "open", ...picked });
  });
  for (const key of ["expiry_label", "application_label", "open_text"]) model.on(`change:${key}`, words);
  model.on("change:expiry", dates);
  model.on("change:application", dates);
  words();
  dates();
}
export default { render };
"""


def _day(text: Any) -> dt.date | None:
    """An ISO day from the page, or None when the field is empty or not a day."""
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        return None


class PickForm(anywidget.AnyWidget):
    """The two dates (ISO days, '' when empty) and the Open button; `on_open(expiry, application)`."""

    _esm = ESM
    expiry = traitlets.Unicode("").tag(sync=True)
    application = traitlets.Unicode("").tag(sync=True)
    expiry_label = traitlets.Unicode("Card expiry").tag(sync=True)
    application_label = traitlets.Unicode("Application day").tag(sync=True)
    open_text = traitlets.Unicode("Open").tag(sync=True)

    def __init__(self, on_open: Callable[[dt.date, dt.date], None] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.on_open = on_open
        self.on_msg(self._handle)

    def submit(self, expiry: dt.date | str, application: dt.date | str) -> None:
        """What a click does: open the person on these two days (the page sends them with the click)."""
        self._handle(self, {"event": "open", "expiry": str(expiry), "application": str(application)}, [])

    def _handle(self, _widget: Any, content: dict, _buffers: list) -> None:
        if content.get("event") != "open":
            return
        expiry, application = _day(content.get("expiry")), _day(content.get("application"))
        if expiry is None or application is None or self.on_open is None:
            return  # an empty or half-typed field opens nothing, as a disabled button would
        self.expiry, self.application = expiry.isoformat(), application.isoformat()
        self.on_open(expiry, application)
