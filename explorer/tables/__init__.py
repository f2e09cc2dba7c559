"""Tables of evaluated frames: summaries of sweeps, population aggregates, policy questions."""
