# A cell allocates memory without bound: the kernel's memory limit turns it into a MemoryError.
# kind: hostile
# fails:
# flags: ran out of memory
# %% after rnn_step
def eat_memory():
    blocks = []
    while True:
        blocks.append(np.zeros(250_000_000))    # 2 GB more address space each time
eat_memory()
