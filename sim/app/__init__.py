"""`sim app`: the live workshop app. The baseline and a reform run side by side in the browser
with the same seed; see docs/app.md.

Importing this package loads no web code: Solara and Mesa's visualisation are imported only
when the app starts, so ``sim --help`` works without the ``app`` extra.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import os
import sys
from pathlib import Path

PAGE = Path(__file__).with_name("page.py")
SESSION_CULL_TIMEOUT = "60s"
INSTALL = 'python -m pip install -e ".[app]"'
# module: distribution; Mesa's SolaraViz imports altair, solara-assets serves the JavaScript
NEEDED = {"solara": "solara", "solara_assets": "solara-assets", "altair": "altair",
          "ipyvuetify": "ipyvuetify"}


def missing() -> list[str]:
    """What the app needs but is not installed (or is a version that breaks SolaraViz)."""
    out = [dist for module, dist in NEEDED.items() if importlib.util.find_spec(module) is None]
    if "ipyvuetify" not in out:
        major = importlib.metadata.version("ipyvuetify").split(".")[0]
        if major.isdigit() and int(major) >= 3:
            out.append("ipyvuetify<3")
    return out


def solara_arguments(args: argparse.Namespace) -> list[str]:
    return ["run", str(PAGE), "--host", args.host, "--port", str(args.port), "--production",
            "--no-check-version", "--no-open" if args.no_browser else "--open"]


def main(args: argparse.Namespace) -> int:
    lacking = missing()
    if lacking:
        print(f"sim app needs the app extra ({', '.join(lacking)} missing); install it with: "
              f"{INSTALL}", file=sys.stderr)
        return 2
    # offline: no usage statistics sent by the server
    os.environ.setdefault("SOLARA_TELEMETRY_MIXPANEL_ENABLE", "False")
    # a closed or reloaded tab's session (and its two models) is dropped after this long
    # without a connection (Solara keeps it a day by default, for reconnects)
    os.environ.setdefault("SOLARA_KERNEL_CULL_TIMEOUT", SESSION_CULL_TIMEOUT)
    from click.exceptions import Abort
    from solara.__main__ import cli

    print(f"Starting the workshop app at http://{args.host}:{args.port} (Ctrl+C stops it)")
    try:
        cli.main(args=solara_arguments(args), prog_name="sim app", standalone_mode=False)
    except (KeyboardInterrupt, Abort):  # Ctrl+C, passed on by the server once it has stopped
        pass
    # the server has stopped; a model still playing in a worker thread must not keep us alive
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def register(subparsers) -> None:
    p = subparsers.add_parser("app", help="the live workshop app: baseline and reform side by side")
    p.add_argument("--port", type=int, default=8765, help="port to serve on (default 8765)")
    p.add_argument("--host", default="localhost",
                   help="address to listen on (default localhost; 0.0.0.0 to share on a network)")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser window")
    p.set_defaults(func=main)
