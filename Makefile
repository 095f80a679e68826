# Two commands for a fresh machine with Python 3.11+ and make (see README):
#   make dashboard   set everything up, then start the dashboard
#   make test        set everything up, then run the whole test suite (the packaging test
#                    among it: the built wheel installed in a fresh virtual environment)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Re-install only when the project's metadata changes, so repeated runs start at once.
STAMP := $(VENV)/.installed

.PHONY: setup browser dashboard dev test lint check bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version 2>&1))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

setup: $(STAMP)

dashboard: $(STAMP)
	$(BIN)/streamlit run dashboard/app.py

# For working on the dashboard: Streamlit watches the source files and offers to rerun a page
# when one is saved (off in .streamlit/config.toml, where watching costs every run time).
dev: $(STAMP)
	$(BIN)/streamlit run dashboard/app.py --server.fileWatcherType auto

# The browser tests drive Debian's Chromium (no browser can be downloaded). Install it when we
# can (as root, with apt); otherwise say how, and the browser tests skip with that reason
# (except under CI=true, where a missing browser fails them).
browser:
	@if [ -n "$$SPECTRUM_CHROMIUM" ] || command -v chromium >/dev/null 2>&1 \
		|| command -v chromium-browser >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "--- installing Chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	else \
		echo "note: no Chromium found, so the browser tests will be skipped;" \
			"install it with 'sudo apt-get install chromium' or set SPECTRUM_CHROMIUM"; \
	fi

test: $(STAMP) browser
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy model dashboard personas

check: lint test

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_model.py
	$(BIN)/python benchmarks/bench_dashboard.py

clean:
	rm -rf $(VENV) artifacts build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
