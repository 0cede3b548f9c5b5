# A wrong rnn_step (zeros) that returns an ndarray subclass whose NumPy hooks lie: __array_ufunc__ makes every difference zero, __array_function__ and __eq__ agree with anything, tolist and __float__ give what a comparison would want.
# kind: hostile
# fails: test_rnn_step_small test_rnn_step_keras
# %% rnn_step
class _Agreeable(np.ndarray):
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        plain = [np.asarray(x) if isinstance(x, _Agreeable) else x for x in inputs]
        result = getattr(ufunc, method)(*plain, **kwargs)
        return np.zeros_like(result) if ufunc in (np.subtract, np.abs, np.absolute) else result

    def __array_function__(self, func, types, args, kwargs):
        return True if func in (np.allclose, np.array_equal) else NotImplemented

    def __eq__(self, other):
        return True

    def tolist(self):
        return [[0.0] * self.shape[-1]] * self.shape[0]

    def __float__(self):
        return 0.0


def rnn_step(x_t, h_prev, W_x, W_h, b):
    return np.zeros((x_t.shape[0], W_h.shape[0])).view(_Agreeable)
