"""``make class``: the student lesson served with Voilà from the teacher's machine, behind a class code.

Voilà fits a class of students who don't code: it runs ``class/student.ipynb`` with its code hidden,
one kernel per browser, and its kernels accept widget messages only (no code from the page). The
class code is Voilà's token: a browser without it gets a one-field page asking for it and nothing
else (no kernel starts). Every kernel inherits ``STUDENT_DIR``, so every save lands in the teacher's
class folder. Run ``python -m helpers.classroom.serve --help``.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import os
import re
import secrets
import socket
import subprocess
import sys
from pathlib import Path

from jupyter_server.auth.identity import User
from tornado import web
from voila.voila_identity_provider import VoilaIdentityProvider, VoilaLoginHandler

from helpers import config
from helpers.classroom.app import ARTICLE_ENV

#: The student app's notebook (only a call to :func:`helpers.classroom.app.student_app`).
STUDENT_NOTEBOOK = config.REPO_ROOT / "class" / "student.ipynb"
#: Environment variable holding the class code (else one is made up when the server starts).
CODE_ENV = "CLASS_CODE"
DEFAULT_PORT = 8866
#: Words of a made-up class code (short, unambiguous when read aloud).
CODE_WORDS = (
    "amber", "birch", "cedar", "delta", "ember", "fern", "grove", "harbor", "iris", "jade", "kite", "lemon",
    "maple", "north", "olive", "pearl", "quill", "river", "stone", "tulip", "umber", "violet", "willow", "zinc",
)  # fmt: skip
_GITHUB = re.compile(r"^(?:https://github\.com/|git@github\.com:|ssh://git@github\.com/)([\w.-]+)/([\w.-]+?)(?:\.git)?/?$")
_CODE_CHARS = re.compile(r"^[A-Za-z0-9-]{4,64}$")


def make_code() -> str:
    """A class code to read out: word-four digits-word (about 5.8 million codes)."""
    return f"{secrets.choice(CODE_WORDS)}-{secrets.randbelow(10_000):04d}-{secrets.choice(CODE_WORDS)}"


def check_code(code: str) -> str:
    """The code if it can be typed and read out (letters, digits, hyphens, 4 to 64); raise ValueError if not."""
    if not _CODE_CHARS.match(code or ""):
        raise ValueError(f"class code '{code}': use 4 to 64 letters, digits or hyphens (e.g. {make_code()})")
    return code


class ClassCodeLoginHandler(VoilaLoginHandler):
    """The page a browser without the class code sees: one field, one line when the code is wrong."""

    def _render(self, message: dict[str, str] | None = None) -> None:
        """Write the class-code form (Voilà's login POSTs the code as its token)."""
        wrong = (
            "<p style='color:#D55E00'>That class code is not right: ask your teacher to read it out again.</p>"
            if message
            else ""
        )
        nxt = html.escape(self.get_argument("next", default=self.base_url), quote=True)
        self.write(
            "<!doctype html><html><head><meta charset='utf-8'><title>Class code</title>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'></head>"
            "<body style='font-family:sans-serif;max-width:28em;margin:4em auto'>"
            "<h1>Class code</h1><p>Type the code your teacher reads out.</p>"
            f"{wrong}<form method='post' action='{html.escape(self.base_url, quote=True)}login?next={nxt}'>"
            f"{self.xsrf_form_html()}"
            "<input name='password' id='class-code' autofocus autocomplete='off' style='font-size:1.4em'> "
            "<button type='submit' style='font-size:1.4em'>Enter</button></form></body></html>"
        )


class ClassCodeIdentityProvider(VoilaIdentityProvider):
    """Voilà's token check, with the class-code page instead of Jupyter's login page."""

    def get_handlers(self) -> list[tuple[str, object]]:
        """The login route, served by :class:`ClassCodeLoginHandler`."""
        return [(r"/login", ClassCodeLoginHandler)]

    def process_login_form(self, handler: web.RequestHandler) -> User | None:
        """A user for the right class code (spaces and case forgiven), None otherwise."""
        typed = " ".join(handler.get_argument("password", default="").split()).casefold()
        if self.token and secrets.compare_digest(typed.encode(), str(self.token).casefold().encode()):
            return self.generate_anonymous_user(handler)
        return None


def check_article(source_id: str) -> str | None:
    """Why ``$CLASS_ARTICLE`` cannot be the class's excerpt (one line, with a suggestion), or None when it can."""
    if not source_id:
        return None
    from helpers.claims.coding import read_codings
    from helpers.core.files import suggest
    from helpers.corpus.load import load_corpus

    corpus = load_corpus()
    coded = [sid for sid in corpus.index if sid in set(read_codings(corpus).coded_sources)]
    if source_id in coded:
        return None
    hint = suggest(source_id, coded)
    return f"{ARTICLE_ENV}={source_id}: not a coded article of this corpus{hint} (coded: {', '.join(coded)})"


def room_addresses() -> list[str]:
    """This machine's addresses that other machines on the room's network can reach (best effort)."""
    found = set()
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.connect(("192.0.2.1", 9))  # a documentation address: no packet is sent for UDP connect
        found.add(sock.getsockname()[0])
    with contextlib.suppress(OSError):
        found.update(a for a in socket.gethostbyname_ex(socket.gethostname())[2] if not a.startswith("127."))
    return sorted(found)


def binder_link(remote: str, ref: str = "HEAD") -> str | None:
    """The mybinder.org address that opens the student app for a GitHub remote; None for other remotes."""
    m = _GITHUB.match(remote.strip())
    if not m:
        return None
    path = "voila/render/" + STUDENT_NOTEBOOK.relative_to(config.REPO_ROOT).as_posix()
    return f"https://mybinder.org/v2/gh/{m.group(1)}/{m.group(2)}/{ref}?urlpath={path}"


#: Kernels Voilà starts ahead (each has run the app's cell), so a student's page opens at once.
DEFAULT_POOL = 4


def voila_command(code: str, port: int, ip: str = "0.0.0.0", pool: int = DEFAULT_POOL) -> list[str]:
    """The Voilà command serving the student app behind ``code`` (code hidden, no tracebacks, kernels preheated)."""
    return [
        str(Path(sys.executable).with_name("voila")),
        str(STUDENT_NOTEBOOK),
        "--no-browser",
        f"--port={port}",
        f"--Voila.ip={ip}",
        f"--token={code}",
        "--Voila.identity_provider_class=helpers.classroom.serve.ClassCodeIdentityProvider",
        "--VoilaConfiguration.show_tracebacks=False",
        "--strip_sources=True",
        "--preheat_kernel=True",
        f"--VoilaConfiguration.default_pool_size={pool}",
    ]


def main(argv: list[str] | None = None) -> int:
    """Print the addresses and the class code, then run Voilà until Ctrl-C (or print the Binder link)."""
    parser = argparse.ArgumentParser(prog="python -m helpers.classroom.serve", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("CLASS_PORT", DEFAULT_PORT)))
    parser.add_argument("--folder", help=f"the class folder (default ${config.STUDENT_ENV} or student_codings/)")
    parser.add_argument("--binder-link", action="store_true", help="print the Binder address of the student app")
    args = parser.parse_args(argv)
    if args.binder_link:
        try:
            remote = subprocess.run(
                ["git", "-C", str(config.REPO_ROOT), "remote", "get-url", "origin"],
                capture_output=True, text=True, check=True,
            ).stdout.strip()  # fmt: skip
        except (OSError, subprocess.CalledProcessError):
            remote = ""
        link = binder_link(remote)
        if link is None:
            print(f"no GitHub remote 'origin' ({remote or 'none set'}): push the repository to GitHub, then rerun")
            return 1
        print(link)
        return 0
    try:
        code = check_code(os.environ.get(CODE_ENV) or make_code())
    except ValueError as exc:
        print(f"{CODE_ENV}: {exc}", file=sys.stderr)
        return 2
    from helpers.classroom.students import shown_path, student_dir

    if problem := check_article(os.environ.get(ARTICLE_ENV, "")):
        print(problem, file=sys.stderr)
        return 2

    folder = student_dir(args.folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, **{config.STUDENT_ENV: str(folder)})
    print(f"Class folder (every student's answers): {shown_path(folder)}")
    for addr in room_addresses() or ["<this machine's address>"]:
        print(f"Students open: http://{addr}:{args.port}/")
    print(f"Class code to read out: {code}")
    print("Stop the class with Ctrl-C; then open notebooks/06-classroom.ipynb for the class view and the debrief.")
    sys.stdout.flush()
    command = voila_command(code, args.port)
    os.execve(command[0], command, env)  # Voilà takes this process's place: Ctrl-C or its PID stops it
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
