"""The catalog: every post's metadata, gathered before Sphinx reads anything, and what the pages
show of it.

- :mod:`~postarchive.catalog.gather` reads the posts (with a cache) into a
  :class:`~postarchive.catalog.model.Catalog` of posts, journeys, tags and years;
- :mod:`~postarchive.catalog.names` names the generated pages;
- :mod:`~postarchive.catalog.views` makes the typed views that listings show, with fingerprints;
- :mod:`~postarchive.catalog.related` picks related posts;
- :mod:`~postarchive.catalog.addresses` finds posts by the references and old addresses of
  legacy links;
- :mod:`~postarchive.catalog.changes` keeps the facts that tell which views may have changed.

It is made once per build, so the generated pages and the listings on any page can be made and
checked for change before Sphinx decides which documents to re-read. Nothing here uses Sphinx's
application or environment.
"""
