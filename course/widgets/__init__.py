"""Interactive explorers (ipywidgets), one module per explorer.

Every explorer takes the student's own function as an argument (the package
holds no answers), shows a friendly note instead of a traceback while that
function is still a stub, and keeps what it displays in ``explorer.data`` so
tests can drive the controls and check the picture without a browser.
"""
from .base import Explorer, NotAnsweredYet  # noqa: F401
from .unroll import UnrollStepper  # noqa: F401
from .sampling import TemperatureExplorer  # noqa: F401
from .sentiment import SentencePredictor  # noqa: F401
from .gradients import GradientFlowExplorer  # noqa: F401
from .gates import GateExplorer  # noqa: F401
from .forecast import ForecastExplorer  # noqa: F401
from .attention import AttentionExplorer  # noqa: F401
from .embeddings import EmbeddingExplorer  # noqa: F401
