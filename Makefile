# The single entry point. `make serve` and `make test` set everything up themselves.
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
PORT   ?= 8000

.PHONY: help serve build preview test check paths bench audit clean reviews lint requirements

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $@

serve: $(STAMP) ## build and serve the site on http://127.0.0.1:8000 (another port: make serve PORT=8001)
	$(PY) -m scripts.staff.serve --port $(PORT)

build: $(STAMP) ## build the site into site/, failing on any warning (site/ is left empty then)
	$(PY) -m mkdocs build --strict || { rm -rf site; exit 1; }

# Pages as files (faq.html, not faq/), so the copy opens by double-clicking
# preview/index.html, with no server; with staff's "Edit this page" pencils.
# CI uploads it with every pull request.
preview: $(STAMP) ## build a copy of the site to open from your computer: preview/index.html
	EDIT_LINKS=true $(PY) -m mkdocs build --strict --no-directory-urls --site-dir preview

# pytest keeps the test modules it rewrites for its asserts in __pycache__, so
# each of its workers does not rewrite them all again (some machines turn that off).
test: export PYTHONDONTWRITEBYTECODE :=
test: $(STAMP) ## run the whole test suite (installs Chromium if needed)
	bash scripts/ensure_chromium.sh
	@# A content mistake stops here, in the build's own words, said once. Not
	@# quietened: MkDocs 1.6 counts strict warnings from its log (tests/test_build_commands.py).
	$(PY) -m mkdocs build --strict --site-dir .cache/test-site
	@# ... and the tests use that build (tests/conftest.py: site), not one of their own.
	SLSR_TEST_SITE=.cache/test-site $(PY) -m pytest

check: $(STAMP) ## validate every quiz tree
	$(PY) -m scripts.quiz check

paths: $(STAMP) ## print every quiz path as a table for clinical sign-off
	$(PY) -m scripts.quiz paths

bench: $(STAMP) ## build times against stock Material, what the quiz costs, a quiz step in the browser
	bash scripts/ensure_chromium.sh
	$(PY) -m scripts.measure.bench

audit: $(STAMP) ## Lighthouse on every kind of page, mobile and desktop, against stock Material (installs Lighthouse once)
	bash scripts/ensure_chromium.sh
	$(PY) -m scripts.measure.audit

lint: $(STAMP) ## check the spelling and Markdown style of the articles and guides
	$(PY) -m scripts.staff.lint

reviews: $(STAMP) ## list every article and quiz with its review dates (current, due soon, overdue)
	$(PY) -m scripts.build.reviews

# pip-tools: requirements.in (direct dependencies) -> requirements.txt (every package, pinned).
# `make requirements UPGRADE=mkdocs-material` upgrades one package; pins stay otherwise.
requirements: $(STAMP) ## recompile requirements.txt from requirements.in
	CUSTOM_COMPILE_COMMAND="make requirements" $(PY) -m piptools compile --quiet --strip-extras \
	  --unsafe-package pip --no-emit-index-url --no-emit-find-links \
	  $(if $(UPGRADE),--upgrade-package $(UPGRADE)) --output-file requirements.txt requirements.in

clean: ## remove what builds and tests leave behind (site/, preview/, caches)
	rm -rf site preview .pytest_cache .hypothesis

help: ## list every command with what it does
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z]+):.*## /  make \1\t/' | expand -t 22
