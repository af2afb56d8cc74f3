"""`warta import`: raw pasted text, WordPress WXR exports and feeds become articles.

Each reader is a pure function from text or bytes to `Imported` records
(`rawtext`, `wxr`, `feeds`); `writer` turns records into files and
`command` is the thin click door.
"""
