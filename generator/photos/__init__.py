"""Photos as a newsroom publishes them: sized WebP and JPEG derivatives without EXIF,
made once per photo and kept under `.warta/photos/` (see docs/architecture.md)."""
