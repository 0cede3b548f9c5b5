"""One notebook open in JupyterLab in the browser: run it, read it, drive its widgets.

The tests see what a student sees: outputs are read from the notebook as the
browser holds it (JupyterLab's model, exposed as ``window.jupyterapp``) and
from the DOM the browser renders; widgets are driven with the mouse and the
keyboard, as a student would.
"""
import hashlib
import re
import time

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

# JavaScript run in the page. ``panelFor(path)`` finds the open notebook by its path.
_PANEL_FOR = """
const panelFor = (path) => {
  const app = window.jupyterapp;
  if (!app) return null;
  for (const w of app.shell.widgets('main')) {
    if (w.context && w.context.path === path && w.content && w.content.model) return w;
  }
  return null;
};
"""

_READY = _PANEL_FOR + """
([path, needKernel]) => {
  const panel = panelFor(path);
  if (!panel || !panel.context.isReady) return false;
  if (!needKernel) return panel.content.widgets.length > 0;
  const session = panel.sessionContext && panel.sessionContext.session;
  const kernel = session && session.kernel;
  return !!kernel && kernel.status === 'idle' && panel.content.widgets.length > 0;
}
"""

_TAG_CELLS = _PANEL_FOR + """
(path) => {
  const panel = panelFor(path);
  window.jupyterapp.shell.activateById(panel.id);
  panel.content.widgets.forEach((cell, i) => { cell.node.dataset.courseIndex = String(i); });
  return {cells: panel.content.widgets.length, id: panel.id};
}
"""

# Run one cell, as Shift+Enter does, and resolve when the kernel has answered.
_RUN_CELL = _PANEL_FOR + """
async ([path, index, timeoutMs]) => {
  const app = window.jupyterapp;
  const panel = panelFor(path);
  app.shell.activateById(panel.id);
  const nb = panel.content;
  nb.activeCellIndex = index;
  nb.deselectAll();
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs));
  const run = app.commands.execute('notebook:run-cell').then(() => 'done');
  return await Promise.race([run, timeout]);
}
"""

# Run All from the Run menu's command; started here, awaited by _RUN_ALL_WAIT.
_RUN_ALL_START = _PANEL_FOR + """
(path) => {
  const app = window.jupyterapp;
  const panel = panelFor(path);
  app.shell.activateById(panel.id);
  window.courseRunAll = app.commands.execute('notebook:run-all-cells').then(() => 'done', (e) => 'failed: ' + e);
  return true;
}
"""

_RUN_ALL_WAIT = """
async (timeoutMs) => {
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs));
  return await Promise.race([window.courseRunAll, timeout]);
}
"""

_KERNEL_IDLE = _PANEL_FOR + """
(path) => {
  const panel = panelFor(path);
  const kernel = panel && panel.sessionContext.session && panel.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle';
}
"""

# Every cell's outputs as the browser holds them (images left out).
_CELLS = _PANEL_FOR + """
(path) => {
  const panel = panelFor(path);
  return panel.content.widgets.map((cell, i) => {
    const model = cell.model;
    const nbgrader = model.getMetadata('nbgrader') || {};
    const outputs = [];
    if (model.type === 'code') {
      for (const out of model.outputs.toJSON()) {
        const item = {output_type: out.output_type};
        if (out.output_type === 'stream') {
          item.name = out.name;
          item.text = (Array.isArray(out.text) ? out.text.join('') : out.text).slice(0, 2000);
        } else if (out.output_type === 'error') {
          item.ename = out.ename;
          item.evalue = String(out.evalue).slice(0, 2000);
        } else if (out.data) {
          item.mimes = Object.keys(out.data);
        }
        outputs.push(item);
      }
    }
    return {
      index: i, type: model.type, grade_id: nbgrader.grade_id || null,
      solution: !!nbgrader.solution, grade: !!nbgrader.grade,
      execution_count: model.type === 'code' ? model.executionCount : null,
      source_head: model.sharedModel.getSource().slice(0, 120),
      source: model.type === 'code' ? model.sharedModel.getSource() : '',
      outputs: outputs,
    };
  });
}
"""

#: Text that means a widget did not render as a widget.
WIDGET_FAILURES = re.compile(r"Loading widget|Error displaying widget|Model not found|"
                             r"widget model not found|Failed to load model class", re.IGNORECASE)
