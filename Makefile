# eventwire: `make demo` sets up .venv and codes the bundled samples; `make test` passes the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.eventwire-installed
SEED := ../shared/seed/mali_coup_plot.txt
SHARED := ../shared

.PHONY: demo test eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall when the project's declared dependencies change.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[model,test,scale,postgres]"
	touch $@

DEMO_DB := demo.db

demo: $(STAMP)
	@echo "== invented sample reports (eventwire/samples; not news) =="
	$(BIN)/eventwire code eventwire/samples --pub-date 2026-11-20
	@if [ -f $(SEED) ]; then \
		echo "== $(SEED) =="; \
		$(BIN)/eventwire code $(SEED) --pub-date 2025-08-11; \
	else echo "($(SEED) not present: skipped)"; fi
	@echo "== storing them in the embedded SQLite store $(DEMO_DB) (re-running changes nothing) =="
	$(BIN)/eventwire ingest eventwire/samples --pub-date 2026-11-20 --db $(DEMO_DB)
	@if [ -f $(SEED) ]; then $(BIN)/eventwire ingest $(SEED) --pub-date 2025-08-11 --db $(DEMO_DB); fi
	$(BIN)/eventwire db info --db $(DEMO_DB)
	@echo
	@echo "Next, try:"
	@echo "  $(BIN)/eventwire events --db $(DEMO_DB) --type COERCE"
	@echo "  $(BIN)/eventwire stories --db $(DEMO_DB)"
	@echo "  $(BIN)/eventwire show EVENT_ID --db $(DEMO_DB)"
	@echo "  $(BIN)/eventwire export --db $(DEMO_DB) --format csv -o events.csv"
	@echo "  $(BIN)/eventwire code YOUR_STORY.txt --pub-date YYYY-MM-DD"

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Scores on the dev gold (needs ../shared).
eval: $(STAMP)
	$(BIN)/eventwire eval $(SHARED)/data/voa/dev_gold.jsonl --corpus $(SHARED)/data/voa/voa_stories.jsonl --by-type

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache $(DEMO_DB)*
