// What the browser tests share: a static file server on 127.0.0.1 and Debian's headless
// Chromium (/usr/bin/chromium, or $CHROMIUM) driven by playwright-core, with a fresh profile.
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

/**
 * Serves the files under `root` (a directory's `index.html` for the directory), except paths
 * with a segment listed in `hidden`. Resolves to `{ origin, close }`.
 */
export async function serveDirectory(root, { hidden = [] } = {}) {
  const base = resolve(root);
  const server = createServer((req, res) => {
    let path;
    try {
      path = resolve(join(base, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
      if (statSync(path).isDirectory()) path = join(path, 'index.html');
      const inside = path === base || path.startsWith(base + sep);
      const shown = !path.slice(base.length).split(sep).some((part) => hidden.includes(part));
      if (!inside || !shown || !statSync(path).isFile()) path = null;
    } catch {
      path = null;
    }
    if (path === null) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    res.end(readFileSync(path));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    // Chromium keeps (and pre-opens) connections: close those too, or close() waits for them.
    close: () =>
      new Promise((done) => {
        server.close(done);
        server.closeAllConnections();
      }),
  };
}

/**
 * Headless Chromium with a fresh profile directory (--user-data-dir): `{ context, close }`,
 * `context` a playwright persistent context, `close()` closing it and removing the profile.
 */
export async function launchChromium(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'qianming-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      ...options,
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
