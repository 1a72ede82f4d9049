#!/usr/bin/env python3
"""Writes the single-file edition of the page: one HTML file with everything inside, which
works opened from disk (file://) with no server, for handing out on a USB stick or as a file
over chat.

    python3 scripts/single_file.py [--dist dist] [--out dist-single/xingping.html]

Reads a release build (`trunk build --release`, see scripts/build.sh) and rewrites its
index.html:
- the stylesheet becomes a <style> element;
- Trunk's bootstrap, the wasm-bindgen JS glue and the .wasm become one inline module
  script: the glue with its `export` statement removed, the .wasm gzip-compressed and
  base64-encoded, decompressed with DecompressionStream, compiled with
  WebAssembly.compile and handed to the glue's init as a module;
- assets/boot.js (why the app did not start) becomes an inline script ahead of it;
- the favicon becomes a data: URL; the service worker script, the web app manifest, the
  apple-touch-icon and the preload hints go (none of them works from a file);
- the Content-Security-Policy allows exactly this file's inline scripts and style (by
  sha256), WebAssembly, data:/blob: images, and nothing else: no connection at all.
Drafts are kept by the same code under the same localStorage keys (xingping/v1/…), in the
browser that opens the file. Python 3 standard library only.
"""

import argparse
import base64
import gzip
import hashlib
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CSP = (
    "default-src 'none'; script-src {scripts} 'wasm-unsafe-eval'; style-src {styles}; "
    "img-src data: blob:; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'"
)

# Runs after the glue: unpacks and starts the app. A failure is left to propagate:
# assets/boot.js (inlined before this) shows it in Chinese with what to do.
BOOTSTRAP = """
const XP_WASM_GZIP_BASE64 = "%(wasm)s";
{
  // A block: the glue's own top-level names (`wasm` among them) must not be declared again.
  if (typeof DecompressionStream === "undefined") {
    throw new Error("这个浏览器不支持 DecompressionStream，版本过旧");
  }
  const packed = Uint8Array.from(atob(XP_WASM_GZIP_BASE64), (c) => c.charCodeAt(0));
  const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"));
  const module = await WebAssembly.compile(await new Response(stream).arrayBuffer());
  const wasm = await __wbg_init({ module_or_path: module });
  dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
}
"""


def fail(message):
    print(f"single_file.py: {message}", file=sys.stderr)
    sys.exit(1)


