"""The house rules that keep the domain testable without a screen: everything outside
kiosk/ui is plain Python, and importing it starts no Kivy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def domain_modules() -> list[str]:
    package = ROOT / "kiosk"
    names = []
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[1] == "ui" or parts[-1] == "__main__":
            continue
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_the_domain_imports_no_kivy():
    modules = domain_modules()
    assert "kiosk.messages" in modules and "kiosk.printer.ticket" in modules
    script = ("import importlib, sys\n"
              f"for name in {modules!r}:\n"
              "    importlib.import_module(name)\n"
              "print(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in ('kivy', 'kiosk.ui')}))\n"
              "print(sorted(m for m in sys.modules if m.startswith('kiosk.ui')))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    kivy, ui = done.stdout.strip().splitlines()[-2:]
    assert kivy == "[]", f"a domain module imports Kivy: {kivy}"
    assert ui == "[]", f"a domain module imports the screens: {ui}"
