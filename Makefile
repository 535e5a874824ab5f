# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make lab    set up, then open JupyterLab on the hub notebook
#   make test   set up, then run every test (lint, unit, data, notebooks with nbval, browser when available)
# Set-up is a virtual environment in .venv, installed from requirements.txt pinned by constraints.txt.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PIP    := $(BIN)/python -m pip --disable-pip-version-check --quiet
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))
LAB_PORT ?= 8888
# Jupyter refuses to run as root unless told; containers and CI machines often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
# Kernels run in notebooks/: a relative CORPUS_DIR is made absolute before any kernel starts.
CORPUS_ENV := $(if $(CORPUS_DIR),CORPUS_DIR=$(abspath $(CORPUS_DIR)),)

.PHONY: class binder-link help setup lab test unit nbtest browser screenshots lint validate tables report notebooks bench bench-validate bench-tables bench-suggest bench-discover bench-independence bench-scale bench-scale-reuse accuracy train-sourcing cue-errors lock clean

help:
	@echo "make lab      open the notebooks in JupyterLab (sets everything up first)"
	@echo "make test     run every test (sets everything up first)"
	@echo "make class    serve the student lesson to the room's browsers (Voilà, class code printed; CLASS_CODE, STUDENT_DIR, CLASS_ARTICLE)"
	@echo "make binder-link  print the Binder address of the student app (from the GitHub remote)"
	@echo "make report   execute all notebooks into a static HTML report in build/report/ (build/report/NAME/ with CORPUS_DIR)"
	@echo "make notebooks  re-execute every notebook in place; with CORPUS_DIR=DIR, into build/notebooks/NAME/"
	@echo "make bench    run the reuse benchmark and print its table; make bench-validate / bench-tables time validate and tables at scale"
	@echo "make bench-scale  every notebook, tables and add at 1,000 real articles (PolNeAR under DATA; skipped when absent)"
	@echo "make bench-scale-reuse  the reuse scan in one process and on a 2-worker Dask cluster, 10,000 and 100,000 articles"
	@echo "make bench-suggest  suggested claim codings measured leave-one-article-out, and timed on 1,000 articles"
	@echo "make bench-discover claims discovered across articles measured against the reference, and timed on 1,000 PolNeAR articles (DATA=...)"
	@echo "make browser  only the JupyterLab-in-Chromium tests; make screenshots refreshes docs/screenshots/"
	@echo "make accuracy the detectors measured on outside annotated data (DATA=../shared/data; skipped when absent)"
	@echo "make train-sourcing  re-train the attribution cue tagger on PolNeAR train (DATA=...; skipped when absent)"
	@echo "make cue-errors      the cue tagger's misses and false cues on held-out folds of PolNeAR train, by category"
	@echo "make validate check the corpus and codings; make tables writes the CSV tables to build/tables/"
	@echo "make lock     re-pin constraints.txt from the current environment"

setup: $(STAMP)

$(STAMP): requirements.txt constraints.txt pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 not found: install it or run make PYTHON=/path/to/python3.11"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3, 11) else "Python 3.11 or newer is needed, found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.txt -c constraints.txt
	$(PIP) install --no-build-isolation --no-deps -e .
	@touch $@

# The project's JupyterLab defaults (no news or update prompts) live in .jupyter/lab/settings/overrides.json;
# the user's own settings stay in their home directory.
LAB_FLAGS := --LabApp.app_settings_dir=$(CURDIR)/.jupyter/lab/settings --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate
# With CORPUS_DIR set, executed notebooks and the report go under build/, named after the corpus folder.
CORPUS_NAME := $(notdir $(abspath $(CORPUS_DIR)))

lab: $(STAMP)
	$(CORPUS_ENV) $(BIN)/jupyter lab --ServerApp.port=$(LAB_PORT) $(ROOT_FLAG) $(LAB_FLAGS) notebooks/00-overview.ipynb

# The student app on this machine for every browser on the room's network, behind a class code;
# every save goes to the class folder ($$STUDENT_DIR, default student_codings/). Ctrl-C ends the class.
class: $(STAMP)
	$(CORPUS_ENV) $(BIN)/python -m helpers.classroom.serve

binder-link: $(STAMP)
	@$(BIN)/python -m helpers.classroom.serve --binder-link

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m helpers validate
	$(BIN)/pytest tests notebooks --nbval --nbval-current-env -p no:cacheprovider
	@command -v chromium >/dev/null || echo "note: Chromium is not installed, so the browser tests were skipped (apt-get install chromium)"

browser: $(STAMP)
	$(BIN)/pytest tests/browser -p no:cacheprovider

