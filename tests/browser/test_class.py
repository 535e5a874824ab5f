"""The class as it runs: the student app served by Voilà behind a class code, two students at once, the teacher's view.

One Voilà server (``helpers.classroom.serve.voila_command``, as ``make class`` runs it) on loopback,
on a copy of the corpus, saving to a temporary class folder. Two browser contexts are two students.
Checked: a wrong class code gets one line and no app; the page holds no answer, explanation or
reference coding before a submission; each submission is saved (the first attempt kept, later ones
beside it); a compared coding is locked; then notebook 06, executed on that class folder, shows both
students. Screenshots of the student view and the teacher's debrief go to ``build/screenshots/``
(``make screenshots`` copies them to ``docs/screenshots/``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from helpers import config, load_corpus, read_codings, reuse
from helpers.classroom import serve
from helpers.classroom.app import Lesson

from .conftest import SCREENSHOTS, _free_port, stop_server, wait_until_up

CODE = "oak-1234-elm"
STUDENTS = ("Ana Lee", "Ben Okafor")
#: The cells of notebook 06 that read the class folder (with the first cell they need): run alone, for speed.
TEACHER_CELLS = ("cell-02", "cell-26", "cell-27", "cell-27a", "cell-27b")


@pytest.fixture(scope="module")
def classroom(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """A running Voilà student app: its address, class folder and corpus copy; stopped by PID."""
    home = tmp_path_factory.mktemp("class-home")
    shutil.copytree(config.DEFAULT_CORPUS_DIR, home / "corpus")
    folder = home / "class"
    env = dict(
        os.environ,
        HOME=str(home),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        STUDENT_DIR=str(folder),
        CORPUS_DIR=str(home / "corpus"),
    )
    env.pop(serve.CODE_ENV, None)
    port = _free_port()
    log = (home / "voila.log").open("w")
    cmd = serve.voila_command(CODE, port, ip="127.0.0.1", pool=len(STUDENTS))
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    wait_until_up(proc, f"{base}/login", home / "voila.log", "Voilà")
    try:
        yield {"base": base, "folder": folder, "corpus": home / "corpus", "home": home, "pid": proc.pid}
    finally:
        stop_server(proc, log)


def _kernel_memory(pid: int) -> list[int]:
    """Resident memory (MB) of the kernels Voilà started (its child processes), for the report, not asserted."""
    sizes = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                rss = next(ln for ln in (stat.parent / "status").read_text().splitlines() if ln.startswith("VmRSS"))
                sizes.append(int(rss.split()[1]) // 1024)
        except (OSError, StopIteration, IndexError, ValueError):
            continue
    return sorted(sizes)


def _lesson(corpus_dir: Path) -> Lesson:
    corpus = load_corpus(corpus_dir)
    return Lesson(corpus, read_codings(corpus), reuse.chains(corpus, reuse.pairs(corpus)))


def _secrets(lesson: Lesson) -> list[str]:
    """Text that must not reach a page before a submission: explanations, findings, the coder's reasoning."""
    found = [ex.explanation.split("\n\n")[0][:70] for ex in lesson.exercises.values() if ex is not None]
    found += [t.findings.split("\n\n")[0][:70] for t in lesson.tasks.values() if t is not None]
    found += [r[:70] for r in lesson.codings.slots["reasoning"] if r]
    found += [n[:50] for n in lesson.codings.evidence["note"] if len(n) > 20]
    return found


def _box(page: object, text: str) -> object:
    """The innermost widget box holding ``text`` (one exercise)."""
    return page.locator(".widget-vbox", has=page.locator(f"text={text}")).last


