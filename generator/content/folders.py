"""Where a site keeps its sources, relative to the site folder."""

ARTICLES = "content/articles"
PAGES = "content/pages"
MEDIA = "content/media"