screenshots: $(STAMP)
	$(BIN)/pytest tests/browser -p no:cacheprovider -k "readme_views"
	mkdir -p docs/screenshots
	cp build/screenshots/claim-matrix.png build/screenshots/day-by-day.png build/screenshots/derivation-graph.png docs/screenshots/
	$(BIN)/pytest tests/browser/test_class.py -p no:cacheprovider
	cp build/screenshots/class-student.png build/screenshots/class-feedback.png build/screenshots/class-teacher.png build/screenshots/class-debrief.png docs/screenshots/
	@# the README's summary view at 300 articles: only with the outside data (DATA), else the stored one stays
	DATA=$(abspath $(DATA)) $(BIN)/pytest tests/browser/test_scale.py -p no:cacheprovider -k sourcing
	@test ! -f build/screenshots/scale-sourcing-per-outlet.png || cp build/screenshots/scale-sourcing-per-outlet.png docs/screenshots/

unit: $(STAMP)
	$(BIN)/pytest tests -m "not slow and not browser" -p no:cacheprovider

nbtest: $(STAMP)
	$(BIN)/pytest notebooks --nbval --nbval-current-env -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check .

validate: $(STAMP)
	$(BIN)/python -m helpers validate

tables: $(STAMP)
	$(BIN)/python -m helpers tables --out build/tables

report: $(STAMP)
	$(CORPUS_ENV) $(BIN)/python -m helpers.report build/report$(if $(CORPUS_DIR),/$(CORPUS_NAME),)

# Without CORPUS_DIR: re-execute the repository's notebooks in place. With it: write the executed
# notebooks to build/notebooks/<corpus folder name>/ and leave the repository's notebooks alone.
notebooks: $(STAMP)
	$(CORPUS_ENV) $(BIN)/jupyter nbconvert --to notebook --execute \
	  $(if $(CORPUS_DIR),--output-dir=build/notebooks/$(CORPUS_NAME),--inplace) \
	  --ExecutePreprocessor.record_timing=False --ExecutePreprocessor.store_widget_state=False \
	  --ExecutePreprocessor.timeout=600 $(NOTEBOOKS)

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# Outside annotated data for make accuracy (never copied into the repository); skipped when absent.
DATA ?= ../shared/data

accuracy: $(STAMP)
	$(BIN)/python -m benchmarks.accuracy $(DATA)

# Re-train the shipped cue tagger (helpers/sourcing/data/cue_model.json) on PolNeAR train; then run make accuracy.
train-sourcing: $(STAMP)
	$(BIN)/python benchmarks/train_sourcing.py $(DATA)

# Missed and false cues of the tagger on held-out folds of PolNeAR train, by category (FOLDS=1..5).
FOLDS ?= 1
cue-errors: $(STAMP)
	$(BIN)/python -m benchmarks.cue_errors $(DATA) --folds=$(FOLDS)

bench-validate: $(STAMP)
	$(BIN)/python -m benchmarks.validate_bench

bench-tables: $(STAMP)
	$(BIN)/python -m benchmarks.tables_bench

bench-independence: $(STAMP)
	$(BIN)/python -m benchmarks.independence $(DATA)

bench-suggest: $(STAMP)
	$(BIN)/python -m benchmarks.suggest_bench

bench-discover: $(STAMP)
	$(BIN)/python -m benchmarks.discover_bench $(DATA)

# Pins pip freeze cannot see on Linux: dependencies installed on Windows only (tqdm's colorama).
WINDOWS_ONLY_PINS := colorama==0.4.6
# Every notebook, tables, validate and add of a folder at 1,000 real articles (PolNeAR under DATA; skipped when absent).
bench-scale: $(STAMP)
	$(BIN)/python -m benchmarks.scale_bench --data $(DATA)
# The reuse scan in one process against a 2-worker Dask LocalCluster at 10,000 and 100,000 articles.
bench-scale-reuse: $(STAMP)
	$(BIN)/python -m benchmarks.reuse_scale_bench

lock: $(STAMP)
	@{ echo "# Full pinned environment for requirements.txt; regenerate with 'make lock'."; \
	   { $(BIN)/python -m pip freeze --exclude-editable --all | grep -v '^-e'; \
	     printf '%s\n' $(WINDOWS_ONLY_PINS); } | sort -fu; } > constraints.txt.tmp
	@mv constraints.txt.tmp constraints.txt
	@echo "constraints.txt updated: review environment.yml (tests/test_environment.py checks they agree)"

clean:
	rm -rf build $(VENV) .pytest_cache .ruff_cache
