// `qianming/init`, the explicit initialisation (workers, Deno, esbuild, CDNs): each case runs in
// a fresh Node process, since a process instantiates the module once. The .wasm is found by
// the package's own export `qianming/qianming.wasm`, and fetched from a real HTTP server on
// 127.0.0.1 for the URL cases. A subpath module ('qianming/doctor/init') initialises apart.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const SEED = 'ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ==';
const WASM = readFileSync(new URL('../pkg/qianming_wasm_bg.wasm', import.meta.url));

let server;
let origin;

before(async () => {
  server = createServer((req, res) => {
    if (req.url === '/qianming.wasm') res.writeHead(200, { 'content-type': 'application/wasm' }).end(WASM);
    else res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
});

after(() => {
  server.close();
  server.closeAllConnections();
});

/**
 * Runs `body` as an ES module in a fresh Node process beside the package (so `qianming/init`
 * resolves to it) with `init`, `initSync`, `kingdee`, `bytes` (the .wasm) and `origin` in
 * scope; resolves to what it printed.
 */
async function fresh(body) {
  const code = `
    import { readFileSync } from 'node:fs';
    import { init, initSync, kingdee } from 'qianming/init';
    const bytes = readFileSync(new URL(import.meta.resolve('qianming/qianming.wasm')));
    const origin = ${JSON.stringify(origin)};
    const sign = () => kingdee.appSignature('abc', 'abc123');
    ${body}`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', code], {
    cwd: PACKAGE,
  });
  return stdout.trim();
}

test('before initialisation every function refuses with an error that says what to do', async () => {
  const out = await fresh(`
    for (const call of [sign, () => new kingdee.Signer('1', 's'), () => kingdee.nonce()]) {
      try { call(); console.log('no error'); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
    }`);
  const lines = out.split('\n');
  assert.equal(lines.length, 3);
  for (const line of lines) assert.match(line, /^Error: qianming is not initialised: await init\(…\)/);
});

const SOURCES = {
  'the bytes (Buffer)': 'bytes',
  'the bytes (ArrayBuffer)': 'bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)',
  'a compiled WebAssembly.Module': 'new WebAssembly.Module(bytes)',
  'a Response': "new Response(bytes, { headers: { 'content-type': 'application/wasm' } })",
  'a promise of a Response (fetch)': "fetch(origin + '/qianming.wasm')",
  'a URL string (fetched)': "origin + '/qianming.wasm'",
  'a URL object (fetched)': "new URL('/qianming.wasm', origin)",
};

for (const [what, source] of Object.entries(SOURCES)) {
  test(`init(${what}) makes the API ready`, async () => {
    assert.equal(await fresh(`await init(${source}); console.log(sign());`), SEED);
  });
}

test('initSync(bytes or a Module) makes the API ready at once', async () => {
  assert.equal(await fresh('initSync(bytes); console.log(sign());'), SEED);
  assert.equal(await fresh('initSync(new WebAssembly.Module(bytes)); console.log(sign());'), SEED);
});

test('a second init or initSync does nothing; init returns the first call’s promise', async () => {
  const out = await fresh(`
    const first = init(bytes);
    console.log(init(new Uint8Array([0, 1, 2])) === first);
    await first;
    initSync(new Uint8Array([0, 1, 2]));
    await init(null);
    console.log(sign());`);
  assert.equal(out, `true\n${SEED}`);
});

test('initSync while init is loading is refused', async () => {
  const out = await fresh(`
    const loading = init(bytes);
    try { initSync(bytes); } catch (e) { console.log(e.message); }
    await loading;
    console.log(sign());`);
  assert.equal(out, `init() is already loading the module: await it instead\n${SEED}`);
});

test('a missing source is a TypeError; a failed init may be retried', async () => {
  const out = await fresh(`
    await init().catch((e) => console.log(e.constructor.name));
    try { initSync(undefined); } catch (e) { console.log(e.constructor.name); }
    await init(new Uint8Array([0, 1, 2])).catch((e) => console.log(e.constructor.name));
    await init(origin + '/missing.wasm').catch(() => console.log('404 refused'));
    try { sign(); } catch (e) { console.log('still not initialised'); }
    await init(bytes);
    console.log(sign());`);
  assert.equal(out, `TypeError\nTypeError\nCompileError\n404 refused\nstill not initialised\n${SEED}`);
});

test('require() loads the Node entry and qianming/init (Node 20.19+ / 22.12+, as "engines" says)', async () => {
  const code = `
    const q = require('qianming');
    console.log(q.kingdee.appSignature('abc', 'abc123'));
    console.log(typeof require('qianming/init').init);`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', code], { cwd: PACKAGE });
  assert.equal(stdout.trim(), `${SEED}\nfunction`);
});

test('a subpath module initialises on its own: its own init, its own .wasm, its own message', async () => {
  const code = `
    import { readFileSync } from 'node:fs';
    import { doctor, init } from 'qianming/doctor/init';
    import { initSync as initMain, kingdee } from 'qianming/init';
    const compare = () => doctor.compareStringToSign('GET\\n/a\\n', 'GET\\n/b\\n').part;
    try { compare(); } catch (e) { console.log(e.message); }
    // The main module's .wasm is not the doctor's: refused, and the doctor stays uninitialised.
    await init(readFileSync(new URL(import.meta.resolve('qianming/qianming.wasm')))).catch(() => console.log('refused'));
    try { compare(); } catch (e) { console.log('still not initialised'); }
    await init(readFileSync(new URL(import.meta.resolve('qianming/doctor.wasm'))));
    console.log(compare());
    // Ready without the main module, which is still not.
    try { kingdee.appSignature('abc', 'abc123'); } catch (e) { console.log(e.message.split(':')[0]); }
    initMain(readFileSync(new URL(import.meta.resolve('qianming/qianming.wasm'))));
    console.log(kingdee.appSignature('abc', 'abc123'));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', code], { cwd: PACKAGE });
  const lines = stdout.trim().split('\n');
  assert.match(lines[0], /^qianming\/doctor is not initialised: await init\(…\) \(or call initSync\(…\)\) from 'qianming\/doctor\/init'/);
  assert.deepEqual(lines.slice(1), ['refused', 'still not initialised', 'canonical_path', 'qianming is not initialised', SEED]);
});
