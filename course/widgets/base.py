"""The common shape of every explorer: controls, an output area, inspectable data."""
import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import HTML, display


class NotAnsweredYet(Exception):
    """The student function an explorer needs still raises NotImplementedError."""


class Explorer:
    """Base class: subclasses build ``self.controls`` and implement ``draw()``.

    ``draw()`` computes what to show, stores it in ``self.data`` (a dict) and
    returns a matplotlib figure (or ``None``). Changing any control redraws.
    """

    #: name of the student function the explorer needs, for the "answer it first" note
    needs = "the exercise above"

    def __init__(self, controls):
        self.controls = list(controls)
        self.output = widgets.Output()
        self.data = {}
        self.ready = True
        self.message = ""
        for control in self.controls:
            control.observe(self._on_change, names="value")
        self.widget = widgets.VBox([widgets.HBox(self.controls), self.output])
        self.refresh()

    def _on_change(self, _change):
        self.refresh()

    def call_student(self, function, *args, **kwargs):
        """Call the student's function; a stub becomes ``NotAnsweredYet``."""
        try:
            return function(*args, **kwargs)
        except NotImplementedError:
            raise NotAnsweredYet(self.needs) from None

    def refresh(self):
        """Recompute and redraw; errors from the student's code are shown, not raised."""
        self.output.clear_output(wait=True)
        with self.output:
            try:
                figure = self.draw()
                self.ready, self.message = True, ""
            except NotAnsweredYet:
                self.ready = False
                self.message = f"Answer `{self.needs}` above first: this explorer runs your function."
                display(HTML(f"<p><i>{self.message}</i></p>"))
                return
            except Exception as err:  # show the student's error where they look
                self.ready = False
                self.message = f"Your `{self.needs}` raised {type(err).__name__}: {err}"
                display(HTML(f"<p style='color:#a00'>{self.message}</p>"))
                return
            if figure is not None:
                display(figure)
                # closed so the inline backend does not draw it a second time
                plt.close(figure)

    def draw(self):  # pragma: no cover - subclasses implement it
        raise NotImplementedError

    def _ipython_display_(self):
        display(self.widget)
