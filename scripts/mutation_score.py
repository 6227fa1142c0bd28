"""Print the mutation score of the last `mutmut run` (make mutation): killed ÷ all mutants."""

import subprocess
from collections import Counter

lines = subprocess.run(
    ["mutmut", "results", "--all", "true"], capture_output=True, text=True, check=True
).stdout.splitlines()
states = Counter(line.rsplit(": ", 1)[1] for line in lines if ": " in line)
total = sum(states.values())
killed = states.get("killed", 0)
detail = ", ".join(f"{n} {state}" for state, n in sorted(states.items()))
print(f"mutation score: {killed}/{total} = {killed / total:.1%} ({detail})")
