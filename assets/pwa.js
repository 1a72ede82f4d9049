// Registers 星评's service worker (sw.js, see assets/sw.js) and offers updates.
//
// Only in a release build served over http(s): the post-build hook marks the page with
// <meta name="xingping-build" content="VERSION">, or content="debug" for a debug build, in
// which case any worker of this page left from a release build is unregistered instead.
// Opened from a file (the single-file edition) there is no service worker at all; served
// over plain http from another computer, there can be none, and the page says so.
//
// A new version never takes over by itself: when one has been downloaded, a bar at the
// bottom of the page says "有新版本，点击更新" ("稍后" hides it until the clerk comes back). A
// click lets the new worker take over and reloads the page; the app saves the open draft on
// `pagehide`, and drafts live in localStorage, which an update does not touch.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="xingping-build"]');
  var build = meta ? meta.getAttribute('content') : '';
  if (!build || !/^https?:$/.test(location.protocol)) return;
  if (!window.isSecureContext && build !== 'debug') {
    insecure();
    return;
  }
  if (!('serviceWorker' in navigator)) return;
  var sw = navigator.serviceWorker;
  var script = new URL('sw.js', document.baseURI).href;

  if (build === 'debug') {
    sw.getRegistrations().then(function (registrations) {
      registrations.forEach(function (r) {
        var w = r.active || r.waiting || r.installing;
        if (w && w.scriptURL === script) r.unregister();
      });
    });
    return;
  }

  var bar = null;
  var updating = false;

  function show(text, onclick) {
    if (!bar) {
      bar = document.createElement('div');
      bar.setAttribute('role', 'status');
      bar.setAttribute('data-testid', 'update-bar');
      bar.className = 'xp-update'; // styled in styles/app.css, which keeps it off paper
      var button = document.createElement('button');
      button.type = 'button';
      bar.appendChild(button);
      // "Later": hides the bar; the new version waits and is offered again when the page
      // comes back into view (or is opened again).
      var later = document.createElement('button');
      later.type = 'button';
      later.textContent = '稍后';
      later.onclick = function () {
        bar.hidden = true;
      };
      bar.appendChild(later);
    }
    attach();
    var btn = bar.firstChild;
    btn.textContent = text;
    btn.disabled = false;
    btn.onclick = onclick;
    bar.hidden = false;
  }

  // The app empties <body> when it mounts: a bar added before that (a page served by the
  // worker registers at once) is put back once the app has started.
  function attach() {
    if (bar && !bar.isConnected) document.body.appendChild(bar);
  }
  window.addEventListener('TrunkApplicationStarted', attach);

  function offer(worker) {
    show('有新版本，点击更新', function () {
      updating = true;
      bar.firstChild.disabled = true;
      bar.firstChild.textContent = '正在更新…';
      worker.postMessage({ type: 'xingping:skip-waiting' });
    });
  }

  // The new worker has taken over: reload into the new version if this page asked for it;
  // if another tab did, say so and let the clerk reload when it suits.
  var hadController = !!sw.controller;
  sw.addEventListener('controllerchange', function () {
    if (!hadController) {
      hadController = true; // the first install claiming this page: nothing changed
      return;
    }
    if (updating) {
      location.reload();
      // Still here a moment later: the clerk chose to stay when the browser asked (an edit not
      // yet saved); the button must not stay at "正在更新…", so offer the reload again.
      setTimeout(function () {
        updating = false;
        show('已更新到新版本，点击重新载入', function () {
          location.reload();
        });
      }, 1500);
    } else {
      show('已更新到新版本，点击重新载入', function () {
        location.reload();
      });
    }
  });

  function watch(registration) {
    if (registration.waiting && sw.controller) offer(registration.waiting);
    registration.addEventListener('updatefound', function () {
      var worker = registration.installing;
      if (!worker) return;
      worker.addEventListener('statechange', function () {
        if (worker.state === 'installed' && sw.controller) offer(worker);
      });
    });
    // Look for a new version when the page comes back into view or online, and hourly, and
    // offer again one put off with "稍后". Offline, the check fails quietly and the cached
    // version goes on working.
    function check() {
      registration
        .update()
        .catch(function () {})
        .then(function () {
          if (registration.waiting && sw.controller && !updating) offer(registration.waiting);
        });
    }
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'visible') check();
    });
    window.addEventListener('online', check);
    setInterval(check, 60 * 60 * 1000);
  }

  function register() {
    sw.register(script).then(watch, function (e) {
      // No service worker (e.g. a browser setting): the page works, only not offline.
      console.warn('星评: service worker not registered:', e);
    });
  }
  // A first visit registers after the page has loaded, so the precaching does not compete
  // with it; a page already served by the worker registers at once (nothing to download).
  if (sw.controller || document.readyState === 'complete') register();
  else window.addEventListener('load', register);

  // Served over plain http from anywhere but this computer (an intranet server, say), the
  // browser allows no service worker: the page works, but not offline, and cannot be
  // installed. Say so at the top of the page, so that the office can move the page to https
  // or hand out the single file, before a clerk finds out with the network down.
  function insecure() {
    var note = document.createElement('p');
    note.className = 'xp-insecure';
    note.setAttribute('role', 'status');
    note.setAttribute('data-testid', 'insecure');
    note.textContent =
      '本页通过 HTTP 网址打开，浏览器不允许它离线保存：断网后将无法打开本页（已保存的草稿不受影响）。' +
      '请让管理员改用 HTTPS 网址，或改用单文件版 xingping.html。';
    var ok = document.createElement('button');
    ok.type = 'button';
    ok.textContent = '知道了';
    ok.onclick = function () {
      note.remove();
    };
    note.appendChild(ok);
    // The app empties <body> when it mounts: add the line once the app has started.
    window.addEventListener('TrunkApplicationStarted', function () {
      document.body.insertBefore(note, document.body.firstChild);
    });
  }
})();