def sha256_source(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def module_from_glue(glue):
    """wasm-bindgen's `--target web` glue as plain module-level code: its one
    `export { initSync, __wbg_init as default };` (and any `export` keyword) removed, so it can
    sit in the same inline module script as the bootstrap."""
    if "async function __wbg_init(" not in glue:
        fail("the JS glue has no `async function __wbg_init(`: not wasm-bindgen's web target?")
    glue = re.sub(r"^export\s*\{[^}]*\};?[ \t]*$", "", glue, flags=re.M)
    glue = re.sub(r"^export\s+(?=(?:async\s+)?function\b|class\b|const\b|let\b|var\b)", "", glue, flags=re.M)
    if re.search(r"^\s*(?:export|import)\b", glue, flags=re.M):
        fail("the JS glue has an import or export this script does not know how to inline")
    return glue


class Rewriter(HTMLParser):
    """Re-emits index.html token by token, replacing what must be inlined or dropped."""

    def __init__(self, dist):
        super().__init__(convert_charrefs=False)
        self.dist = dist
        self.out = []
        self.scripts = []  # inline script texts, for the CSP
        self.styles = []  # inline style texts, for the CSP
        self.in_script = None  # "drop" | "bootstrap" | "keep" while inside a <script>
        self.bootstrap_text = ""
        self.saw_bootstrap = False

    def read(self, ref):
        name = ref.split("?")[0].removeprefix("./").removeprefix("/")
        path = self.dist / name
        if not path.is_file():
            fail(f"index.html names {ref}, which is not in {self.dist}")
        return path

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        rel = a.get("rel", "").lower()
        if tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy":
            self.out.append("\0CSP\0")
        elif tag == "link" and rel == "stylesheet":
            css = self.read(a["href"]).read_text(encoding="utf-8")
            if re.search(r"url\(|@import", css):
                fail("the stylesheet refers to other files (url(…) or @import): inline them first")
            if "</style" in css.lower():
                fail("the stylesheet contains '</style'")
            self.styles.append(css)
            self.out.append(f"<style>{css}</style>")
        elif tag == "link" and rel == "icon":
            path = self.read(a["href"])
            mime = a.get("type") or {"svg": "image/svg+xml", "png": "image/png"}[path.suffix[1:]]
            data = base64.b64encode(path.read_bytes()).decode()
            self.out.append(f'<link rel="icon" type="{mime}" href="data:{mime};base64,{data}">')
        elif tag == "link" and rel in ("manifest", "apple-touch-icon", "modulepreload", "preload"):
            pass
        elif tag == "script":
            if "src" in a:
                name = Path(a["src"]).name
                if name.startswith("boot-"):
                    # Says why the app did not start: inline, still ahead of the app's script.
                    code = self.read(a["src"]).read_text(encoding="utf-8")
                    if "</script" in code.lower():
                        fail("assets/boot.js contains '</script'")
                    self.scripts.append(code)
                    self.out.append(f"<script>{code}</script>")
                elif not name.startswith("pwa-"):
                    fail(f"unexpected external script {a['src']}: teach single_file.py to inline it")
                self.in_script = "drop"  # the inlined boot script's empty body; pwa.js: the service worker needs a server
            elif a.get("type") == "module" and not self.saw_bootstrap:
                self.in_script, self.saw_bootstrap = "bootstrap", True
            else:
                fail("unexpected inline script in index.html")
        else:
            self.out.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            if self.in_script == "bootstrap":
                self.out.append(self.inline_app())
            self.in_script = None
            return
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if self.in_script == "bootstrap":
            self.bootstrap_text += data
        elif self.in_script is None:
            self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        pass

    def inline_app(self):
        boot = self.bootstrap_text
        js = re.search(r"""import\s+init\b[^;]*?from\s*['"]([^'"]+\.js)['"]""", boot)
        wasm = re.search(r"""['"]([^'"]+_bg\.wasm)['"]""", boot)
        if not js or not wasm:
            fail("Trunk's bootstrap script does not name the JS glue and the .wasm as expected")
        glue = module_from_glue(self.read(js.group(1)).read_text(encoding="utf-8"))
        packed = gzip.compress(self.read(wasm.group(1)).read_bytes(), compresslevel=9, mtime=0)
        code = glue + BOOTSTRAP % {"wasm": base64.b64encode(packed).decode()}
        if "</script" in code.lower():
            fail("the inlined script contains '</script'")
        self.scripts.append(code)
        return f'<script type="module">{code}</script>'


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", default=str(ROOT / "dist"), help="a release build (default: dist)")
    parser.add_argument("--out", default=str(ROOT / "dist-single" / "xingping.html"))
    args = parser.parse_args()
    dist, out = Path(args.dist), Path(args.out)
    index = dist / "index.html"
    if not index.is_file():
        fail(f"no {index}: run `trunk build --release` first")

    r = Rewriter(dist)
    r.feed(index.read_text(encoding="utf-8"))
    r.close()
    if not r.saw_bootstrap:
        fail("index.html has no inline module script (Trunk's bootstrap)")
    html = "".join(r.out)
    if html.count("\0CSP\0") != 1:
        fail("index.html needs exactly one Content-Security-Policy meta tag")
    csp = CSP.format(
        scripts=" ".join(sha256_source(s) for s in r.scripts),
        styles=" ".join(sha256_source(s) for s in r.styles) or "'none'",
    )
    html = html.replace("\0CSP\0", f'<meta http-equiv="Content-Security-Policy" content="{csp}">')
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    print(f"single_file.py: wrote {out} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
