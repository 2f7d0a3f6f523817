-- PostGIS is required in both PGlite and PostgreSQL; fail early with PostgreSQL's own message if it is missing.
CREATE EXTENSION IF NOT EXISTS postgis;
