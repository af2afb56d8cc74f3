"""`warta import`: raw pasted text, WordPress WXR exports and feeds become articles.

Each reader is a pure function from text or bytes to `Imported` records
(`rawtext`, `wxr`, `feeds`, with `dateline`, `date_mentions` and `tags` for what
they find in the text, `html2md` for HTML bodies); `markdown_file` turns records
into files and `command` is the thin click door. Importers never import the
build: what they write is content for the next build.
"""
