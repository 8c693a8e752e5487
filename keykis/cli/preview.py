"""``keykis preview CASE``: the case's editions in the browser, on 127.0.0.1, reloaded on every save."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from keykis.errors import UserError
from keykis.vocabulary import LANGS, say


def add_parser(p: argparse.ArgumentParser) -> None:
    """Arguments of ``keykis preview`` (their help texts: vocabulary ``cli.preview.<dest>``)."""
    p.add_argument("case", type=Path, metavar="CASE")
    p.add_argument("--port", type=int, default=0, metavar="PORT")
    p.add_argument("--lang", choices=LANGS, default=None)


def run(args: argparse.Namespace) -> int:
    """Serve until Ctrl+C."""
    from keykis.cli import default_lang
    from keykis.web.preview import Preview

    messages = args.lang or default_lang()
    if not args.case.exists():
        raise UserError("no such file or folder", words=("file.missing_path", {}), path=str(args.case))
    try:
        preview = Preview(args.case, port=args.port, lang=args.lang, messages=messages)
    except OSError as exc:
        raise UserError(f"cannot listen on 127.0.0.1:{args.port}: {exc.strerror or exc}",
                        words=("web.cannot_listen", {"port": args.port, "error": exc.strerror or exc})) from exc
    preview.start()
    print(say("web.preview_at", messages, case=args.case, url=preview.url), flush=True)
    try:
        while True:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop()
    print(say("web.preview_stopped", messages), flush=True)
    return 0
