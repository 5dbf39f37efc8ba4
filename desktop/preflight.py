"""Before Qt starts: can its display plugin load on this computer?

On Linux, Qt's `xcb` plugin needs a dozen system libraries that a minimal
Debian or Fedora lacks (libxcb-cursor0 and friends). Without them Qt prints
"could not load the Qt platform plugin" and aborts, which tells a teacher or
a school's IT administrator nothing. So the app and the demo ask first: `ldd`
on the plugin Qt will pick (QT_QPA_PLATFORM, or what Qt chooses by itself)
lists the libraries that are missing, and we print them with the exact
install command for Debian/Ubuntu and Fedora, then exit with EXIT_CODE.

macOS and Windows need nothing: PySide6's wheels carry every library there.

Qt-free on purpose (it runs before Qt can), and fast (one `ldd`, about
20 ms). A check that itself fails never stops the app: Qt gets its chance.

    python -m desktop.preflight      # the same check alone: "ok" or what to install
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

#: sysexits' EX_UNAVAILABLE: a service the program needs is not there.
EXIT_CODE = 69

#: Plugins that draw into memory, a framebuffer or a VNC client: no display server needed.
HEADLESS_PLATFORMS = frozenset(
    {"offscreen", "minimal", "minimalegl", "linuxfb", "eglfs", "vnc", "vkkhrdisplay"}
)

#: Library file name (soname) -> (Debian/Ubuntu package, Fedora package), for
#: what Qt's display plugins and QtGui load that a minimal system may lack.
PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb-glx.so.0": ("libxcb-glx0", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libXau.so.6": ("libxau6", "libXau"),
    "libXdmcp.so.6": ("libxdmcp6", "libXdmcp"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "mesa-libGL"),
    "libGLX.so.0": ("libglx0", "libglvnd-glx"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl"),
    "libGLdispatch.so.0": ("libglvnd0", "libglvnd"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libpng16.so.16": ("libpng16-16", "libpng"),
    "libexpat.so.1": ("libexpat1", "expat"),
    "libz.so.1": ("zlib1g", "zlib"),
    "libwayland-client.so.0": ("libwayland-client0", "libwayland-client"),
    "libwayland-cursor.so.0": ("libwayland-cursor0", "libwayland-cursor"),
    "libwayland-egl.so.1": ("libwayland-egl1", "libwayland-egl"),
}

#: What the README lists: enough for the xcb plugin on a minimal system. Said
#: when the check cannot tell which library is missing.
README_PACKAGES = (
    "libxcb-cursor.so.0",
    "libxcb-icccm.so.4",
    "libxcb-keysyms.so.1",
    "libxcb-render-util.so.0",
    "libxcb-image.so.0",
    "libxcb-shape.so.0",
    "libxkbcommon-x11.so.0",
    "libEGL.so.1",
    "libGL.so.1",
    "libfontconfig.so.1",
    "libdbus-1.so.3",
)

# "libfoo.so.1 => not found" (ldd) or "libfoo.so.1: cannot open shared object
# file" (the dynamic loader, as Qt's plugin loader repeats it).
_MISSING = re.compile(
    r"(lib[\w+.-]*?\.so(?:\.\d+)*)(?:\s+=>\s+not found|: cannot open shared object file)"
)


@dataclass(frozen=True)
class PlatformProblem:
    """Why Qt's display plugin cannot start here."""

    platform: str
    #: Library files (sonames) the plugin needs and the system lacks.
    missing: tuple[str, ...] = ()
    #: The plugin would load, but there is no display to connect to.
    no_display: bool = False
    #: QT_QPA_PLATFORM names a plugin Qt does not have (the ones it has follow).
    unknown: tuple[str, ...] = ()


def parse_missing(output: str) -> list[str]:
    """The missing library files named in ldd's (or the dynamic loader's) output."""
    found: list[str] = []
    for name in _MISSING.findall(output):
        if name not in found:
            found.append(name)
    return found


def install_commands(missing: Sequence[str]) -> tuple[str, str, list[str]]:
    """The apt-get and dnf commands for these libraries, and any we cannot name."""
    debian: list[str] = []
    fedora: list[str] = []
    unnamed: list[str] = []
    for soname in missing:
        packages = PACKAGES.get(soname)
        if packages is None:
            unnamed.append(soname)
            continue
        if packages[0] not in debian:
            debian.append(packages[0])
        if packages[1] not in fedora:
            fedora.append(packages[1])
    apt = "sudo apt-get install " + " ".join(debian) if debian else ""
    dnf = "sudo dnf install " + " ".join(fedora) if fedora else ""
    return apt, dnf, unnamed


def candidate_platforms(environ: Mapping[str, str]) -> list[str]:
    """The plugins Qt tries, in order (QT_QPA_PLATFORM, else Qt's own default).

    QT_QPA_PLATFORM may list several ("wayland;xcb") and carry options
    ("xcb:nograb"). Unset, Qt on Linux uses xcb, and tries Wayland first in a
    Wayland session.
    """
    named = [
        part.split(":", 1)[0].strip().lower()
        for part in environ.get("QT_QPA_PLATFORM", "").split(";")
    ]
    named = [name for name in named if name]
    if named:
        return named
    if environ.get("XDG_SESSION_TYPE", "").lower() == "wayland":
        return ["wayland", "xcb"]
    return ["xcb"]


