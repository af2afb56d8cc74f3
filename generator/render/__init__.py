"""Render: planned pages to HTML files in a staging folder.

`renderer.py` is the Jinja2 environment with its filters and UI strings,
`theme.py` finds templates and static files, `template_sources.py` what a
template references, the PO catalogues and template errors with their lines,
`memo_tag.py` the `{% memo %}` tag, `jsonld.py` NewsArticle JSON-LD and JSON
Feed, `pool.py` renders in the main process and forked workers, `write.py`
stages files and moves them into the output folder atomically.
"""
