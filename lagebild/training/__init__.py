"""Training scripts for the models lagebild ships (run them from the repository, not at analysis time)."""
