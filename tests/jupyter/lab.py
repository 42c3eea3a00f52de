"""A real JupyterLab for the widget tests: served on 127.0.0.1 from the test-only .venv-jupyter, driven by Playwright.

The server runs with its own config, data and runtime folders (no settings or workspaces of the machine leak in),
the course's labextensions (anywidget, ipywidgets) from .venv, and `window.jupyterapp` exposed so a test can run
cells and switch themes through JupyterLab's own commands.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import nbformat

ROOT = Path(__file__).resolve().parents[2]
JUPYTER_VENV = Path(os.environ.get("JD_JUPYTER_VENV", ROOT / ".venv-jupyter"))
SETTINGS = {
    # no announcements or update checks: nothing may leave 127.0.0.1
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    # every cell stays in the page (no virtual scrolling), so a test sees all widgets at once
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}
LIGHT, DARK = "JupyterLab Light", "JupyterLab Dark"


@dataclass
class Lab:
    url: str
    token: str
    root: Path
    log: Path

    def write_notebook(self, name: str, cells: list[str]) -> str:
        """Write a notebook of code cells into the server's folder; returns its name."""
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(notebook, self.root / name)
        return name

    def own_host(self) -> str:
        return urlparse(self.url).netloc


@contextmanager
def jupyter_lab(root: Path) -> Iterator[Lab]:
    """Start `jupyter lab` on a free port of 127.0.0.1 with a fresh token; stop it afterwards."""
    executable = JUPYTER_VENV / "bin" / "jupyter-lab"
    if not executable.exists():
        raise FileNotFoundError(f"{executable} ontbreekt: voer `make test-jupyter` uit (installeert .venv-jupyter).")
    home = root / "home"
    settings = home / "config" / "lab" / "user-settings"
    for name, values in SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(values), encoding="utf-8")
    notebooks = root / "notebooks"
    notebooks.mkdir()
    token = secrets.token_hex(16)
    shared = Path(sys.prefix) / "share" / "jupyter"
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTER_PATH": str(shared),
        "IPYTHONDIR": str(home / "ipython"),
        # the kernel imports this checkout's package, whatever .venv's editable install points at
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]),
    }
    log = root / "jupyter.log"
    command = [
        str(executable),
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        "--ServerApp.port=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={notebooks}",
        "--ServerApp.allow_root=True",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.extension_manager=readonly",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=notebooks)
    try:
        info = _server_info(process, home / "runtime", log)
        yield Lab(url=info["url"].replace("localhost", "127.0.0.1"), token=token, root=notebooks, log=log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _server_info(process: subprocess.Popen, runtime: Path, log: Path, timeout: float = 90) -> dict:
    """The server's runtime file (written once it listens); fails with the server's log when it stops or hangs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"jupyter lab stopte (code {process.returncode}):\n{log.read_text()}")
        for path in runtime.glob(f"jpserver-{process.pid}.json"):
            try:
                return json.loads(path.read_text())
            except ValueError:
                pass  # being written
        time.sleep(0.1)
    raise TimeoutError(f"jupyter lab startte niet binnen {timeout} s:\n{log.read_text()}")


class Notebook:
    """An open notebook in JupyterLab, with its kernel."""

    def __init__(self, page: object, lab: Lab, name: str) -> None:
        self.page = page
        self.lab = lab
        # `reset`: start from an empty workspace, not with the notebooks an earlier page had open
        page.goto(f"{lab.url}lab/tree/{name}?reset&token={lab.token}")
        page.wait_for_function(
            """(name) => {
              const w = window.jupyterapp?.shell?.currentWidget;
              if (w?.context?.path !== name) return false;
              const kernel = w?.sessionContext?.session?.kernel;
              return Boolean(w?.content?.widgets && w.context?.isReady && kernel
                && kernel.connectionStatus === 'connected' && kernel.status === 'idle');
            }""",
            arg=name,
            timeout=90_000,
        )

    def run_all(self) -> None:
        """Run every cell and wait until each has run and the kernel is idle again; fail on a Python error."""
        self.page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        self.page.wait_for_function(
            """() => {
              const w = window.jupyterapp.shell.currentWidget;
              return w.content.widgets.every((c) => c.model.type !== 'code' || c.model.executionCount !== null)
                && w.sessionContext.session.kernel.status === 'idle';
            }""",
            timeout=120_000,
        )
        errors = self.page.evaluate(
            """() => window.jupyterapp.shell.currentWidget.content.widgets
                .flatMap((c) => c.model.type === 'code' ? c.model.outputs.toJSON() : [])
                .filter((o) => o.output_type === 'error').map((o) => `${o.ename}: ${o.evalue}`)"""
        )
        assert not errors, errors

    def execute(self, code: str) -> str:
        """Run code in the notebook's kernel (outside the cells) and return what it printed; fail on an error."""
        result = self.page.evaluate(
            """async (code) => {
              const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
              const out = [];
              const future = kernel.requestExecute({ code, store_history: false });
              future.onIOPub = (msg) => {
                const type = msg.header.msg_type;
                if (type === 'stream') out.push(msg.content.text);
                if (type === 'execute_result') out.push(msg.content.data['text/plain']);
                if (type === 'error') out.push(`FOUT ${msg.content.ename}: ${msg.content.evalue}`);
              };
              const reply = await future.done;
              return { status: reply.content.status, text: out.join('') };
            }""",
            code,
        )
        assert result["status"] == "ok", result["text"]
        return result["text"]

    def value(self, expression: str) -> object:
        """A Python expression's value, through JSON."""
        return json.loads(self.execute(f"import json as _json; print(_json.dumps({expression}))"))

    def theme(self, name: str) -> None:
        """Switch JupyterLab's theme and wait until it is applied."""
        light = "true" if name == LIGHT else "false"
        self.page.evaluate("(theme) => window.jupyterapp.commands.execute('apputils:change-theme', { theme })", name)
        self.page.wait_for_function(f"() => document.body.dataset.jpThemeLight === '{light}'", timeout=30_000)
