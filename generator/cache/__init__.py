"""The build cache in `.warta/cache.sqlite`: what the last builds parsed and wrote.

`store.py` holds the SQLite tables (sources' records and bodies, output files'
fingerprints, memos), `pages.py` the planned pages and which articles each
shows, `background_save.py` the save of a big load's records in a forked child.
Only the build (build/commit.py) commits its transactions.
"""
