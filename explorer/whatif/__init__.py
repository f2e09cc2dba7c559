"""What if: reforms, the readings of the guidance, and baseline-versus-reform comparisons."""
