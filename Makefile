# Recurrent Neural Networks and LSTMs, hands-on
#   students:    make install && make lab
#   instructors: make release, make autograde, make lab-instructor
#   developers:  make test
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
# nbgrader shells out to alembic and jupyter: the venv's bin must come first.
export PATH := $(BIN):$(PATH)
ASSIGNMENTS := $(sort $(notdir $(wildcard source/[0-9]*)))
PORT ?= 8888
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: help install lab lab-instructor checks release student-repo strip samples autograde feedback export hub hub-install bench test test-fast test-browser test-hub screenshots clean

help:
	@echo "make install         create .venv with the pinned dependencies and the course package"
	@echo "make lab             JupyterLab on release/ (students)"
	@echo "make lab-instructor  JupyterLab on the course root with nbgrader's formgrader (instructors)"
	@echo "make release         regenerate release/ from source/ with nbgrader generate_assignment"
	@echo "make checks          after editing a registry: stored cases, test cells, release, README map"
	@echo "make student-repo    write build/student/: what students receive (no solutions, hidden cases or samples)"
	@echo "make samples         copy the sample submissions into autograder/submitted/"
	@echo "make autograde       grade everything in autograder/submitted/ (JOBS=N at a time), export grades and feedback"
	@echo "                     ARGS=\"--dask-scheduler tcp://HOST:8786\" grades on a Dask cluster, ARGS=\"--slurm ...\" on Slurm (README)"
	@echo "make feedback        rebuild feedback pages from the gradebook (manual grades too); ARGS=\"--release\" publishes them"
	@echo "make export          grades for an LMS: nbgrader's CSV and one row per student (autograder/lms_grades.csv), autograder/report.html"
	@echo "make hub             the course on a JupyterHub for a class (deploy/hub/, README: Run the course for a class)"
	@echo "make bench           run times, peak memory, grading cost, time to quality vs the lecture (bench/results.json, README table)"
	@echo "make test            run the whole test suite (notebooks, nbgrader loop, package, browser)"
	@echo "make test-hub        the whole class loop on a hub in headless Chromium (release, submit, grade, feedback)"
	@echo "make test-browser    JupyterLab in headless Chromium: every notebook as student and instructor"
	@echo "make screenshots     refresh docs/screenshots/ (the README's widget images) from the browser test"
	@echo "make clean           remove the grading workspace and caches (keeps .venv)"

# tools/install.py is the one recipe (students without make run it directly): the venv, the pins,
# the course package, nbgrader's extensions enabled inside the venv only (nothing global).
install:
	$(PYTHON) tools/install.py

lab:
	$(PYTHON) tools/lab.py --port=$(PORT) $(LAB_ARGS)

lab-instructor:
	@echo "JupyterLab on the course root (instructors): edit source/, Nbgrader > Formgrader"
	$(BIN)/jupyter lab --ServerApp.root_dir=. --port=$(PORT)

# What students receive: release/, course/, data/, a student README and Makefile; no solutions,
# hidden cases, references or samples (tests/test_student_repo.py proves it).
student-repo:
	$(BIN)/python -m tools.student_repo --out build/student

# After editing a registry (course/exercises/, grading/): stored cases, test cells, release, README map.
checks:
	$(BIN)/python -m grading.build
	$(BIN)/python -m tools.sync_tests
	$(MAKE) --no-print-directory release
	$(BIN)/python -m tools.readme_map

release:
	@for a in $(ASSIGNMENTS); do \
	  $(BIN)/nbgrader generate_assignment $$a --force --log-level=WARN || exit 1; \
	  echo "release/$$a regenerated from source/$$a"; \
	done

strip:
	$(BIN)/jupyter nbconvert --log-level=WARN --clear-output --inplace source/*/*.ipynb
	@echo "outputs stripped from source/*/*.ipynb (nbgrader metadata kept)"

samples:
	$(BIN)/python -m autograder.samples_to_submitted
	@echo "sample submissions are in autograder/submitted/ (students sample-*, solution, release)"

autograde:
	$(BIN)/python -m autograder.autograde --jobs $(JOBS) $(ARGS)

# After manual grading in the formgrader: pages from the gradebook, where release_feedback looks.
feedback:
	$(BIN)/python -m autograder.feedback_pages $(ARGS)

export:
	$(BIN)/python -m autograder.export $(ARGS)

# configurable-http-proxy, JupyterHub's proxy, from npm at the version package-lock.json pins
HUB_PROXY := deploy/hub/node_modules/.bin/configurable-http-proxy
$(HUB_PROXY): deploy/hub/package.json deploy/hub/package-lock.json
	npm ci --prefix deploy/hub --no-audit --no-fund --loglevel=error
	@touch $@

hub-install: $(HUB_PROXY)

# ARGS="--accounts system --exchange /srv/nbgrader/exchange --ip 0.0.0.0" on a server (README)
hub: $(HUB_PROXY)
	$(BIN)/python deploy/hub/launch.py $(ARGS)

# About an hour on 2 cores; ARGS="--only quality --seeds 1" runs one part (README: Benchmark).
bench:
	$(BIN)/python -m bench.run --jobs $(JOBS) $(ARGS)

test:
	$(BIN)/python -m pytest -n 2 --dist loadfile --ignore=tests/browser --ignore=tests/hub tests
	$(MAKE) --no-print-directory test-browser
	$(MAKE) --no-print-directory test-hub
	@echo "make test: all tests passed"

# JupyterLab from .venv driven by Debian's Chromium (apt-get install chromium;
# .ci/run installs it) through Playwright; screenshots land in artifacts/browser/.
test-browser:
	@rm -f artifacts/browser/timings.txt artifacts/browser/checked.txt
	@$(BIN)/python -m pytest -q tests/browser; status=$$?; \
	  cat artifacts/browser/timings.txt 2>/dev/null; \
	  echo "what was checked: artifacts/browser/checked.txt, screenshots: artifacts/browser/*.png"; exit $$status

# A hub on loopback, four users in Chromium, the whole grading loop; artifacts/hub/.
test-hub: $(HUB_PROXY)
	@rm -f artifacts/hub/timings.txt
	@$(BIN)/python -m pytest -q tests/hub; status=$$?; \
	  cat artifacts/hub/timings.txt 2>/dev/null; \
	  echo "screenshots: artifacts/hub/*.png, logs: artifacts/hub/*.log"; exit $$status

screenshots:
	COURSE_SCREENSHOTS_DIR=docs/screenshots $(BIN)/python -m pytest -q tests/browser -k "student_notebooks"
	@ls -l docs/screenshots/*.png

test-fast:
	$(BIN)/python -m pytest -m "not slow" tests

clean:
	rm -rf autograder/submitted autograder/autograded autograder/feedback autograder/gradebook.db \
	       autograder/grades.csv autograder/lms_grades.csv autograder/nbgrader_grades.csv \
	       autograder/report.html autograder/report.json autograder/state.json autograder/.work \
	       .pytest_cache artifacts
	find . -name __pycache__ -not -path "./$(VENV)/*" -prune -exec rm -rf {} +
	@echo "removed the grading workspace and caches (.venv kept; rm -rf .venv to remove it)"
