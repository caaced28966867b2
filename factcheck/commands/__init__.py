"""One module per command: the work behind each `factcheck` command."""