#: The course explorers' note while the student's function is still a stub (course.widgets.base).
STUB_NOTE = re.compile(r"above first: this explorer runs your function")
#: An explorer waiting for answers: the stub note, or its report that the code it runs
#: failed for want of an answer (course.widgets.base.Explorer.refresh).
WAITING_NOTE = re.compile(r"above first: this explorer runs your function|"
                          r"Your `[^`]+` raised (NotImplementedError|NotAnsweredYet|NameError)")


class LabTab:
    """One browser tab with JupyterLab loaded once; notebooks open and close inside it.

    As a student works: one JupyterLab, notebooks opened from it in turn.
    ``errors`` collects uncaught JavaScript errors of the page.
    """

    def __init__(self, browser, server, workspace, timeout=120):
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000}, device_scale_factor=1)
        self.page = self.context.new_page()
        self.server = server
        self.workspace = workspace
        self.errors = []
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))
        self.page.goto(server.lab_url("", workspace), wait_until="commit")
        self.timeout = timeout

    def wait_loaded(self):
        self.page.wait_for_function("() => window.jupyterapp !== undefined", timeout=self.timeout * 1000)
        self.page.evaluate("async () => { await window.jupyterapp.restored; }")
        return self

    def close_notebooks(self):
        """Close every open document without a save dialog (the copies need not be kept)."""
        self.page.evaluate("""() => {
          for (const dialog of document.querySelectorAll('.jp-Dialog')) dialog.remove();
          const open = Array.from(window.jupyterapp.shell.widgets('main'));
          for (const w of open) { if (w.context) w.dispose(); }
        }""")

    def close(self):
        self.context.close()


