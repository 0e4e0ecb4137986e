#!/usr/bin/env bash
# scripts/docker-pg-init.sh — run once by the postgres image on a new data
# directory (docker-compose.yml mounts it into /docker-entrypoint-initdb.d).
# The image creates the role and database "dataivr" from its environment;
# this adds the test database, as ./dataivr does natively.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -c "CREATE DATABASE dataivr_test OWNER $POSTGRES_USER"
