"""Pure column functions implementing the rules; one module per part of the guidance."""
