"""Content: what an editor writes, as data.

Pure parsing of the source files: frontmatter (`frontmatter.py`), Markdown to
HTML (`markup.py`), an article or page file to its frozen record (`parse.py`, its
`image` in `image.py`, authors `[authors]` does not know in `bylines.py`,
`model.py`), where the sources live (`folders.py`) and `warta new`'s file
(`new_article.py`). Nothing here knows about the cache, the plan or the output.
"""
