# Thin wrappers around ./dev, which creates the virtual environment it needs.
.PHONY: run test bench screenshots i18n clean crash

run:
	./dev run

test:
	./dev test

bench:
	./dev bench

# Every visitor screen rendered to build/screenshots/ by the UI tests.
screenshots:
	./dev test -m ui

# Extract the visitor messages, update every catalog, compile the .mo files.
i18n:
	./dev kiosk --help >/dev/null
	.venv/bin/pybabel extract -o kiosk/locale/kiosk.pot --project buurtwerkkamer-kiosk \
		--version 0.1.0 --msgid-bugs-address "" --sort-by-file kiosk/
	.venv/bin/pybabel update -i kiosk/locale/kiosk.pot -d kiosk/locale -D kiosk --width 100
	.venv/bin/pybabel compile -d kiosk/locale -D kiosk --statistics

clean:
	rm -rf .venv build

# The long crash run: 300 SIGKILLs at random moments while visits are written.
crash:
	./dev kiosk --help >/dev/null
	.venv/bin/python -m tests.crash_harness --kills 300
