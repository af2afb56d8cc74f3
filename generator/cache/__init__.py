"""The build cache in `.warta/cache.sqlite`: what the last builds parsed and wrote.

`store.py` holds the SQLite tables (sources' records and bodies, output files'
fingerprints, memos), `version.py` the key a cache must have been written with
to be trusted, `pages.py` the planned pages and which articles each shows, and
`articles.py` the articles the quick path reads on demand. Only the build's
commit stage (build/commit.py) writes here and ends transactions.
"""
