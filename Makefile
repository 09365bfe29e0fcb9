# Site machinery. Needs only python3.11 (Debian); everything else is installed here.
#   make site   generate docs/zh, docs/en and build the site into site/
#   make test   all tests, browser tests included (installs Debian's chromium if missing)
#   make serve  live preview on http://127.0.0.1:8000/
#   make lint   ruff

PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.requirements-installed

# Material 9.8.1 prints a multi-line banner about MkDocs 2.0 on every run.
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: site test serve lint venv chromium

site: $(STAMP)
	$(PY) -m build_tools build

test: $(STAMP) chromium
	$(PY) -m pytest -q

serve: $(STAMP)
	$(PY) -m build_tools build
	$(VENV)/bin/mkdocs serve -f .mkdocs.generated.yml --dev-addr 127.0.0.1:8000

lint: $(STAMP)
	$(VENV)/bin/ruff check .

venv: $(STAMP)

$(PY):
	$(PYTHON) -m venv $(VENV)

# Re-installs only when requirements.txt is newer than the stamp.
$(STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# Browser tests use Debian's chromium (Playwright's own browser download is not
# reachable here); a small CJK font makes Chinese screenshots legible.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  apt-get update && apt-get install -y --no-install-recommends chromium fonts-wqy-microhei; \
	fi
