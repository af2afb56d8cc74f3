"""Plan: from the site's records to the list of every file the build writes.

`site.py` indexes the articles (tags, authors, months, scheduling), `page.py`
defines a planned `Page` or `Copy` and its fingerprint, `planner.py` plans every
page (reusing the previous plan's memo), `feeds_and_lists.py` the archives,
feeds, sitemaps and redirects, `pagination.py` the stable pages of a list,
`sections.py` the home page (its lead and the editors' picks: `home_items`) and the
sections' lists, `redirects.py` what answers at every published address. The other
modules let an edit, a deletion, a move or a story filed late change the previous
site's memo without indexing the archive again (their docstrings, and
docs/architecture.md "Where a change goes"). Pure: no I/O.
"""
