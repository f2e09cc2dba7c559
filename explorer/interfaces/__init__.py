"""Ways out: the command line, reports (HTML, PDF) and file export."""
