"""Build: the pipeline that runs the stages in order (`pipeline.py`).

`options.py` holds what a build is asked (`BuildOptions`) and what it did
(`BuildResult`), `loader.py` finds and parses the sources that changed,
`quick.py` and `append.py` the quick path for an edit or today's news,
`memos.py` what one build leaves the next, `search.py` the search stage (the
stale shards of the index, generator/search/).
"""
