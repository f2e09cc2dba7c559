"""A file picker that checks the file's size in the browser before sending it to the kernel.

ipywidgets' FileUpload sends any file: one above the server's websocket message limit drops the
connection ("Connection lost") with no message. This widget sends a file only when it is at most
`max_bytes`; a bigger one is refused in the browser and only its name and size reach the kernel.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anywidget
import traitlets

_ESM = """
function render({ model, el }) {
  const label = document.createElement("label");
  label.className = "rx-upload-label";
  const text = document.createElement("span");
  text.className = "rx-upload-text";
  const input = document.createElement("input");
  input.type = "file";
  input.className = "rx-upload-input";
  const sync = () => {
    text.textContent = model.get("description");
    input.accept = model.get("accept");
  };
  sync();
  model.on("change:description", sync);
  model.on("change:accept", sync);
  label.append(text, input);
  el.append(label);
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    const meta = { name: file.name, size: file.size };
    if (file.size > model.get("max_bytes")) {
      model.send({ event: "refused", ...meta });
    } else {
      const buffer = await file.arrayBuffer();
      model.send({ event: "file", ...meta }, undefined, [buffer]);
    }
    input.value = "";
  });
}
export default { render };
"""
_CSS = """
.rx-upload-label { display: inline-flex; flex-direction: column; gap: 2px; }
.rx-upload-text { font-weight: 600; }
"""


class SizedUpload(anywidget.AnyWidget):
    """A labelled <input type=file>: `on_file(name, data)` for files up to max_bytes,
    `on_refused(name, size)` for bigger ones (their bytes never leave the browser)."""

    _esm = traitlets.Unicode(_ESM).tag(sync=True)
    _css = traitlets.Unicode(_CSS).tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)
    accept = traitlets.Unicode("").tag(sync=True)
    max_bytes = traitlets.Int(0).tag(sync=True)

    def __init__(self, on_file: Callable[[str, bytes], None], on_refused: Callable[[str, int], None],
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.on_file = on_file
        self.on_refused = on_refused
        self.on_msg(self._receive)

    def _receive(self, _widget: Any, content: dict, buffers: list[Any]) -> None:
        """A message from the browser: a file with its bytes, or a refused file's name and size."""
        name = str(content.get("name", ""))
        event = content.get("event")
        size = len(buffers[0]) if event == "file" and buffers else int(content.get("size", 0))
        if event == "file" and buffers and size <= self.max_bytes:
            self.on_file(name, bytes(buffers[0]))
        elif event in ("file", "refused"):
            self.on_refused(name, size)
