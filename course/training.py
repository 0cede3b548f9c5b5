"""``course.fit``: ``model.fit`` with the course's grading budget applied in one place.

A notebook trains with ``history = course.fit(model, x, y, epochs=12, batch_size=64)``,
a plain training call. Everything that is about running under nbgrader rather
than about the lesson happens here:

- under grading (``NBGRADER_EXECUTION`` set) the model trains one epoch of
  ``grading_steps`` batches and validates on one batch, so a graded notebook
  runs in seconds; no graded test depends on how well a model trained;
- those few batches run eagerly: tracing a recurrent model's training step
  into a graph costs 1.5 to 3 s, more than the batches themselves (predictions
  afterwards are traced as usual);
- the optimizer's variables are created before the first step: Keras would
  otherwise create them inside it, and TensorFlow would trace that step twice.
  (Compile with metric objects, ``keras.metrics.BinaryAccuracy(name="accuracy")``,
  not the string ``"accuracy"``, for the same reason.)
"""
from .runtime import GRADING


def _is_array(value):
    return hasattr(value, "shape") and hasattr(value, "__getitem__") and not hasattr(value, "element_spec")


def _first(value, n):
    if isinstance(value, (tuple, list)):
        return type(value)(_first(v, n) for v in value)
    return value[:n] if _is_array(value) else value


def fit(model, x, y=None, *, epochs=1, batch_size=None, steps_per_epoch=None, validation_data=None,
        validation_steps=None, grading_steps=1, **kwargs):
    """Train a compiled Keras model like ``model.fit`` and return its ``History``.

    ``x``, ``y`` and ``validation_data`` are what ``model.fit`` takes: arrays
    (``x`` of shape (N, ...)) or a dataset/generator with ``steps_per_epoch``.
    Under grading only ``grading_steps`` batches of one epoch are trained.
    """
    if GRADING:
        epochs = 1
        if _is_array(x):
            n = grading_steps * (batch_size or 32)
            x, y = _first(x, n), _first(y, n)
            steps_per_epoch = None
        else:
            steps_per_epoch = grading_steps
        if validation_data is not None:
            if isinstance(validation_data, tuple):
                validation_data = _first(validation_data, batch_size or 32)
                validation_steps = None
            else:
                validation_steps = 1
        model.run_eagerly = True
    if model.optimizer is not None and not model.optimizer.built:
        model.optimizer.build(model.trainable_variables)
    try:
        return model.fit(x, y, epochs=epochs, batch_size=batch_size, steps_per_epoch=steps_per_epoch,
                         validation_data=validation_data, validation_steps=validation_steps, **kwargs)
    finally:
        model.run_eagerly = False
