"""nbgrader's ``Execute``, with a kernel manager that adopts the kernel started early (``grading.early_kernel``)."""
from nbgrader.preprocessors import Execute as NbgraderExecute

from .early_kernel import EarlyKernelManager


class Execute(NbgraderExecute):
    """nbgrader's ``Execute``; without an early kernel, exactly nbgrader's."""

    def __init__(self, *args, **kwargs):
        # nbgrader sets its own manager class the same way, so configuration cannot replace it
        kwargs.setdefault("kernel_manager_class", EarlyKernelManager)
        super().__init__(*args, **kwargs)
