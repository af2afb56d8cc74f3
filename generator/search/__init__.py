"""The search index: articles in bounded shards, each its own Pagefind bundle.

`records.py` turns an article and its body into what Pagefind indexes,
`shards.py` says which articles each shard holds and its key, `service.py`
talks to Pagefind's indexing service, and `bundles.py` keeps `output/pagefind/`:
each stale shard indexed again into its own folder, the others left byte for byte;
`corrections.py` finds the older records the corrections shard replaces;
`filters.py` gathers what the search page's filters need into `filters.json`.
"""
