// The packed package in each bundler a browser app is likely built with: for every app under
// test/bundlers/ (Vite, webpack, esbuild), a fresh copy in a temporary directory gets the page
// and the code every app shares (test/bundler-app/), installs its locked bundler (`npm ci`)
// and the packed tarball by name, builds for production
// (`npm run build`, the command the README documents), and the built site is served on
// 127.0.0.1 and opened in headless Chromium, where it must show the vector cases' signatures
// (main module) and a result of 'qianming/doctor' (a subpath module with its own .wasm).
// The Vite app is also run under its dev server. The tarball is $QIANMING_TARBALL (test.sh
// packs once), else packed here.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, serveDirectory } from './browser.mjs';
import { loadVectorFile } from './vectors.mjs';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const APPS = fileURLToPath(new URL('./bundlers/', import.meta.url));
const SHARED = fileURLToPath(new URL('./bundler-app/', import.meta.url));
// What each app's copy gets from SHARED: the page, with the bundler's name and the script tag
// its documentation gives (Vite reads the page as its entry; webpack and esbuild build
// main.js next to it), and, at the bundler's default entry, the README's unconfigured code
// (esbuild's app has its own entry: it initialises explicitly).
const SETUP = {
  esbuild: { name: 'esbuild', script: '<script defer src="main.js"></script>' },
  vite: { name: 'Vite', script: '<script type="module" src="/src/main.js"></script>', entry: 'src/main.js' },
  webpack: { name: 'webpack', script: '<script defer src="main.js"></script>', entry: 'src/index.js' },
};
// Configuration only a dev server reads: left out of the production builds.
const DEV_CONFIG = 'vite.config.js';

// The seed's app_signature and the SDK file's (non-ASCII among them): the page shows each.
const CASES = ['seed_examples.json', 'kingdee_official_sdk.json']
  .flatMap((file) => loadVectorFile(file).app_signature ?? [])
  .filter((c) => (c.result ?? 'valid') === 'valid');

let work;
let tarball;
let chromium;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'qianming-bundlers-'));
  tarball = process.env.QIANMING_TARBALL;
  if (!tarball) {
    const name = npm(PACKAGE, ['pack', '--silent', '--pack-destination', work]).trim();
    tarball = join(work, name);
  }
  chromium = await launchChromium();
});

after(async () => {
  await chromium?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs npm in `cwd`; on failure the error carries npm's whole output. */
function npm(cwd, args) {
  try {
    return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${error.stdout}\n${error.stderr}`);
  }
}

/** A fresh copy of the app with the shared page and code, its locked dependencies and the
 * packed package. */
function install(app) {
  const dir = join(work, app);
  const setup = SETUP[app];
  assert.ok(setup, `test/bundlers/${app} has no entry in SETUP`);
  cpSync(join(APPS, app), dir, {
    recursive: true,
    filter: (path) => !['node_modules', 'dist', DEV_CONFIG].includes(basename(path)),
  });
  const page = readFileSync(join(SHARED, 'index.html'), 'utf8')
    .replace('{{bundler}}', setup.name)
    .replace('{{script}}', setup.script);
  writeFileSync(join(dir, 'index.html'), page);
  if (setup.entry) {
    mkdirSync(dirname(join(dir, setup.entry)), { recursive: true });
    cpSync(join(SHARED, 'main.js'), join(dir, setup.entry));
  }
  npm(dir, ['ci', '--prefer-offline', '--no-audit', '--no-fund']);
  npm(dir, ['install', '--no-save', '--prefer-offline', '--no-audit', '--no-fund', tarball]);
  return dir;
}

/** Opens the site at `origin` once per vector case; it must show each case's signature. */
async function expectSignatures(origin, what) {
  const page = await chromium.context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(`${origin}/`)) problems.push(`outside request ${request.url()}`);
  });
  try {
    for (const c of CASES) {
      const query = new URLSearchParams({ appKey: c.app_key, appSecret: c.app_secret });
      await page.goto(`${origin}/?${query}`);
      // The page shows a signature or an error; one that shows neither fails here.
      const shown = () =>
        document.querySelector('#result')?.textContent || document.querySelector('#error')?.textContent;
      await page.waitForFunction(shown, undefined, { timeout: 30_000 }).catch((error) => {
        throw new Error(`${what}: the page showed nothing (${problems.join('; ') || error.message})`);
      });
      assert.equal(await page.locator('#error').textContent(), '', `${what}, ${c.id}: ${problems.join('; ')}`);
      assert.equal(await page.locator('#result').textContent(), c.app_signature, `${what}, ${c.id}`);
      assert.equal(await page.locator('#subpath').textContent(), 'canonical_path', `${what}: qianming/doctor`);
    }
    assert.deepEqual(problems, [], what);
  } finally {
    await page.close();
  }
}

/** Starts Vite's dev server in `dir` on 127.0.0.1; resolves to `{ origin, stop }`, or fails
 * after a minute. Colours are off (Vite colours its output when `CI` is set, which would
 * split the URL with escape codes), and escape codes are dropped anyway. */
function viteDevServer(dir) {
  const child = spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--host', '127.0.0.1', '--port', '0'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`vite printed no URL within 60 s:\n${output}`));
    }, 60_000);
    const seen = (chunk) => {
      output += chunk;
      // eslint-disable-next-line no-control-regex
      const url = output.replace(/\x1b\[[0-9;]*m/g, '').match(/http:\/\/127\.0\.0\.1:\d+/);
      if (url) {
        clearTimeout(timer);
        resolve({ origin: url[0], stop: () => child.kill() });
      }
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`vite exited (${code}) before serving:\n${output}`));
    });
  });
}

test('there are vector cases to sign', () => {
  assert.ok(CASES.length >= 2, `only ${CASES.length} app_signature cases`);
  assert.ok(CASES.some((c) => /[^\x00-\x7f]/.test(c.app_key + c.app_secret)), 'no non-ASCII case');
});

for (const app of readdirSync(APPS).sort()) {
  test(`${app}: a production build from the packed tarball signs in Chromium`, async () => {
    const dir = install(app);
    npm(dir, ['run', 'build']);
    const server = await serveDirectory(join(dir, 'dist'));
    try {
      await expectSignatures(server.origin, `${app} build`);
    } finally {
      await server.close();
    }
  });
}

test('vite: the dev server, with the one line of configuration the README gives, signs too', async () => {
  const dir = join(work, 'vite'); // installed and built above
  cpSync(join(APPS, 'vite', DEV_CONFIG), join(dir, DEV_CONFIG));
  const server = await viteDevServer(dir);
  try {
    await expectSignatures(server.origin, 'vite dev server');
  } finally {
    server.stop();
  }
});
