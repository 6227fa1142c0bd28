"""Small timing helpers: median of repeated runs after a warm-up."""

import statistics
import time


def median_seconds(func, *, repeat: int = 50, warmup: int = 5) -> float:
    for _ in range(warmup):
        func()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def report(name: str, seconds: float, baseline: float) -> None:
    print(f"{name:<48} {seconds * 1000:8.2f} ms  {seconds / baseline:6.2f}× baseline")
