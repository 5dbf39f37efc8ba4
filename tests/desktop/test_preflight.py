"""Before Qt starts, a computer that lacks Qt's system libraries (or a
display) is told what to install, in words an IT administrator can act on,
and the app exits with preflight.EXIT_CODE: never Qt's own "could not load
the Qt platform plugin" abort."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import preflight
from desktop.preflight import PlatformProblem, check_platform

QT_RAW_MESSAGE = "could not load the qt platform plugin"

LDD_OF_A_MINIMAL_DEBIAN = """\
\tlinux-vdso.so.1 (0x00007ffc2b5f9000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f1c)
\tlibxcb-cursor.so.0 => not found
\tlibxkbcommon-x11.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibEGL.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f1c2a000000)
"""


def _plugin_folder(tmp_path: Path, *platforms: str) -> Path:
    folder = tmp_path / "PySide6" / "Qt" / "plugins" / "platforms"
    folder.mkdir(parents=True)
    for platform in platforms:
        (folder / f"libq{platform}.so").write_bytes(b"")
    return folder


def test_missing_libraries_are_named_with_the_debian_and_fedora_commands(
    tmp_path: Path,
) -> None:
    folder = _plugin_folder(tmp_path, "xcb", "offscreen")
    problem = check_platform(
        {"DISPLAY": ":0"}, plugin_folder=folder, ldd=lambda _p: LDD_OF_A_MINIMAL_DEBIAN
    )
    assert problem == PlatformProblem(
        "xcb",
        missing=("libxcb-cursor.so.0", "libxkbcommon-x11.so.0", "libxcb-icccm.so.4", "libEGL.so.1"),
    )
    text = preflight.message(problem)
    assert "libxcb-cursor.so.0, libxkbcommon-x11.so.0, libxcb-icccm.so.4, libEGL.so.1" in text
    assert "sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libegl1" in text
    assert "sudo dnf install xcb-util-cursor libxkbcommon-x11 xcb-util-wm libglvnd-egl" in text
    assert QT_RAW_MESSAGE not in text.lower()


def test_a_real_plugin_whose_library_is_gone_is_reported_by_the_real_ldd(
    tmp_path: Path,
) -> None:
    """A shared library linked against one that was then deleted: what the
    system's ldd says about it reaches the message, with a way to find the
    package of a library we have no name for."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None or shutil.which("ldd") is None:
        pytest.skip("needs a C compiler and ldd")
    stub_dir = tmp_path / "stub"
    stub_dir.mkdir()
    (stub_dir / "gone.c").write_text("int klassbok_gone(void) { return 1; }\n")
    (stub_dir / "plugin.c").write_text(
        "int klassbok_gone(void);\nint klassbok_plugin(void) { return klassbok_gone(); }\n"
    )
    soname = "libklassbok-test-gone.so.1"
    link = [compiler, "-shared", "-fPIC"]
    subprocess.run(
        [*link, f"-Wl,-soname,{soname}", "-o", stub_dir / soname, stub_dir / "gone.c"], check=True
    )
    folder = _plugin_folder(tmp_path)
    subprocess.run(
        [*link, "-o", folder / "libqxcb.so", stub_dir / "plugin.c", stub_dir / soname], check=True
    )
    (stub_dir / soname).unlink()

    problem = check_platform({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"}, plugin_folder=folder)
    assert problem == PlatformProblem("xcb", missing=(soname,))
    text = preflight.message(problem)
    assert f"apt-file search {soname}" in text
    assert f"dnf provides '*/{soname}'" in text


def test_a_plugin_that_loads_passes_and_headless_plugins_need_no_display(
    tmp_path: Path,
) -> None:
    folder = _plugin_folder(tmp_path, "xcb", "offscreen", "wayland")
    fine = "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x1)\n"
    assert check_platform({"DISPLAY": ":0"}, plugin_folder=folder, ldd=lambda _p: fine) is None
    headless = {"QT_QPA_PLATFORM": "offscreen:fontengine=freetype"}
    assert check_platform(headless, plugin_folder=folder, ldd=lambda _p: fine) is None
    assert check_platform({}, plugin_folder=folder, ldd=lambda _p: fine) == PlatformProblem(
        "xcb", no_display=True
    )


def test_qt_falls_back_through_the_list_like_qt_does(tmp_path: Path) -> None:
    """QT_QPA_PLATFORM="wayland;xcb": Qt takes the first that loads."""
    folder = _plugin_folder(tmp_path, "xcb", "wayland")

    def ldd(plugin: Path) -> str:
        return "\tlibwayland-cursor.so.0 => not found\n" if "wayland" in plugin.name else ""

    env = {"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":0"}
    assert check_platform(env, plugin_folder=folder, ldd=ldd) is None
    only_wayland = {"XDG_SESSION_TYPE": "wayland", "QT_QPA_PLATFORM": "wayland"}
    problem = check_platform(only_wayland, plugin_folder=folder, ldd=ldd)
    assert problem == PlatformProblem("wayland", missing=("libwayland-cursor.so.0",))
    assert "sudo apt-get install libwayland-cursor0" in preflight.message(problem)
    assert preflight.candidate_platforms({"XDG_SESSION_TYPE": "wayland"}) == ["wayland", "xcb"]
    assert preflight.candidate_platforms({}) == ["xcb"]


def test_macos_and_windows_need_no_system_libraries(tmp_path: Path) -> None:
    folder = _plugin_folder(tmp_path)
    for system in ("darwin", "win32"):
        assert check_platform({}, plugin_folder=folder, system=system) is None


def test_an_unknown_plugin_name_lists_the_ones_qt_has(tmp_path: Path) -> None:
    folder = _plugin_folder(tmp_path, "xcb", "offscreen")
    problem = check_platform({"QT_QPA_PLATFORM": "xbc"}, plugin_folder=folder)
    assert problem == PlatformProblem("xbc", unknown=("offscreen", "xcb"))
    assert "one of: offscreen, xcb" in preflight.message(problem)


def test_an_undeterminable_failure_still_names_what_the_readme_lists() -> None:
    text = preflight.message(PlatformProblem("xcb", missing=()))
    assert "libxcb-cursor0" in text
    assert "xcb-util-cursor" in text


def _run(module: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.run(
        [sys.executable, "-m", module, "--data-dir", str(tmp_path / "profile")]
        if module == "desktop.app"
        else [sys.executable, "-m", module],
        env={**clean, "XDG_DATA_HOME": str(tmp_path / "data"), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("module", ["desktop.app", "desktop.demo"])
def test_the_app_and_the_demo_say_what_is_wrong_instead_of_qts_abort(
    module: str, tmp_path: Path
) -> None:
    """For real: the xcb plugin with no display (and, on a machine without
    the libraries, with them missing) stops before Qt with our message; the
    demo starts no server."""
    result = _run(module, tmp_path, QT_QPA_PLATFORM="xcb", LANG="en_GB.UTF-8")
    assert result.returncode == preflight.EXIT_CODE, result.stderr
    assert "Klassbok can't open its window" in result.stderr
    assert QT_RAW_MESSAGE not in result.stderr.lower()
    assert not (tmp_path / "data" / "klassbok-demo").exists()
    assert not (tmp_path / "profile").exists()


def test_the_message_speaks_swedish_on_a_swedish_system(tmp_path: Path) -> None:
    result = _run("desktop.app", tmp_path, QT_QPA_PLATFORM="xbc", LANG="sv_SE.UTF-8")
    assert result.returncode == preflight.EXIT_CODE
    assert "Klassbok kan inte öppna sitt fönster" in result.stderr
