"""A button that builds a file in the kernel when clicked and hands it to the browser as a download.

An anywidget with inline ESM: the click asks the kernel for the file, which comes back as a binary
buffer and is saved through a Blob URL. Unlike a data: link this has no 2 MB cap (a report with
plotly.js inline is about 5 MB) and builds nothing until asked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import anywidget
import traitlets

log = logging.getLogger("explorer.ui")

ESM = r"""
function render({ model, el }) {
  const button = document.createElement("button");
  button.className = "rx-file-download-button jupyter-button";
  const status = document.createElement("span");
  status.className = "rx-file-download-status";
  status.style.cssText = "margin-left:6px;font-size:12px";
  const show = () => {
    button.textContent = model.get("label");
    button.disabled = model.get("busy");
    status.textContent = model.get("status");
  };
  button.addEventListener("click", () => model.send({ event: "build" }));
  model.on("change:label", show);
  model.on("change:busy", show);
  model.on("change:status", show);
  model.on("msg:custom", (msg, buffers) => {
    if (msg.event !== "file" || !buffers || !buffers.length) return;
    const blob = new Blob([buffers[0]], { type: msg.mime });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = msg.filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  });
  show();
  el.append(button, status);
}
export default { render };
"""


class FileDownload(anywidget.AnyWidget):
    """A download button; `build()` returns (filename, mime type, bytes), called on each click."""

    _esm = ESM
    label = traitlets.Unicode("Download").tag(sync=True)
    busy = traitlets.Bool(False).tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)

    def __init__(self, label: str, build: Callable[[], tuple[str, str, bytes]],
                 on_error: Callable[[BaseException], None] | None = None, **kwargs: Any) -> None:
        super().__init__(label=label, **kwargs)
        self.build = build
        self.on_error = on_error
        self.on_msg(self._handle)

    def deliver(self) -> tuple[str, int]:
        """Build the file and send it to the page; (filename, size in bytes)."""
        self.busy, self.status = True, "preparing..."
        try:
            filename, mime, payload = self.build()
            self.send({"event": "file", "filename": filename, "mime": mime}, buffers=[payload])
            self.status = f"{filename} ({len(payload) / 1e6:,.1f} MB)"
            return filename, len(payload)
        except Exception:
            self.status = "failed (see the message above)"
            raise
        finally:
            self.busy = False

    def _handle(self, _widget: Any, content: dict, _buffers: list) -> None:
        if content.get("event") != "build":
            return
        try:
            self.deliver()
        except Exception as exc:  # noqa: BLE001 - shown as a message by on_error, never a traceback
            log.info("download failed: %s", exc)
            if self.on_error is not None:
                self.on_error(exc)
