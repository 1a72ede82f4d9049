#!/usr/bin/env python3
"""Trunk post_build hook (Trunk.toml `[[hooks]] stage = "post_build"`): finishes the page in
Trunk's staging directory, for `trunk build` and `trunk serve` alike.

1. Content-Security-Policy: the index.html meta tag carries the placeholder
   'sha256-XP-INLINE-SCRIPTS'; it becomes the sha256 of every inline <script> of the built
   page (Trunk's bootstrap module that imports the wasm-bindgen glue and calls init), so no
   other inline script can run. Under `trunk serve`, whose autoreload script is rewritten
   per request and so cannot be hashed, the page allows inline scripts instead.
2. Service worker: writes sw.js from assets/sw.js with the build's version (a hash of every
   file's name and content) and the list of files to precache (every file of the build).
   A debug build gets an empty list: that worker caches nothing and unregisters itself.
3. Marks the page with <meta name="xingping-build" content="VERSION"> ("debug" for a debug
   build), which assets/pwa.js reads to decide whether to register the worker.
4. Release builds only, first: every script of the page (the wasm-bindgen glue, boot.js,
   pwa.js, sw.js) loses its comment lines, blank lines and indentation, and index.html's
   integrity= hashes follow. The sources keep their comments; the page is 3.5 KiB smaller
   (gzip). Safe for these files: no template literal or string spans lines.

Environment (set by Trunk): TRUNK_STAGING_DIR, TRUNK_SOURCE_DIR, TRUNK_PROFILE.
Python 3 standard library only.
"""

import base64
import hashlib
import json
import os
import re
import sys
from pathlib import Path

PLACEHOLDER = "'sha256-XP-INLINE-SCRIPTS'"
# A <script …>…</script> element; attribute values may hold '>' inside quotes.
SCRIPT = re.compile(r"<script\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>(.*?)</script\s*>", re.S | re.I)
CSP_META = re.compile(r"<meta\b[^>]*content-security-policy[^>]*>", re.I)
# Trunk's autoreload script (only `trunk serve` injects it).
AUTORELOAD = "{{__TRUNK_ADDRESS__}}"
HAS_SRC = re.compile(r"\bsrc\s*=", re.I)
# href=/src= values that name a file of the page (quoted or not; not data:, blob:, http: …).
LOCAL_REF = re.compile(r"""\b(?:href|src)\s*=\s*["']?(?![a-z][a-z0-9+.-]*:)([^"'\s>]+)""", re.I)


def fail(message):
    print(f"trunk_post_build.py: {message}", file=sys.stderr)
    sys.exit(1)


def inline_script_hashes(html):
    """CSP source expressions for every inline script, in document order, without repeats."""
    hashes = []
    for m in SCRIPT.finditer(html):
        if HAS_SRC.search(m.group(1)):
            continue
        digest = base64.b64encode(hashlib.sha256(m.group(2).encode("utf-8")).digest()).decode()
        source = f"'sha256-{digest}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def compact_js(text):
    """The script without comment lines, blank lines or indentation. Only whole-line `//`
    comments go, so a `//` inside a string or a URL is never touched."""
    lines = (line.strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


def sri(data):
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def compact_scripts(staging, html):
    """Compacts every .js of the build in place; returns index.html with the new hashes."""
    for path in sorted(staging.glob("*.js")):
        before = path.read_bytes()
        after = compact_js(before.decode("utf-8")).encode("utf-8")
        path.write_bytes(after)
        html = html.replace(sri(before), sri(after))
    return html


def build_version(staging, files):
    """A hash of the build: every precached file's name and content."""
    h = hashlib.sha256()
    for name in files:
        h.update(name.encode("utf-8") + b"\0")
        h.update(hashlib.sha256((staging / name).read_bytes()).digest())
    return h.hexdigest()[:16]


def main():
    try:
        staging = Path(os.environ["TRUNK_STAGING_DIR"])
        source = Path(os.environ["TRUNK_SOURCE_DIR"])
    except KeyError as e:
        fail(f"{e.args[0]} is not set: this script runs as a Trunk post_build hook")
    release = os.environ.get("TRUNK_PROFILE") == "release"
    index = staging / "index.html"
    html = index.read_text(encoding="utf-8")

    # 1. The CSP's inline-script hashes.
    metas = CSP_META.findall(html)
    if len(metas) != 1 or PLACEHOLDER not in metas[0]:
        fail(f"index.html needs one Content-Security-Policy meta tag holding {PLACEHOLDER}")
    first_script = SCRIPT.search(html)
    if first_script and first_script.start() < html.index(metas[0]):
        fail("the Content-Security-Policy meta tag must come before every script")
    hashes = inline_script_hashes(html)
    dev_server = AUTORELOAD in html
    if dev_server:
        # `trunk serve` injects its autoreload script and rewrites it per request (the
        # address it connects to comes from the request's Host header), so no hash can
        # match it: a page built for the dev server allows inline scripts. `trunk build`
        # (dist/, what is handed out) never has it.
        hashes = ["'unsafe-inline'"]
    csp = metas[0].replace(PLACEHOLDER, " ".join(hashes)).replace("  ", " ")
    html = html.replace(metas[0], csp)

    # 4. Compact scripts (release): before the version, which hashes the files as shipped.
    if release:
        html = compact_scripts(staging, html)
        shipped = {sri(p.read_bytes()) for p in staging.rglob("*") if p.is_file()}
        for value in re.findall(r"integrity=[\"']?(sha384-[A-Za-z0-9+/=]+)", html):
            if value not in shipped:
                fail(f"index.html has integrity {value}, which no file of the build matches")

    # 2. The precache list and the version.
    files = sorted(
        p.relative_to(staging).as_posix()
        for p in staging.rglob("*")
        if p.is_file() and p.relative_to(staging).as_posix() != "sw.js"
    )
    # Every file the page names must be there (precaching a page that misses one would
    # leave a broken page offline).
    for ref in LOCAL_REF.findall(html):
        name = ref.split("?")[0].split("#")[0].removeprefix("./").removeprefix("/")
        if name and name not in files:
            fail(f"index.html refers to {ref}, which is not in the build")
    index.write_text(html, encoding="utf-8")  # the version covers the final CSP
    version = build_version(staging, files) if release else "debug"

    # 3. The build mark, right after the CSP.
    mark = f'<meta name="xingping-build" content="{version}">'
    html = html.replace(csp, csp + mark, 1)
    index.write_text(html, encoding="utf-8")

    template = (source / "assets" / "sw.js").read_text(encoding="utf-8")
    sw = template.replace("/*XP:VERSION*/ 'template'", json.dumps(version), 1)
    sw = sw.replace("/*XP:FILES*/ []", json.dumps(files if release else [], indent=2), 1)
    if "/*XP:" in sw:
        fail("assets/sw.js lost its /*XP:VERSION*/ or /*XP:FILES*/ marker")
    if release:
        sw = compact_js(sw)
    (staging / "sw.js").write_text(sw, encoding="utf-8")

    what = f"{len(files)} files precached" if release else "debug build: no precache"
    how = "inline scripts allowed for trunk serve's autoreload" if dev_server else f"{len(hashes)} inline script(s) hashed"
    print(f"post-build: version {version}, {what}, CSP: {how}")


if __name__ == "__main__":
    main()
