// Says in Chinese why 星评 is not there, instead of leaving a blank page.
//
// It writes "正在载入星评…" into the empty line that index.html has in <body> (empty there, so
// that with JavaScript off only the <noscript> text shows). The app empties <body> when it
// mounts, and Trunk's bootstrap (or the single file's) then fires `TrunkApplicationStarted`.
// Until then:
// - a browser without WebAssembly or module scripts is told at once that it is too old;
// - an error while loading or starting (a .wasm cut off by the network, or a browser too old
//   for the page's WebAssembly: Chrome/Edge before 97 refuse to compile it under the page's
//   Content-Security-Policy) replaces the loading line with what happened and what to do;
// - after 20 s without either, the loading line says how to get out of a stalled load.
// Once started, a WebAssembly trap (a panic in Rust; the page's code is meant never to
// panic) leaves the app unable to respond: a bar says so and asks for a reload, since the
// drafts saved so far are in localStorage and a reload reopens them.
//
// Plain ES5 and run before the app's scripts (not deferred), so that even the oldest browser
// runs it and no error is missed. The single-file edition inlines it (scripts/single_file.py).
(function () {
  'use strict';
  var started = false;
  var failed = false;
  var HELP =
    '请刷新页面重试；如果仍然不行，请换用新版浏览器（Chrome 或 Edge 97 以上、Firefox 102 以上，' +
    '或 360 浏览器的极速模式）。已保存的草稿在这台电脑的浏览器里，不会因此丢失。';

  // The loading line, or (if the app already emptied <body>) a new line at the top of the page.
  function say(text, role) {
    var p = document.getElementById('boot');
    if (!p) {
      p = document.createElement('p');
      p.id = 'boot';
      document.body.insertBefore(p, document.body.firstChild);
    }
    p.className = role === 'alert' ? 'boot failed' : 'boot';
    p.setAttribute('role', role);
    p.setAttribute('data-testid', 'boot');
    p.textContent = text;
  }

  function whenReady(f) {
    if (document.body) f();
    else document.addEventListener('DOMContentLoaded', f);
  }

  function fail(reason) {
    if (started || failed) return;
    failed = true;
    whenReady(function () {
      say('星评未能启动' + (reason ? '（' + reason + '）' : '') + '。' + HELP, 'alert');
    });
  }

  function crashed() {
    var bar = document.getElementById('crash');
    if (bar) return;
    bar = document.createElement('p');
    bar.id = 'crash';
    bar.className = 'crash';
    bar.setAttribute('role', 'alert');
    bar.setAttribute('data-testid', 'crash');
    bar.textContent =
      '星评出现内部错误，页面已停止响应。请刷新页面后继续：已保存的草稿会重新打开，' +
      '出错前几秒内的修改可能没有保存。';
    document.body.appendChild(bar);
  }

  function reason(error) {
    var text = error && error.message ? String(error.message) : String(error || '');
    return text.length > 120 ? text.slice(0, 120) + '…' : text;
  }

  var script = document.createElement('script');
  if (typeof WebAssembly !== 'object' || !('noModule' in script)) {
    failed = true;
    whenReady(function () {
      say('这个浏览器版本过旧，无法运行星评。' + HELP, 'alert');
    });
    return;
  }

  whenReady(function () {
    // Only into index.html's line: if the app has already mounted, the line is gone.
    var p = document.getElementById('boot');
    if (p && !started && !failed) p.textContent = '正在载入星评…';
  });
  window.addEventListener('TrunkApplicationStarted', function () {
    started = true;
  });
  window.addEventListener('error', function (e) {
    if (!started) fail(reason(e.error || e.message));
    else if (e.error instanceof WebAssembly.RuntimeError) crashed();
  });
  window.addEventListener('unhandledrejection', function (e) {
    if (!started) fail(reason(e.reason));
  });
  setTimeout(function () {
    if (!started && !failed && document.getElementById('boot')) {
      say('仍在载入星评……如果一直停在这里，' + HELP, 'status');
    }
  }, 20000);
})();
