// 星评's service worker: the page works offline after its first visit.
//
// This file is a template. After every Trunk build, scripts/trunk_post_build.py writes it to
// the build as sw.js with the two marked values filled in:
//   VERSION  a hash of every file of the build (names and contents), so any change makes a
//            new sw.js, which the browser sees as an update;
//   FILES    every file of the build but sw.js, relative to this worker's scope.
// A debug build (`trunk serve`, `trunk build`) gets an empty FILES: the worker then caches
// nothing, removes this page's caches and unregisters itself.
//
// What it does: install precaches FILES in a cache named after VERSION (and the scope, so
// two copies of the page on one server keep apart); a new version waits until the page asks
// it to take over (the page shows "有新版本，点击更新" and never swaps code under a clerk);
// activate deletes this scope's older caches; fetch answers the precached files from the
// cache first and lets every other request go to the network untouched and uncached.
// Drafts live in localStorage (xingping/v1/…), which a service worker cannot touch.
'use strict';

const VERSION = /*XP:VERSION*/ 'template';
const FILES = /*XP:FILES*/ [];

const PREFIX = `xingping:${self.registration.scope}:`;
const CACHE = PREFIX + VERSION;
const INDEX = new URL('index.html', self.registration.scope).href;
const PRECACHED = new Set(FILES.map((f) => new URL(f, self.registration.scope).href));

const ourOldCaches = async (keep) =>
  (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== keep);

if (FILES.length === 0) {
  // Debug build: clean up after any release build that ran on this address before.
  self.addEventListener('install', () => self.skipWaiting());
  self.addEventListener('activate', (event) => {
    event.waitUntil(
      (async () => {
        await Promise.all((await ourOldCaches(null)).map((name) => caches.delete(name)));
        await self.registration.unregister();
      })(),
    );
  });
} else {
  self.addEventListener('install', (event) => {
    event.waitUntil(
      (async () => {
        const cache = await caches.open(CACHE);
        // A file with a content hash in its name (Trunk's filehash) never changes, so the
        // copy the page has just loaded may come from the HTTP cache; any other file
        // (index.html, the manifest, the icons) straight from the server ('reload'). All or
        // nothing: any failure fails the install, and the browser tries again later.
        const hashed = /-[0-9a-f]{12,16}(_bg)?\.[a-z]+$/;
        await cache.addAll(FILES.map((f) => new Request(f, { cache: hashed.test(f) ? 'default' : 'reload' })));
      })(),
    );
  });

  self.addEventListener('activate', (event) => {
    event.waitUntil(
      (async () => {
        await Promise.all((await ourOldCaches(CACHE)).map((name) => caches.delete(name)));
        await self.clients.claim();
      })(),
    );
  });

  self.addEventListener('fetch', (event) => {
    const request = event.request;
    if (request.method !== 'GET') return;
    const url = new URL(request.url);
    if (url.origin !== self.location.origin) return;
    let key = url.origin + url.pathname; // the query string does not pick another file
    if (request.mode === 'navigate' && key === self.registration.scope) key = INDEX;
    if (!PRECACHED.has(key)) return; // not a file of the page: the network, uncached
    event.respondWith(
      (async () => {
        const cache = await caches.open(CACHE);
        const hit = await cache.match(key);
        return hit || fetch(request);
      })(),
    );
  });

  // The page's update button.
  self.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'xingping:skip-waiting') self.skipWaiting();
  });
}
