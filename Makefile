# The verbs a newcomer needs. `make up` and `make test` do all set-up on a fresh machine.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PROTO_FILES := $(wildcard protos/casework/v1/*.proto)
VAR_DIR := $(or $(CASEWORK_VAR_DIR),var)

.PHONY: up test test-fast test-chaos protos lint migrate demo bench venv tools clean

venv: $(STAMP)

# Creates the virtualenv if missing and installs the project with its dev tools; runs
# again whenever pyproject.toml changes.
$(STAMP): pyproject.toml
	@test -x $(PY) || python3.11 -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

# Tools from Debian that the tests use: promtool (package prometheus) checks and
# unit-tests the alert rules in deploy/prometheus/. Installed only when missing, as root
# or with sudo. Only promtool is used: on a machine run by systemd the package also
# starts a Prometheus server on :9090 (`systemctl disable --now prometheus` stops it);
# in a container whose policy-rc.d forbids starting services (CI's) nothing starts.
tools:
	@command -v promtool >/dev/null || { \
		sudo=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends prometheus; }
	@promtool --version | head -1

# Regenerates the Python code for the contracts (committed; tests/unit/test_protos.py
# fails when it is stale) and lints them.
protos: $(STAMP)
	$(PY) -m grpc_tools.protoc -I protos --python_out=protos --pyi_out=protos \
		--grpc_python_out=protos $(PROTO_FILES)
	$(VENV)/bin/buf lint protos

# Applies every service's Alembic migrations to its database (SQLite files in var/ by
# default, DATABASE_URL for PostgreSQL).
migrate: $(STAMP)
	@mkdir -p $(VAR_DIR)
	$(PY) -m common.migrate

# Starts the Temporal dev server, the four services and the worker; Ctrl-C stops them all.
up: protos migrate
	$(PY) -m deploy.local

# Drives a handful of realistic cases through the running stack's public gRPC API.
demo: $(STAMP)
	$(VENV)/bin/casework demo

# Unit, workflow and end-to-end tests (tests/unit/test_protos.py runs buf lint too);
# DATABASE_URL=postgresql://... runs them against PostgreSQL.
test: $(STAMP) tools
	$(PY) -m pytest -q

# Everything but the end-to-end tests, which start the real stack.
test-fast: $(STAMP) tools
	$(PY) -m pytest -q -m "not e2e"

# The chaos run (tests/chaos): a few hundred cases through the real stack while the
# worker, each service and the Temporal dev server are killed -9 and restarted, then
# checks that every case rests where it should and nothing is duplicated or
# half-written; prints its figures. DATABASE_URL=postgresql://... puts the services on
# PostgreSQL. Not part of `make test`: one pass takes about six minutes.
test-chaos: $(STAMP)
	$(PY) -m tests.chaos

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/buf lint protos

# Throughput benchmarks, printed as ratios against a baseline measured in the same run.
bench: $(STAMP)
	$(PY) -m tests.bench

clean:
	rm -rf $(VAR_DIR) .pytest_cache
