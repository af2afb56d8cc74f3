"""`warta serve`: the preview server.

`watch.py` turns file events into debounced changes, `preview.py` holds the
shared state and the build thread, `http.py` the request handler (safe paths,
reload script, error overlay), `command.py` wires them together.
"""
