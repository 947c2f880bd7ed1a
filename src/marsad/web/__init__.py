"""The web layer: an Arabic, right-to-left reading room, the ``/api/v1`` JSON API, watch-list
feeds and e-mail digests, served by ``marsad serve``.

>>> from marsad.web import WebConfig, create_app
>>> app = create_app(WebConfig(db=None, token=None))   # no store: only POST /api/v1/analyze
>>> "/api/v1/analyze" in app.openapi()["paths"]
True

Modules: ``app`` (factory, body cap, security headers), ``errors`` (the one error shape),
``api`` (JSON routes, OpenAPI), ``pages`` (HTML routes), ``feeds`` (Atom), ``digest`` (e-mail),
``watch`` (watch-lists), ``data`` and ``queries`` (page records from the store), ``views``
(the records), ``highlight`` (facts in the text), ``charts`` (SVG), ``safe`` (hostile text),
``render`` (Jinja2).
"""

from marsad.web.app import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]
