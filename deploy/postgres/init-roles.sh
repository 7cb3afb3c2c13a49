#!/bin/sh
# Runs once, when the PostgreSQL volume is first created (/docker-entrypoint-initdb.d).
# Two roles: iop_owner owns the schema and runs the migrations; iop_app is what web, worker
# and beat connect as. iop_app gets row access only (manage.py db_grant_app_role, run by the
# migrate service after every migrate), so it can neither TRUNCATE nor disable the audit
# trail's trigger. See docs/operations.md, "Database roles".
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<SQL
CREATE ROLE iop_owner LOGIN PASSWORD '${POSTGRES_OWNER_PASSWORD}';
CREATE ROLE iop_app LOGIN PASSWORD '${POSTGRES_APP_PASSWORD}';
ALTER DATABASE "${POSTGRES_DB}" OWNER TO iop_owner;
ALTER SCHEMA public OWNER TO iop_owner;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO iop_app;
SQL
