"""``tracker site``: the store as a static web site (see :mod:`tracker.site.build`)."""