def qt_plugin_folder() -> Path | None:
    """PySide6's platforms/ folder (in the venv, the wheel install or the bundle)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        folder = Path(location) / "Qt" / "plugins" / "platforms"
        if folder.is_dir():
            return folder
    return None


def _plugin_file(folder: Path, platform: str) -> Path:
    # One plugin serves "wayland", "wayland-egl" and "wayland-brcm".
    stem = "wayland" if platform.startswith("wayland") else platform
    return folder / f"libq{stem}.so"


Ldd = Callable[[Path], str | None]


def run_ldd(library: Path) -> str | None:
    """ldd's report on a library; None when this system has no ldd."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return None
    result = subprocess.run(  # noqa: S603 - the system's ldd on PySide6's own plugin
        [ldd, str(library)], capture_output=True, text=True, timeout=20, check=False
    )
    return result.stdout + result.stderr


def check_platform(
    environ: Mapping[str, str] | None = None,
    *,
    plugin_folder: Path | None = None,
    ldd: Ldd = run_ldd,
    system: str = sys.platform,
) -> PlatformProblem | None:
    """None when Qt can open a window here; otherwise what stands in the way."""
    if not system.startswith("linux"):
        return None
    environ = os.environ if environ is None else environ
    folder = plugin_folder or qt_plugin_folder()
    if folder is None:
        return None  # PySide6 itself is missing: Python's ImportError says it best
    problems: list[PlatformProblem] = []
    for platform in candidate_platforms(environ):
        plugin = _plugin_file(folder, platform)
        if not plugin.exists():
            available = sorted(p.name[4:-3] for p in folder.glob("libq*.so"))
            problems.append(PlatformProblem(platform, unknown=tuple(available)))
            continue
        report = ldd(plugin)
        missing = tuple(parse_missing(report)) if report is not None else ()
        if missing:
            problems.append(PlatformProblem(platform, missing=missing))
        elif platform == "xcb" and not environ.get("DISPLAY"):
            problems.append(PlatformProblem(platform, no_display=True))
        else:
            return None  # this one loads: Qt takes it
    # Qt tried each in turn; the first it would have used explains best.
    return problems[0] if problems else None


# --- the message ---------------------------------------------------------------

Translate = Callable[[str, str], str]


def _untranslated(_context: str, text: str) -> str:
    return text


def translator_for(language: str) -> Translate:
    """Our catalogue for `language`, read with QtCore alone (QtGui may be what
    cannot load); English source text when even QtCore cannot."""
    if language == "en":
        return _untranslated
    try:
        from PySide6.QtCore import QTranslator

        from desktop.resources import translation_file

        catalogue = QTranslator()
        if not catalogue.load(str(translation_file(language))):
            return _untranslated
    except Exception:  # the check must never stop the app
        log.debug("no translation for the preflight message", exc_info=True)
        return _untranslated

    def translated(context: str, text: str) -> str:
        return catalogue.translate(context, text) or text

    return translated


def message(problem: PlatformProblem, translate: Translate = _untranslated) -> str:
    """What to tell the teacher or IT administrator, in plain words."""
    if problem.unknown:
        return translate(
            "Preflight",
            "Klassbok can't open its window: QT_QPA_PLATFORM asks for the display plugin "
            '"{name}", which Qt doesn\'t have. Remove the setting, or use one of: {available}.',
        ).format(name=problem.platform, available=", ".join(problem.unknown))
    if problem.no_display:
        return translate(
            "Preflight",
            "Klassbok can't open its window: no display was found (DISPLAY is not set). "
            'Start Klassbok from the desktop; over SSH, connect with "ssh -X".',
        )
    missing = problem.missing or README_PACKAGES
    apt, dnf, unnamed = install_commands(missing)
    lines = [
        translate(
            "Preflight",
            "Klassbok can't open its window: Qt's display plugin \"{name}\" needs system "
            "libraries that this computer doesn't have:",
        ).format(name=problem.platform),
        "    " + ", ".join(missing),
        translate(
            "Preflight",
            "Install them (or ask your IT administrator to), then start Klassbok again:",
        ),
    ]
    if apt:
        lines.append(translate("Preflight", "    Debian, Ubuntu:  {command}").format(command=apt))
    if dnf:
        lines.append(translate("Preflight", "    Fedora:          {command}").format(command=dnf))
    for soname in unnamed:
        lines.append(
            translate(
                "Preflight",
                "    {library}: find its package with  apt-file search {library}  "
                "or  dnf provides '*/{library}'",
            ).format(library=soname)
        )
    return "\n".join(lines)


def message_language(environ: Mapping[str, str], requested: str | None) -> str:
    """--lang, else the system's (the variables Qt reads on Linux)."""
    if requested:
        return requested
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(variable, "")
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    return "en"


def exit_unless_platform_loads(language: str | None = None) -> None:
    """Print what is missing and exit with EXIT_CODE, or return when Qt can start."""
    try:
        problem = check_platform()
    except Exception:  # a broken check must never stop the app: Qt gets its chance
        log.warning("the display check failed; starting Qt anyway", exc_info=True)
        return
    if problem is None:
        return
    translate = translator_for(message_language(os.environ, language))
    print(message(problem, translate), file=sys.stderr, flush=True)
    raise SystemExit(EXIT_CODE)


def main() -> int:
    exit_unless_platform_loads()
    print("Klassbok: Qt's display plugin can load here.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
