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
ASSIGNMENTS := $(sort $(notdir $(wildcard source/0*)))
PORT ?= 8888
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: help install lab lab-instructor checks release student-repo strip samples autograde bench test test-fast test-browser screenshots clean

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
	@echo "make bench           run times, peak memory, grading cost, time to quality vs the lecture (bench/results.json, README table)"
	@echo "make test            run the whole test suite (notebooks, nbgrader loop, package, browser)"
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

# About 45 minutes on 2 cores; ARGS="--only quality --seeds 1" runs one part.
bench:
	$(BIN)/python -m bench.run --jobs $(JOBS) $(ARGS)

test:
	$(BIN)/python -m pytest -n 2 --dist loadfile --ignore=tests/browser tests
	$(MAKE) --no-print-directory test-browser
	@echo "make test: all tests passed"

# JupyterLab from .venv driven by Debian's Chromium (apt-get install chromium;
# .ci/run installs it) through Playwright; screenshots land in artifacts/browser/.
test-browser:
	@rm -f artifacts/browser/timings.txt artifacts/browser/checked.txt
	@$(BIN)/python -m pytest -q tests/browser; status=$$?; \
	  cat artifacts/browser/timings.txt 2>/dev/null; \
	  echo "what was checked: artifacts/browser/checked.txt, screenshots: artifacts/browser/*.png"; exit $$status

screenshots:
	COURSE_SCREENSHOTS_DIR=docs/screenshots $(BIN)/python -m pytest -q tests/browser -k "student_notebooks"
	@ls -l docs/screenshots/*.png

test-fast:
	$(BIN)/python -m pytest -m "not slow" tests

clean:
	rm -rf autograder/submitted autograder/autograded autograder/feedback autograder/gradebook.db \
	       autograder/grades.csv autograder/report.json autograder/state.json autograder/.work \
	       .pytest_cache artifacts
	find . -name __pycache__ -not -path "./$(VENV)/*" -prune -exec rm -rf {} +
	@echo "removed the grading workspace and caches (.venv kept; rm -rf .venv to remove it)"
