"""Server services: the work behind the routes, on SQLAlchemy Core."""