def test_two_students_at_once_then_the_teacher_sees_both(classroom: dict, browser: object) -> None:
    started = time.monotonic()
    lesson = _lesson(classroom["corpus"])
    chains = lesson.exercises["count_chains"]
    wrong = next(o for o in chains.options if o not in chains.answer)
    pages = []
    for name in STUDENTS:
        context = browser.new_context(viewport={"width": 1100, "height": 1300})
        page = context.new_page()
        page.goto(classroom["base"] + "/")
        page.fill("#class-code", "not-the-code")
        page.click("button[type=submit]")
        assert "That class code is not right" in page.inner_text("body")
        assert page.locator(".widget-text").count() == 0  # no app without the code
        page.fill("#class-code", CODE.upper())  # read out loud, typed in capitals: still accepted
        page.click("button[type=submit]")
        page.wait_for_selector(".widget-text input", timeout=45_000)
        page.fill(".widget-text input", name)
        page.click("button:has-text('Start')")
        page.wait_for_selector("text=Code an excerpt yourself", timeout=30_000)
        pages.append(page)

    secrets = _secrets(lesson)
    for page in pages:  # nothing of an answer in the page, rendered or as source
        content = page.content()
        leaked = [s for s in secrets if s in content]
        assert not leaked, leaked[:3]
        assert "answer key" not in content.casefold()

    print(f"two students in the lesson after {time.monotonic() - started:.1f} s")
    ana, ben = pages
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    ana.screenshot(path=str(SCREENSHOTS / "class-student.png"))
    # Ana: a wrong first answer, then the right one; Ben: right at once
    box = _box(ana, "stand behind them")
    box.locator(f"label:text-is('{wrong}')").click()
    box.locator("button:has-text('Submit')").click()
    box.locator("text=Attempt 1 saved").wait_for(timeout=20_000)
    box.locator("text=Not quite").wait_for(timeout=20_000)  # the feedback is a widget update of its own
    assert "Not quite" in box.inner_text() and chains.explanation.split("\n\n")[0][:60] in box.inner_text()
    box.locator(f"label:text-is('{chains.answer[0]}')").click()
    box.locator("button:has-text('Submit')").click()
    box.locator("text=Attempt 2 saved").wait_for(timeout=20_000)
    box.scroll_into_view_if_needed()
    ana.screenshot(path=str(SCREENSHOTS / "class-feedback.png"))
    box = _box(ben, "stand behind them")
    box.locator(f"label:text-is('{chains.answer[0]}')").click()
    box.locator("button:has-text('Submit')").click()
    box.locator("text=Attempt 1 saved").wait_for(timeout=20_000)
    # a lateral-reading task: answer, sentence, address; the package's findings only after
    task = _box(ben, "Who runs")
    task.locator(f"label:text-is('{lesson.tasks['who_runs'].choices[0]}')").click()
    task.locator("textarea").fill("A Syrian outlet based in Qamishli.")
    task.locator("input[placeholder='https://…']").fill("https://example.org/about")
    task.locator("button:has-text('Submit')").click()
    task.locator("text=What the package found").wait_for(timeout=20_000)
    # Ana codes the excerpt's first claim, saves, compares: the coding locks
    coding = _box(ana, "Compare with the reference")
    coding.locator(".widget-dropdown select").first.select_option(label="asserts")
    coding.locator("button:has-text('Save my coding')").click()
    coding.locator("text=Saved 1 of").wait_for(timeout=20_000)
    coding.locator("button:has-text('Compare with the reference')").click()
    coding.locator("text=saved and locked").wait_for(timeout=20_000)
    assert coding.locator("button:has-text('Save my coding')").is_disabled()

    folder = classroom["folder"]
    ana_attempts = pd.read_csv(folder / "attempts" / "ana-lee.csv", dtype=str, keep_default_na=False)
    first = ana_attempts[ana_attempts["exercise"] == "count-chains"]
    assert list(first["attempt"]) == ["1", "2"] and list(first["correct"]) == ["no", "yes"]
    assert first["choice"].iloc[0] == wrong
    assert (folder / "ana-lee.csv").is_file() and (folder / "attempts" / "ben-okafor.csv").is_file()
    ben_attempts = pd.read_csv(folder / "attempts" / "ben-okafor.csv", dtype=str, keep_default_na=False)
    assert "https://example.org/about" in set(ben_attempts["address"])
    for page in pages:
        page.context.close()

    memory = _kernel_memory(classroom["pid"])
    print(f"students done after {time.monotonic() - started:.1f} s; kernels' memory (MB): {memory}")
    # the teacher's notebook on that class folder shows both students, Ana graded on her first attempt
    import nbformat
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    nb = nbformat.read(config.REPO_ROOT / "notebooks" / "06-classroom.ipynb", as_version=4)
    nb.cells = [c for c in nb.cells if c.get("id") in TEACHER_CELLS]  # its set-up, class view and debrief
    assert len(nb.cells) == len(TEACHER_CELLS)
    env = {"STUDENT_DIR": str(folder), "CORPUS_DIR": str(classroom["corpus"])}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(config.REPO_ROOT / "notebooks")}}).execute()
    finally:
        for k, v in old.items():
            os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)
    text = "\n".join(
        str(out.get("data", {}).get("text/html", "")) + str(out.get("text", ""))
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
    )
    assert all(name in text for name in STUDENTS)
    html_page, _ = HTMLExporter(exclude_input=True).from_notebook_node(nb)
    report = classroom["home"] / "teacher.html"
    report.write_text(html_page, encoding="utf-8")
    teacher = browser.new_page(viewport={"width": 1300, "height": 1000})
    teacher.goto(report.as_uri())
    for heading, shot in (("Your-class", "class-teacher.png"), ("Debrief", "class-debrief.png")):
        teacher.evaluate(f"document.querySelector('h2[id^=\"{heading}\"]').scrollIntoView()")
        teacher.screenshot(path=str(SCREENSHOTS / shot))
    teacher.close()
    print(f"teacher's view after {time.monotonic() - started:.1f} s")
