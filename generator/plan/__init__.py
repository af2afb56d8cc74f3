"""Plan: from the site's records to the list of every file the build writes.

`site.py` indexes the articles (tags, authors, months, scheduling), `page.py`
defines a planned `Page` or `Copy` and its fingerprint, `planner.py` plans every
page (reusing the previous plan's memo), `feeds_and_lists.py` the archives,
feeds, sitemaps and redirects, `pagination.py` the stable pages of a list. Pure:
no I/O.
"""