class NotebookPage:
    """A notebook at ``path`` (relative to the server root), opened in a ``LabTab``."""

    def __init__(self, tab, path):
        self.tab = tab
        self.page = tab.page
        self.path = path
        self.errors_before = len(tab.errors)

    @property
    def console_errors(self):
        """Uncaught JavaScript errors since the notebook was opened."""
        return self.tab.errors[self.errors_before:]

    # -- opening ---------------------------------------------------------
    def open(self, timeout=120, kernel=True):
        """Open the notebook; with ``kernel``, wait until its kernel is idle too."""
        return self.go().wait_ready(timeout, kernel)

    def go(self):
        """Open the notebook as the file browser does; ``wait_ready`` waits for it."""
        self.tab.wait_loaded()
        self.page.evaluate("""async (path) => {
          await window.jupyterapp.commands.execute('docmanager:open', {path: path, factory: 'Notebook'});
        }""", self.path)
        return self

    def wait_ready(self, timeout=120, kernel=True):
        self.page.wait_for_function(_READY, arg=[self.path, kernel], timeout=timeout * 1000, polling=250)
        info = self.page.evaluate(_TAG_CELLS, self.path)
        self.n_cells, self.panel_id = info["cells"], info["id"]
        return self

    def panel(self):
        """The notebook's panel in the DOM (toolbar and cells)."""
        return self.page.locator(f"[id='{self.panel_id}']")

    def cell(self, index):
        return self.panel().locator(f".jp-Cell[data-course-index='{index}']")

    # -- running ---------------------------------------------------------
    def run_cells_one_by_one(self, cell_timeout=180):
        """Run every cell in order, as Shift+Enter does; the next starts when the last has finished.

        Unlike Run All this goes on after a cell that raised, so every
        unanswered exercise shows its error. Returns ``{index: seconds}``.
        """
        times = {}
        for index in range(self.n_cells):
            start = time.time()
            result = self.page.evaluate(_RUN_CELL, [self.path, index, cell_timeout * 1000])
            if result == "timeout":
                raise AssertionError(f"{self.path}: cell {index} was still running after {cell_timeout} s")
            self.wait_idle(cell_timeout)
            times[index] = time.time() - start
        return times

    def start_run_all(self):
        """Start Run All Cells (the Run menu's command); ``finish_run_all`` waits for it.

        The kernel runs while the test works in another tab.
        """
        self.page.evaluate(_RUN_ALL_START, self.path)

    def finish_run_all(self, timeout=600):
        result = self.page.evaluate(_RUN_ALL_WAIT, timeout * 1000)
        if result != "done":
            raise AssertionError(f"{self.path}: Run All {'had not finished after %d s' % timeout if result == 'timeout' else result}")
        self.wait_idle(timeout)

    def wait_idle(self, timeout=120):
        self.page.wait_for_function(_KERNEL_IDLE, arg=self.path, timeout=timeout * 1000, polling=100)

    # -- reading ---------------------------------------------------------
    def cells(self):
        return self.page.evaluate(_CELLS, self.path)

    def widget_outputs(self, index):
        """The rendered widget views of one cell (a locator): top-level outputs holding a widget."""
        return self.cell(index).locator(
            ".jp-Cell-outputArea > .jp-OutputArea-child > .jp-OutputArea-output:has(> .jupyter-widgets)")

    def top_level_outputs(self, index):
        """Every top-level output of one cell, whatever it shows."""
        return self.cell(index).locator(".jp-Cell-outputArea > .jp-OutputArea-child > .jp-OutputArea-output")

    # -- widgets ---------------------------------------------------------
    @staticmethod
    def output_signature(widget):
        """What the widget's output areas show now: their text, images and HTML (hashed).

        ``None`` when the widget has no output area. Read from the DOM
        (``textContent``), so it does not depend on the cell being on screen.
        """
        parts = widget.evaluate("""w => Array.from(w.querySelectorAll('.widget-output')).map(area => [
            area.textContent,
            ...Array.from(area.querySelectorAll('img, svg image')).map(i => i.getAttribute('src') || i.getAttribute('href') || ''),
            ...Array.from(area.querySelectorAll('.jp-RenderedHTMLCommon, .jp-RenderedSVG')).map(h => h.innerHTML),
        ])""")
        if not parts:
            return None
        text = "\n".join(area[0].strip() for area in parts)
        digest = hashlib.sha1("\0".join("\0".join(area) for area in parts).encode()).hexdigest()
        return f"{text}\n[{digest}]"

    def change_first_control(self, widget):
        """Change the first control of a widget as a student would; describe what was done.

        Sliders move one step with the keyboard (right, or left at the
        maximum), dropdowns pick another option, toggle buttons and radio
        buttons another choice, text boxes get a new sentence and Enter,
        checkboxes flip, buttons are clicked. Returns ``None`` if the widget
        has no control.
        """
        handle = widget.locator(".widget-slider .noUi-handle, .widget-hslider .noUi-handle").first
        if handle.count():
            now, top = handle.get_attribute("aria-valuenow"), handle.get_attribute("aria-valuemax")
            key = "ArrowLeft" if now is not None and top is not None and float(now) >= float(top) else "ArrowRight"
            handle.focus()
            handle.press(key)
            handle.evaluate("h => h.blur()")
            label = widget.locator(".widget-slider .widget-label, .widget-hslider .widget-label").first
            name = label.inner_text() if label.count() else "slider"
            return f"moved slider '{name}' from {now} with {key}"
        select = widget.locator(".widget-dropdown select").first
        if select.count():
            options = select.locator("option")
            current = select.evaluate("s => s.selectedIndex")
            target = 1 if current != 1 and options.count() > 1 else 0
            select.select_option(index=target)
            return f"picked option {target} ('{options.nth(target).inner_text()}') in a dropdown"
        toggles = widget.locator(".widget-toggle-buttons button")
        if toggles.count() > 1:
            for i in range(toggles.count()):
                if "mod-active" not in (toggles.nth(i).get_attribute("class") or ""):
                    toggles.nth(i).click()
                    return f"clicked toggle button {i}"
        radios = widget.locator(".widget-radio-box input[type=radio]")
        if radios.count() > 1:
            for i in range(radios.count()):
                if not radios.nth(i).is_checked():
                    radios.nth(i).check()
                    return f"chose radio button {i}"
        text = widget.locator(".widget-text input[type=text], .widget-textarea textarea").first
        if text.count():
            text.fill("this film was a wonderful surprise")
            text.press("Enter")
            text.evaluate("t => t.blur()")
            return "typed a sentence and pressed Enter"
        checkbox = widget.locator(".widget-checkbox input[type=checkbox]").first
        if checkbox.count():
            checkbox.click()
            return "flipped a checkbox"
        button = widget.locator("button.jupyter-button, .widget-button").first
        if button.count():
            button.click()
            return "clicked a button"
        return None
