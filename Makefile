# Thin wrappers around ./dev, which creates the virtual environment it needs.
.PHONY: run test bench screenshots i18n clean crash report-preview test-deploy

run:
	./dev run

test:
	./dev test

bench:
	./dev bench

# Every screen the UI tests visit, and every visitor screen in each of the nine languages
# and in the high-contrast theme (tests/test_ui_languages.py), rendered to docs/screenshots/.
# (A plain test run writes the same pictures to build/screenshots/.)
screenshots:
	# Everything the tests make, made again; the example tickets (docs/screenshots/tickets)
	# were made once by hand and stay.
	find docs/screenshots -mindepth 1 -maxdepth 1 ! -name tickets -exec rm -rf {} +
	KIOSK_SCREENSHOT_DIR=$(CURDIR)/docs/screenshots ./dev test -m ui -q

# Extract the visitor messages, update every catalog, compile the .mo files.
i18n:
	./dev kiosk --help >/dev/null
	.venv/bin/pybabel extract -o kiosk/locale/kiosk.pot --project buurtwerkkamer-kiosk \
		--version 0.1.0 --msgid-bugs-address "" --sort-by-file kiosk/
	.venv/bin/pybabel update -i kiosk/locale/kiosk.pot -d kiosk/locale -D kiosk --width 100 --no-fuzzy-matching \
		--ignore-obsolete
	.venv/bin/pybabel compile -d kiosk/locale -D kiosk --statistics --use-fuzzy

clean:
	rm -rf .venv build

# The long crash run: 300 SIGKILLs at random moments while visits are written.
crash:
	./dev kiosk --help >/dev/null
	.venv/bin/python -m tests.crash_harness --kills 300

# The demo site's tertiaal report as HTML, and how a browser shows and prints it
# (needs Debian's chromium: sudo apt-get install chromium).
CHROMIUM = chromium --headless --no-sandbox --disable-gpu --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync
report-preview:
	./dev kiosk --help >/dev/null
	mkdir -p build
	KIOSK_DATA_DIR=$(CURDIR)/build/demo-data ./dev kiosk demo-data --days 240 --visits-per-day 40 || true
	KIOSK_DATA_DIR=$(CURDIR)/build/demo-data ./dev kiosk report --period $$(date +%Y)-T2 \
		--format html --out build/report.html
	$(CHROMIUM) --user-data-dir=$$(mktemp -d) --window-size=1000,1400 \
		--screenshot=$(CURDIR)/build/report.png file://$(CURDIR)/build/report.html
	$(CHROMIUM) --user-data-dir=$$(mktemp -d) --no-pdf-header-footer \
		--print-to-pdf=$(CURDIR)/build/report.pdf file://$(CURDIR)/build/report.html
	@echo "build/report.html, build/report.png (screen), build/report.pdf (print)"

# Provision a real Debian Bookworm root with deploy/provision.sh --root, twice (slow).
test-deploy:
	sudo deploy/test-deploy.sh
