"""gunicorn's access log, with each request line made loggable by ``iop_portal.logs``: no
query string (a staff search term), no screener page (which page a person reached, crisis
included, or a resume-link token), and no referrer (it carries the previous page's query)."""

from gunicorn.glogging import Logger

from .logs import loggable_path


class AccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path = loggable_path(environ.get("PATH_INFO", ""))
        atoms["U"] = path
        atoms["q"] = ""
        atoms["f"] = "-"
        atoms["r"] = (
            f"{environ.get('REQUEST_METHOD', '-')} {path} {environ.get('SERVER_PROTOCOL', '-')}"
        )
        return atoms
