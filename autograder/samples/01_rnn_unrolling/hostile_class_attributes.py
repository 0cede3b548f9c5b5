# A wrong rnn_param_count (no biases) whose cell replaces methods and fields of the checks' classes (Registry.run, the frozen STANDARD check's judge), which no module-level guard sees. The visible checks of every later cell then record nothing, so the correct make_windows loses its marks too.
# kind: hostile
# beats-kernel: yes
# fails: test_rnn_param_count test_make_windows_small test_make_windows_hidden
# flags: possible tampering
# %% rnn_param_count
def rnn_param_count(input_dim, units, output_dim):
    return units * (input_dim + units) + output_dim * units

import course.exercises

course.exercises.Registry.run = lambda self, grade_id, func, quiet=False: print(f"{func.__name__} passes.")
object.__setattr__(course.exercises.STANDARD, "judge", lambda recorded, case, exercise: [])
