"""Page contexts, Indonesian formatting filters and Jinja2 rendering."""
