// The playground in real headless Chromium (Debian's /usr/bin/chromium via playwright-core):
// fills the forms with vector cases, checks the values and refusals the page shows, checks
// the page makes no request outside its own static server, and saves screenshots (desktop and
// phone width) under artifacts/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, serveDirectory } from './browser.mjs';
import * as q from './all.mjs';
import { loadVectorFile, rsaDecrypt, SIGNER_HEADERS } from './vectors.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ARTIFACTS = join(ROOT, 'artifacts');
let server;
let origin;
let chromium;
let browser;
let page;
const outsideRequests = [];
const pageErrors = [];

before(async () => {
  server = await serveDirectory(ROOT, { hidden: ['node_modules'] });
  origin = server.origin;
  // English first (the page follows the browser's language); the Chinese default is checked in
  // a context of its own below.
  chromium = await launchChromium({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  browser = chromium.context;
  await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  page = await browser.newPage();
  page.on('request', (request) => {
    if (!request.url().startsWith(`${origin}/`)) outsideRequests.push(request.url());
  });
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(`${origin}/playground/index.html`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
});

after(async () => {
  await chromium?.close();
  await server?.close();
});

const text = (selector) => page.locator(selector).textContent();

/** Fills inputs by id (firing input events as typing does). */
async function fill(values) {
  for (const [id, value] of Object.entries(values)) {
    const element = page.locator(`#${id}`);
    if ((await element.evaluate((e) => e.tagName)) === 'SELECT') await element.selectOption(value);
    else await element.fill(value);
  }
}

/** The refusal shown in `#errorId`, or null when none is shown. */
async function refusal(errorId) {
  const shown = await page.locator(`#${errorId}.shown`).count();
  if (!shown) return null;
  const kind = await text(`#${errorId} .kind`);
  const message = await text(`#${errorId} .message`);
  assert.ok(message.length > 0, 'a refusal shows a message');
  return kind;
}

async function expectOutcome(errorId, testCase, checkValid) {
  const kind = await refusal(errorId);
  if ((testCase.result ?? 'valid') === 'valid') {
    assert.equal(kind, null, `case ${testCase.id}: unexpected refusal`);
    await checkValid();
  } else {
    assert.equal(kind, testCase.error, `case ${testCase.id}: refusal kind`);
  }
}

const noLineBreaks = (...values) => values.every((v) => typeof v !== 'string' || !/[\r\n]/.test(v));
const casesOf = (file, section) => loadVectorFile(file)[section] ?? [];

test('the page loaded the module and made no request outside its server', () => {
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(outsideRequests, []);
});

test('Kingdee app_signature cases', async () => {
  let ran = 0;
  for (const file of ['seed_examples.json', 'kingdee_official_sdk.json', 'kingdee_policy.json']) {
    for (const c of casesOf(file, 'app_signature')) {
      if (!noLineBreaks(c.app_key, c.app_secret)) continue; // a text input cannot hold a line break
      await fill({ 'app-key': c.app_key, 'app-secret': c.app_secret });
      await expectOutcome('app-error', c, async () => {
        assert.equal(await text('#app-hmac'), c.hmac_hex, c.id);
        assert.equal(await text('#app-signature'), c.app_signature, c.id);
      });
      ran += 1;
    }
  }
  assert.ok(ran >= 5, `only ${ran} cases`);
});

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS', 'TRACE'];

/** Whether the form can express the case exactly (one line per pair, trimmed header lines). */
function representable(c) {
  const headers = [...(c.sign_headers ?? []), ...(c.sign_header_names_without_value ?? []).map((n) => [n, null])];
  return (
    METHODS.includes(c.method) &&
    c.timestamp !== '' &&
    c.nonce !== '' &&
    noLineBreaks(c.client_id, c.client_secret, c.path, c.timestamp, c.nonce) &&
    c.query.every(([n, v]) => noLineBreaks(n, v) && !n.includes('=') && `${n}=${v}`.trim() !== '') &&
    headers.every(
      ([n, v]) => noLineBreaks(n, v) && !n.includes(':') && n.trim() === n && n !== '' && (v === null || v.trim() === v),
    )
  );
}

test('Kingdee request signing cases, every intermediate shown', async () => {
  let ran = 0;
  for (const file of ['seed_examples.json', 'kingdee_official_sdk.json', 'kingdee_policy.json']) {
    for (const c of casesOf(file, 'request')) {
      if (!representable(c)) continue;
      const headers = [...(c.sign_headers ?? []), ...(c.sign_header_names_without_value ?? []).map((n) => [n, null])];
      await fill({
        'req-client-id': c.client_id,
        'req-secret': c.client_secret,
        'req-method': c.method,
        'req-path': c.path,
        'req-query': c.query.map(([n, v]) => `${n}=${v}`).join('\n'),
        'req-headers': headers.map(([n, v]) => (v === null ? n : `${n}: ${v}`)).join('\n'),
        'req-timestamp': c.timestamp,
        'req-nonce': c.nonce,
      });
      await expectOutcome('req-error', c, async () => {
        const want = c.expected;
        assert.equal(await text('#req-canonical-path'), want.canonical_path, c.id);
        assert.equal(await text('#req-canonical-query'), want.canonical_query, c.id);
        assert.equal(await text('#req-string-to-sign'), want.string_to_sign, c.id);
        assert.equal(
          await page.locator('#req-string-to-sign .nl').count(),
          want.string_to_sign.split('\n').length - 1,
          `${c.id}: one visible marker per line break`,
        );
        assert.equal(await text('#req-hmac'), want.hmac_hex, c.id);
        assert.equal(await text('#req-signature'), want.signature, c.id);
        assert.equal(await text('#req-signed-headers'), want.signed_headers.join(', '), c.id);
        if (want.wire_query !== undefined) assert.equal(await text('#req-wire-query'), want.wire_query, c.id);
        const rows = await page.locator('#req-headers-out tr').evaluateAll((trs) =>
          trs.map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent]),
        );
        const shown = Object.fromEntries(rows);
        for (const name of SIGNER_HEADERS) assert.equal(shown[name], want.headers[name], `${c.id}: ${name}`);
        const curl = await text('#req-curl');
        assert.ok(curl.includes(`X-Api-Signature: ${want.signature}`), `${c.id}: curl carries the signature`);
      });
      ran += 1;
    }
  }
  assert.ok(ran >= 40, `only ${ran} cases`);
});

/** The request signer's form with a plain request; each test below changes what it needs. */
const SIGNER_FORM = {
  'req-client-id': '123456',
  'req-secret': '0123456789abcdef0123456789abcdef',
  'req-method': 'GET',
  'req-path': '/jdyconnector/app_management/kingdee_auth_token',
  'req-query': '',
  'req-headers': '',
  'req-timestamp': '1700000000000',
  'req-nonce': '1234567890',
};

test('copy as curl puts the command on the clipboard', async () => {
  await fill({ ...SIGNER_FORM, 'req-secret': 'secret', 'req-path': '/a b', 'req-query': "q=it's" });
  await fill({ 'req-base-url': 'https://example.invalid/' });
  await page.click('#req-copy');
  // The clipboard write is asynchronous. A selector wait, not `waitForFunction`: when it has
  // to poll, `waitForFunction` evaluates its predicate as a string, which the page's
  // Content-Security-Policy (no 'unsafe-eval') refuses.
  await page.waitForSelector('#req-copied:not(:empty)');
  const curl = await text('#req-curl');
  // The path travels percent-encoded (the core's request target), so curl accepts the URL.
  assert.ok(curl.startsWith("curl -X GET 'https://example.invalid/a%20b?q=it%27s'"), curl);
  assert.equal(await text('#req-copied'), 'Copied.');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), curl);
});

test('a pasted string to sign is compared with the one built, with the usual reason', async () => {
  const appSignature = 'ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ==';
  await fill({ ...SIGNER_FORM, 'req-client-id': '205022', 'req-query': `app_key=abc\napp_signature=${appSignature}` });
  await fill({ 'req-theirs': '' });
  const built = await text('#req-string-to-sign');
  assert.equal(await text('#req-compare'), '');
  const compared = async (theirs) => {
    await fill({ 'req-theirs': theirs });
    return text('#req-compare');
  };
  assert.match(await compared(built), /^Identical/);
  // A log line with the line breaks written as \n.
  assert.match(await compared(built.replaceAll('\n', '\\n')), /^Identical/);
  assert.match(await compared(built.slice(0, -1)), /missing_final_newline: .*lacks its final line feed/);
  // The classic mistake: the query encoded once ("=" as %3D instead of %253D).
  const once = await compared(built.replace('%253D%253D', '%3D%3D'));
  assert.match(once, /Differs in the canonical query \(line 3, column \d+\)/);
  assert.match(once, /query_encoded_once: .*encodes each name and value twice/);
  const path = await compared(built.replace('%2Fjdyconnector', '/jdyconnector'));
  assert.match(path, /Differs in the canonical path \(line 2, column 1\).*%2F/);
  const header = await compared(built.replace('x-api-nonce', 'X-Api-Nonce'));
  assert.match(header, /line 4, column 1\).*header_names_not_lowercased: .*lower-case/);
  await fill({ 'req-theirs': '' });
});

/** A decoded path and query as the request target a client sends (test-side encoding). */
function targetOf(path, query) {
  const encodedPath = path.split('/').map(encodeURIComponent).join('/');
  const search = new URLSearchParams(query).toString();
  return search === '' ? encodedPath : `${encodedPath}?${search}`;
}

/** The page's visible text and every output, which must never hold a revealed signature. */
const shownText = () =>
  page.evaluate(() => [document.body.innerText, ...[...document.querySelectorAll('output')].map((o) => o.value)].join('\n'));

test('Kingdee verify: every representable verify vector gets its verdict, from diagnose', async () => {
  let ran = 0;
  const seenKinds = new Set();
  await page.locator('#kv-reveals').evaluate((d) => (d.open = false));
  for (const c of casesOf('kingdee_verify.json', 'verify_request')) {
    const representable =
      c.client_secret !== '' &&
      ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS'].includes(c.method) &&
      noLineBreaks(c.client_secret, c.path) &&
      c.query.every(([n, v]) => noLineBreaks(n, v)) &&
      c.headers.every(([n, v]) => noLineBreaks(n, v) && !n.includes(':') && n.trim() === n && v.trim() === v);
    if (!representable) continue;
    await fill({
      'kv-secret': c.client_secret,
      'kv-method': c.method,
      'kv-target': targetOf(c.path, c.query),
      'kv-headers': c.headers.map(([n, v]) => `${n}: ${v}`).join('\n'),
      'kv-now': String(c.now_ms),
      'kv-window': String(c.window_ms ?? 300000),
    });
    const verdict = await text('#kv-verdict');
    if ((c.result ?? 'valid') === 'valid') {
      assert.match(verdict, /^valid/, c.id);
      assert.equal(await refusal('kv-error'), null, c.id);
    } else {
      assert.equal(verdict, `refused: ${c.error}`, c.id);
      assert.equal(await refusal('kv-error'), c.error, c.id);
      seenKinds.add(c.error);
    }
    // What the page shows is the package's diagnosis of the same request (when it has one).
    const received = { method: c.method, path: c.path, query: c.query, headers: c.headers };
    let expected = null;
    try {
      expected = new q.kingdee.Verifier(c.client_secret, { windowMs: c.window_ms ?? 300000 }).diagnose(received, c.now_ms);
    } catch {
      // too malformed to rebuild: nothing but the refusal is shown
    }
    assert.equal(await text('#kv-string-to-sign'), expected?.stringToSign ?? '', c.id);
    assert.equal(await text('#kv-canonical-query'), expected?.canonicalQuery ?? '', c.id);
    assert.equal(await text('#kv-expected'), '', `${c.id}: the signature is shown only when asked for`);
    ran += 1;
  }
  assert.ok(ran >= 25, `only ${ran} cases`);
  for (const kind of ['signature_mismatch', 'expired', 'future_timestamp', 'missing_header', 'unsigned_query_data']) {
    assert.ok(seenKinds.has(kind), `no ${kind} case ran`);
  }
});

test('Kingdee verify: the signed request above verifies; a forged one is refused without revealing the signature', async () => {
  await fill({ ...SIGNER_FORM, 'req-method': 'POST', 'req-path': '/jdy/v2/物料/a b', 'req-query': 'k=v w' });
  await fill({ 'req-headers': 'Content-Type: application/json' });
  await page.click('#kv-use-request');
  assert.equal(await page.locator('#kv-target').inputValue(), '/jdy/v2/%E7%89%A9%E6%96%99/a%20b?k=v+w');
  assert.match(await text('#kv-verdict'), /^valid/);
  assert.equal(await text('#kv-string-to-sign'), await text('#req-string-to-sign'));
  // Strict by default: an empty-name pair is data the signature does not cover.
  await fill({ 'kv-target': '/jdy/v2/%E7%89%A9%E6%96%99/a%20b?=x&k=v+w' });
  assert.equal(await text('#kv-verdict'), 'refused: unsigned_query_data');
  await page.check('#kv-lenient');
  assert.match(await text('#kv-verdict'), /^valid/);
  await page.uncheck('#kv-lenient');
  // Forged: another value for k. The expected signature is nowhere on the page...
  await fill({ 'kv-target': '/jdy/v2/%E7%89%A9%E6%96%99/a%20b?k=forged' });
  assert.equal(await text('#kv-verdict'), 'refused: signature_mismatch');
  const received = {
    method: 'POST',
    path: '/jdy/v2/物料/a b',
    query: [['k', 'forged']],
    headers: (await page.locator('#kv-headers').inputValue()).split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
  };
  const revealing = new q.kingdee.Verifier('0123456789abcdef0123456789abcdef').explainRevealingSignature(received);
  assert.ok(!(await shownText()).includes(revealing.expectedSignature), 'the expected signature is shown');
  assert.ok(!(await shownText()).includes(revealing.hmacHex), 'the HMAC is shown');
  // ...until the part labelled as revealing it is opened.
  assert.match(await text('#kv-reveals summary'), /reveals the signature — debugging only/i);
  // (The details element's toggle event is delivered after the click: wait for it.)
  await page.click('#kv-reveals summary');
  await page.waitForSelector('#kv-expected:not(:empty)', { state: 'attached' });
  assert.equal(await text('#kv-expected'), revealing.expectedSignature);
  assert.equal(await text('#kv-hmac'), revealing.hmacHex);
  assert.equal(await text('#kv-received'), await text('#req-signature'));
  await page.click('#kv-reveals summary');
  await page.waitForSelector('#kv-expected:empty', { state: 'attached' });
  assert.equal(await text('#kv-hmac'), '');
});

test('Weaver sign cases', async () => {
  let ran = 0;
  for (const file of ['seed_examples.json', 'weaver_jdk.json', 'weaver_policy.json']) {
    for (const c of casesOf(file, 'sign')) {
      if (!noLineBreaks(c.appid, c.secret, c.aes_key)) continue;
      await fill({ 'w-appid': c.appid, 'w-secret': c.secret, 'w-key': c.aes_key, 'w-timestamp': String(c.timestamp_ms) });
      await expectOutcome('w-error', c, async () => {
        assert.equal(await text('#w-md5'), c.md5_upper, c.id);
        assert.equal(await text('#w-plaintext'), c.plaintext, c.id);
        assert.equal(await text('#w-sign'), c.sign, c.id);
      });
      ran += 1;
    }
  }
  assert.ok(ran >= 10, `only ${ran} cases`);
});

test('Weaver verify explains received signs (steps whose verdict does not depend on earlier ones)', async () => {
  let ran = 0;
  const seenKinds = new Set();
  for (const c of casesOf('weaver_verify.json', 'verify_sign')) {
    if (!noLineBreaks(c.appid, c.secret, c.aes_key)) continue;
    await fill({ 'w-appid': c.appid, 'w-secret': c.secret, 'w-key': c.aes_key, 'w-timestamp': '1' });
    await fill({ 'v-window': String(c.window_ms ?? 300000) });
    const windowMs = c.window_ms ?? 300000;
    let latestNow = 0;
    for (const step of c.steps) {
      // The page judges each sign alone, remembering nothing: no replays, and no clock that
      // stepped back (a verifier judges by the latest time it has seen).
      const steppedBack = step.now_ms < latestNow;
      latestNow = Math.max(latestNow, step.now_ms);
      if (step.error === 'replayed' || steppedBack) continue;
      if (step.sign === '') continue; // an empty box asks for a sign instead of refusing
      await fill({ 'v-now': String(step.now_ms), 'v-sign': step.sign });
      await expectOutcome('v-error', step, async () => {
        assert.match(await text('#v-verdict'), /^valid/, c.id);
        assert.ok((await text('#v-timestamp')).startsWith(`${step.timestamp_ms} (`), c.id);
        assert.ok((await text('#v-age')).startsWith(`${step.now_ms - step.timestamp_ms} ms (`), c.id);
        assert.equal(await text('#v-md5-match'), 'yes', c.id);
        assert.equal(await text('#v-md5-got'), await text('#v-md5'), c.id);
      });
      if (step.result === 'invalid') {
        assert.equal(await text('#v-verdict'), `refused: ${step.error}`, c.id);
        seenKinds.add(step.error);
        // What the decrypted sign holds is shown for every refusal but an undecryptable sign.
        const plaintext = await text('#v-plaintext');
        const age = await text('#v-age');
        const ageMs = Number(age.split(' ')[0]);
        if (step.error === 'undecryptable' || step.error === 'invalid_key_length' || step.error === 'input_too_large') {
          assert.equal(plaintext, '', `${c.id}: nothing decrypted`);
        } else {
          assert.notEqual(plaintext, '', `${c.id}: the plaintext is shown`);
        }
        if (step.error === 'expired') assert.ok(ageMs > windowMs, `${c.id}: age ${age} beyond the window`);
        if (step.error === 'future_timestamp') assert.ok(ageMs < 0 && age.includes('in the future'), `${c.id}: ${age}`);
        if (step.error === 'sign_mismatch') {
          assert.equal(await text('#v-md5-match'), 'no', c.id);
          assert.notEqual(await text('#v-md5-got'), await text('#v-md5'), c.id);
        }
      }
      ran += 1;
    }
  }
  assert.ok(ran >= 8, `only ${ran} steps`);
  for (const kind of ['expired', 'future_timestamp', 'sign_mismatch', 'undecryptable']) {
    assert.ok(seenKinds.has(kind), `no ${kind} step ran`);
  }
});

test('Weaver verify: a sign made for another appid shows its timestamp, age and the MD5 mismatch', async () => {
  // Made in the page for appid "otherappid", then checked against "weaverappid".
  await fill({ 'w-appid': 'otherappid', 'w-secret': 'weaversecret', 'w-key': '8fy6K39X6PIEEeOq', 'w-timestamp': '1742369234096' });
  const sign = await text('#w-sign');
  await fill({ 'w-appid': 'weaverappid', 'v-window': '300000', 'v-now': '1742369294096', 'v-sign': sign });
  assert.equal(await text('#v-verdict'), 'refused: sign_mismatch');
  assert.ok((await text('#v-timestamp')).startsWith('1742369234096 (2025-03-19T'), await text('#v-timestamp'));
  assert.equal(await text('#v-age'), '60000 ms (1 min 0 s ago)');
  assert.equal(await text('#v-md5-match'), 'no');
  assert.match(await text('#v-plaintext'), /^1742369234096_[0-9A-F]{32}$/);
  assert.equal((await text('#v-plaintext')).slice(14), await text('#v-md5-got'));
  assert.equal(await refusal('v-error'), 'sign_mismatch');
  // Checked against its own appid ten minutes later: the MD5 matches, the sign is too old.
  await fill({ 'w-appid': 'otherappid', 'v-now': '1742369834096' });
  assert.equal(await text('#v-verdict'), 'refused: expired');
  assert.equal(await text('#v-md5-match'), 'yes');
  assert.equal(await text('#v-age'), '600000 ms (10 min 0 s ago)');
});

test('Basic encode and decode cases', async () => {
  let ran = 0;
  for (const c of casesOf('basic_auth.json', 'basic_encode').concat(casesOf('seed_examples.json', 'basic_encode'))) {
    if (!noLineBreaks(c.user, c.password)) continue;
    await fill({ 'b-user': c.user, 'b-password': c.password });
    await expectOutcome('b-error', c, async () => {
      assert.equal(await text('#b-credentials'), c.credentials, c.id);
      assert.equal(await text('#b-header'), c.authorization, c.id);
    });
    ran += 1;
  }
  for (const c of casesOf('basic_auth.json', 'basic_decode')) {
    if (!noLineBreaks(c.authorization)) continue;
    await fill({ 'b-auth': c.authorization });
    await expectOutcome('b-dec-error', c, async () => {
      assert.equal(await text('#b-dec-user'), c.user, c.id);
      assert.equal(await text('#b-dec-password'), c.password, c.id);
    });
    ran += 1;
  }
  assert.ok(ran >= 8, `only ${ran} cases`);
});

test('WeCom callback: Tencent\'s sample verifies and decrypts; a forged signature is refused with advice', async () => {
  const signed = casesOf('wecom.json', 'wecom_signature').find((c) => c.id === 'tencent-sample-verify-url');
  const sample = casesOf('wecom.json', 'wecom_decrypt').find((c) => c.id === 'tencent-sample-echostr');
  assert.equal(signed.encrypt, sample.encrypt);
  await fill({
    'wc-token': signed.token,
    'wc-key': sample.encoding_aes_key,
    'wc-receive-id': sample.receive_id,
    'wc-timestamp': signed.timestamp,
    'wc-nonce': signed.nonce,
    'wc-signature': signed.signature,
    'wc-encrypt': sample.encrypt,
  });
  assert.match(await text('#wc-verdict'), /^valid/);
  assert.equal(await text('#wc-message'), sample.message);
  assert.equal(await text('#wc-computed'), '', 'the signature is shown only when asked for');
  await page.click('#wc-reveals summary');
  await page.waitForSelector('#wc-computed:not(:empty)', { state: 'attached' });
  assert.equal(await text('#wc-computed'), signed.signature);
  await page.click('#wc-reveals summary');
  await page.waitForSelector('#wc-computed:empty', { state: 'attached' });
  assert.equal(await refusal('wc-error'), null);
  // Another vector message, signed by the package: the page decrypts it too.
  const xml = casesOf('wecom.json', 'wecom_decrypt').find((c) => c.id === 'dec-xml');
  const msgSignature = q.wecom.msgSignature({ token: signed.token, timestamp: signed.timestamp, nonce: signed.nonce, encrypt: xml.encrypt });
  await fill({ 'wc-encrypt': xml.encrypt, 'wc-signature': msgSignature });
  assert.equal(await text('#wc-message'), xml.message);
  await fill({ 'wc-signature': signed.signature });
  assert.equal(await text('#wc-verdict'), 'refused: signature_mismatch');
  assert.equal(await refusal('wc-error'), 'signature_mismatch');
  assert.match(await text('#wc-error .advice'), /Token, timestamp, nonce and Encrypt/);
  assert.equal(await text('#wc-message'), '');
  await fill({ 'wc-encrypt': sample.encrypt, 'wc-receive-id': 'wx0000000000000000' });
  assert.equal(await refusal('wc-error'), 'sign_mismatch');
  assert.match(await text('#wc-error .advice'), /another receive id/);
  await fill({ 'wc-receive-id': sample.receive_id });
  assert.match(await text('#wc-verdict'), /^valid/);
});

test('DingTalk and Feishu bot signs', async () => {
  const robot = casesOf('dingtalk.json', 'dingtalk_robot_sign').find((c) => c.id === 'robot-1');
  await fill({ 'dt-secret': robot.secret, 'dt-timestamp': String(robot.timestamp_ms) });
  assert.equal(await text('#dt-sign'), robot.sign);
  assert.equal(await text('#dt-sign-urlencoded'), robot.sign_urlencoded);
  assert.equal(await text('#dt-query'), `timestamp=${robot.timestamp_ms}&sign=${robot.sign_urlencoded}`);
  await fill({ 'dt-secret': '' });
  assert.equal(await refusal('dt-error'), 'empty_secret');
  await fill({ 'dt-secret': robot.secret, 'dt-timestamp': '17e9' });
  assert.equal(await refusal('dt-error'), 'invalid_timestamp');
  // An empty timestamp signs now: the query carries the time it was signed at.
  await fill({ 'dt-timestamp': '' });
  const [, now] = /^timestamp=(\d+)&sign=/.exec(await text('#dt-query'));
  assert.equal(await text('#dt-sign'), q.dingtalk.robotSign(robot.secret, Number(now)).sign);
  const bot = casesOf('feishu.json', 'feishu_bot_sign').find((c) => c.id === 'bot-0');
  await fill({ 'fs-secret': bot.secret, 'fs-timestamp': String(bot.timestamp) });
  assert.equal(await text('#fs-sign'), bot.sign);
  assert.deepEqual(JSON.parse(await text('#fs-body')), { timestamp: String(bot.timestamp), sign: bot.sign });
  await fill({ 'fs-timestamp': '1.5' });
  assert.equal(await refusal('fs-error'), 'invalid_timestamp');
  assert.match(await text('#fs-error .advice'), /seconds/);
  await fill({ 'fs-timestamp': String(bot.timestamp) });
  assert.equal(await refusal('fs-error'), null);
});

test('Yonyou token signature and request', async () => {
  const sig = casesOf('yonyou.json', 'yonyou_signature').find((c) => c.id === 'sig-0');
  const req = casesOf('yonyou.json', 'yonyou_token_request').find((c) => c.id === 'req-0');
  assert.equal(req.token_url, q.yonyou.defaultTokenUrl);
  assert.equal(await page.locator('#yy-url').getAttribute('placeholder'), req.token_url);
  await fill({ 'yy-app-key': sig.app_key, 'yy-app-secret': sig.app_secret, 'yy-timestamp': String(sig.timestamp_ms), 'yy-url': '' });
  assert.equal(await text('#yy-signature'), sig.signature);
  assert.equal(await text('#yy-signature-urlencoded'), sig.signature_urlencoded);
  assert.ok((await text('#yy-curl')).includes(`'${req.expected.url}'`), await text('#yy-curl'));
  const other = casesOf('yonyou.json', 'yonyou_token_request').find((c) => c.id === 'req-1');
  await fill({ 'yy-app-key': other.app_key, 'yy-app-secret': other.app_secret, 'yy-url': other.token_url });
  assert.ok((await text('#yy-curl')).includes(`'${other.expected.url}'`), await text('#yy-curl'));
  await fill({ 'yy-url': 'https://open.yonyoucloud.com/open-auth/selfAppAuth/getAccessToken?x=1' });
  assert.equal(await refusal('yy-error'), 'invalid_url');
  assert.match(await text('#yy-error .advice'), /without a query/);
  await fill({ 'yy-url': '' });
});

/** The K3Cloud form filled with a k3cloud_sign case (the LCID and organisation number as typed text). */
const k3cloudForm = (c) => ({
  'k3-acct': c.acct_id,
  'k3-user': c.user_name,
  'k3-app-id': c.app_id,
  'k3-app-secret': c.app_secret,
  'k3-lcid': c.lcid === undefined ? '' : String(c.lcid),
  'k3-org': c.org_num ?? '',
  'k3-url': c.url,
  'k3-body': c.body,
  'k3-unit': c.timestamp_unit,
  'k3-timestamp': String(c.timestamp_ms),
});

/** The value of header `name` in `pairs`. */
const headerOf = (pairs, name) => pairs.find(([n]) => n === name)?.[1];

test('K3Cloud: the k3cloud_sign cases the form can hold, as the vectors say; the gateway secret only when asked for', async () => {
  await page.locator('#k3-reveals').evaluate((d) => (d.open = false));
  let ran = 0;
  const kinds = new Set();
  for (const c of casesOf('k3cloud.json', 'k3cloud_sign')) {
    // The unit is a select of ms and s; a text input cannot hold a line break.
    if (!['ms', 's'].includes(c.timestamp_unit) || !noLineBreaks(c.acct_id, c.user_name, c.app_id, c.app_secret, c.org_num, c.url)) continue;
    await fill(k3cloudForm(c));
    await expectOutcome('k3-error', c, async () => {
      const want = c.expected;
      assert.equal(await text('#k3-string-to-sign'), want.string_to_sign, c.id);
      assert.equal(await page.locator('#k3-string-to-sign .nl').count(), want.string_to_sign.split('\n').length - 1, c.id);
      assert.equal(await text('#k3-kd-signature'), headerOf(want.headers, 'X-Kd-Signature'), c.id);
      assert.equal(await text('#k3-api-signature'), headerOf(want.headers, 'X-Api-Signature'), c.id);
      assert.equal(await text('#k3-app-data'), want.app_data, c.id);
      assert.equal(await text('#k3-timestamp-sent'), want.timestamp, c.id);
      assert.equal(await text('#k3-client-id'), headerOf(want.headers, 'X-Api-ClientID'), c.id);
      // The signed request as curl: every header of the vector, in its order, and the body.
      const curl = await text('#k3-curl');
      assert.ok(curl.startsWith(`curl -X POST '${want.url}'`), `${c.id}: ${curl}`);
      let at = 0;
      for (const [name, value] of want.headers) {
        const next = curl.indexOf(`-H '${name}: ${value}'`, at);
        assert.ok(next > at, `${c.id}: curl carries ${name} in order`);
        at = next;
      }
      assert.ok(curl.includes(want.body), `${c.id}: curl carries the body`);
      assert.equal(await text('#k3-gateway-secret'), '', `${c.id}: the gateway secret is shown only when asked for`);
    });
    if (c.result !== 'valid') kinds.add(c.error);
    ran += 1;
  }
  assert.ok(ran >= 12, `only ${ran} cases`);
  for (const kind of ['empty_secret', 'invalid_field', 'invalid_url']) assert.ok(kinds.has(kind), `no ${kind} case ran`);
  // The gateway secret of the first case's AppID: nowhere on the page until its part is opened.
  const signed = casesOf('k3cloud.json', 'k3cloud_sign').find((c) => c.id === 'sign-view-ms');
  const gateway = casesOf('k3cloud.json', 'k3cloud_gateway_secret').find((c) => c.app_id === signed.app_id && c.result === 'valid');
  await fill(k3cloudForm(signed));
  assert.equal(await refusal('k3-error'), null);
  assert.ok(!(await shownText()).includes(gateway.expected.gateway_secret), 'the gateway secret is shown');
  assert.match(await text('#k3-reveals summary'), /reveals a secret — debugging only/i);
  await page.click('#k3-reveals summary');
  await page.waitForSelector('#k3-gateway-secret:not(:empty)', { state: 'attached' });
  assert.equal(await text('#k3-gateway-secret'), gateway.expected.gateway_secret);
  await page.click('#k3-reveals summary');
  await page.waitForSelector('#k3-gateway-secret:empty', { state: 'attached' });
  // A refusal: an empty AppSecret, with its kind, the core's message and advice for this section.
  await fill({ 'k3-app-secret': '' });
  assert.equal(await refusal('k3-error'), 'empty_secret');
  assert.match(await text('#k3-error .advice'), /AppSecret/);
  assert.equal(await page.locator('#k3-results.stale').count(), 1);
  await fill({ 'k3-app-secret': signed.app_secret });
  assert.equal(await refusal('k3-error'), null);
  assert.equal(await text('#k3-kd-signature'), headerOf(signed.expected.headers, 'X-Kd-Signature'));
  // An empty LCID is the package's default (the placeholder shows it).
  assert.equal(await page.locator('#k3-lcid').getAttribute('placeholder'), String(q.k3cloud.defaultLcid));
  await fill({ 'k3-lcid': '' });
  assert.equal(await text('#k3-app-data'), signed.expected.app_data);
  await fill({ 'k3-lcid': '20.52' });
  assert.equal(await refusal('k3-error'), 'invalid_field');
  await fill({ 'k3-lcid': String(signed.lcid) });
});

test('K3Cloud: LoginBySign signs of the vectors, for the identity of the form', async () => {
  let ran = 0;
  for (const c of casesOf('k3cloud.json', 'k3cloud_login_sign')) {
    if (!['sha256', 'sha1'].includes(c.hash)) continue; // the hash is a select
    await fill({
      'k3-acct': c.acct_id,
      'k3-user': c.user_name,
      'k3-app-id': c.app_id,
      'k3-app-secret': c.app_secret,
      'k3l-hash': c.hash,
      'k3l-timestamp': String(c.timestamp_s),
    });
    await expectOutcome('k3l-error', c, async () => {
      assert.equal(await text('#k3l-sign'), c.expected.sign, c.id);
      assert.equal(await text('#k3l-timestamp-used'), String(c.timestamp_s), c.id);
    });
    ran += 1;
  }
  assert.ok(ran >= 5, `only ${ran} cases`);
  await fill({ 'k3l-timestamp': '17e8' });
  assert.equal(await refusal('k3l-error'), 'invalid_timestamp');
  assert.match(await text('#k3l-error .advice'), /seconds/);
  await fill({ 'k3l-timestamp': '' });
  assert.match(await text('#k3l-timestamp-used'), /^\d{10}$/);
  assert.equal(await refusal('k3l-error'), null);
});

test('e-cology: server key sizes of the vectors; the applytoken request with a random secret; call headers; a PEM key refused', async () => {
  const keys = casesOf('ecology.json', 'ecology_server_key');
  let ran = 0;
  for (const c of keys) {
    await fill({ 'ec-spk': c.spk });
    await expectOutcome('ec-key-error', c, async () => {
      assert.equal(await text('#ec-bits'), String(c.expected.bits), c.id);
      assert.equal(await text('#ec-max-plaintext'), String(q.ecology.serverKey(c.spk).maxPlaintextLen), c.id);
    });
    ran += 1;
  }
  assert.ok(ran >= 10, `only ${ran} cases`);
  // The token request of a vector: the secret header is one RSA block in Base64, random each time.
  const t = casesOf('ecology.json', 'ecology_token_request').find((c) => c.id === 'token-request-0');
  const bits = keys.find((k) => k.spk === t.spk && k.result === 'valid').expected.bits;
  await fill({ 'ec-spk': t.spk, 'ec-base-url': t.base_url, 'ec-appid': t.appid, 'ec-secrit': t.secrit, 'ec-time': '' });
  assert.equal(await refusal('ec-token-error'), null);
  const secretOf = async () => {
    const curl = await text('#ec-token-curl');
    assert.ok(curl.startsWith(`curl -X POST '${t.expected.url}'`), curl);
    for (const [name, value] of t.expected.plain_headers) assert.ok(curl.includes(`-H '${name}: ${value}'`), `${name}: ${curl}`);
    const [, secret] = /-H 'secret: ([A-Za-z0-9+/]*=*)'/.exec(curl);
    return secret;
  };
  const first = await secretOf();
  assert.equal(first.length, Math.ceil(bits / 8 / 3) * 4, first);
  assert.equal(rsaDecrypt(t.private_key, first), t.secrit);
  assert.ok(!(await text('#ec-token-curl')).includes("-H 'time:"), 'no time header unless asked');
  await page.click('#ec-again');
  const second = await secretOf();
  assert.notEqual(second, first, 'a fresh seed each time');
  assert.equal(rsaDecrypt(t.private_key, second), t.secrit);
  await fill({ 'ec-time': '3600' });
  assert.ok((await text('#ec-token-curl')).trimEnd().endsWith("-H 'time: 3600'"), await text('#ec-token-curl'));
  // The call headers: appid and token as given, the user id encrypted.
  const call = casesOf('ecology.json', 'ecology_call_headers').find((c) => c.id === 'call-headers-0');
  assert.equal(call.spk, t.spk);
  await fill({ 'ec-token': call.token, 'ec-userid': call.userid });
  const rows = await page.locator('#ec-call-headers tr').evaluateAll((trs) => trs.map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent]));
  assert.deepEqual(rows.map(([n]) => n), call.expected.header_names);
  for (const [name, value] of call.expected.plain_headers) assert.equal(headerOf(rows, name), value, name);
  assert.equal(rsaDecrypt(call.private_key, headerOf(rows, 'userid')), call.expected.userid_decrypts_to);
  // A refusal: a PEM key, its kind and the advice to give the bare Base64; every part refuses it.
  const pem = keys.find((k) => k.id === 'pem-armour');
  await fill({ 'ec-spk': pem.spk });
  assert.equal(await refusal('ec-key-error'), pem.error);
  assert.match(await text('#ec-key-error .advice'), /-----BEGIN/);
  assert.equal(await refusal('ec-token-error'), pem.error);
  assert.equal(await refusal('ec-call-error'), pem.error);
  await fill({ 'ec-spk': t.spk, 'ec-secrit': '' });
  assert.equal(await refusal('ec-token-error'), 'empty_secret');
  assert.match(await text('#ec-token-error .advice'), /secrit/);
  await fill({ 'ec-secrit': t.secrit, 'ec-time': '' });
  assert.equal(await refusal('ec-key-error'), null);
  assert.equal(await refusal('ec-token-error'), null);
});

test('the doctor: every pasted-request vector gets its verdict (or refusal) from the paste box', async () => {
  let ran = 0;
  const verdicts = new Set();
  for (const c of casesOf('kingdee_doctor.json', 'kingdee_doctor_pasted')) {
    await fill({ 'doc-secret': c.client_secret, 'doc-format': c.format, 'doc-now': String(c.now_ms), 'doc-text': c.text });
    await expectOutcome('doc-error', c, async () => {
      assert.equal(await text('#doc-verdict'), c.expected.verdict, c.id);
      assert.equal(await text('#doc-mistakes'), c.expected.mistakes.join(', '), c.id);
      assert.equal(await text('#doc-request'), `${c.expected.method} ${q.doctor.kingdeePasted(c.client_secret, c.text, { format: c.format, nowMs: c.now_ms }).target}`);
      // The explanation is the core's, in the page's language (English here).
      const report = q.doctor.kingdeePasted(c.client_secret, c.text, { format: c.format, nowMs: c.now_ms }).report;
      assert.equal(await text('#doc-explanation'), report.explanation, c.id);
      verdicts.add(c.expected.verdict);
    });
    ran += 1;
  }
  assert.ok(ran >= 8, `only ${ran} cases`);
  assert.ok(verdicts.size >= 2 && verdicts.has('valid') && [...verdicts].some((v) => v !== 'valid'), [...verdicts].join());
});

test('the doctor: a broken request signed in the page, pasted as curl, then the verify section agrees', async () => {
  await fill({
    'req-client-id': '123456',
    'req-secret': '0123456789abcdef0123456789abcdef',
    'req-method': 'GET',
    'req-path': '/jdy/v2/bd/material',
    'req-query': 'search=M6 bolt',
    'req-headers': '',
    'req-timestamp': '1700000000',
    'req-nonce': '4242424242',
  });
  // The page signs whatever timestamp it is given: ten digits are seconds, a classic mistake.
  await page.click('#doc-use-request');
  assert.match(await page.locator('#doc-text').inputValue(), /^curl -X GET /);
  // Judged at the time it was signed, read as seconds: the same instant in milliseconds.
  assert.equal(await text('#doc-verdict'), 'valid');
  await fill({ 'doc-now': '1700000000000' });
  assert.equal(await text('#doc-verdict'), 'timestamp_in_seconds');
  assert.match(await text('#doc-explanation'), /milliseconds/);
  await page.click('#kv-use-request');
  await fill({ 'kv-now': '1700000000000' });
  assert.equal(await text('#kv-doctor'), 'timestamp_in_seconds');
  assert.match(await text('#kv-verdict'), /expired/);
  // A signature made with another secret: no known mistake reproduces it.
  await fill({ 'doc-secret': 'another secret' });
  assert.equal(await text('#doc-verdict'), 'unexplained');
  await fill({ 'doc-text': 'curl -X GET \'https://h/a' });
  assert.equal(await refusal('doc-error'), 'invalid_field');
});

test('the language switch: Chinese labels and the doctor\'s Chinese explanation, then English again', async () => {
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await text('#doctor h2'), 'Signature doctor: paste a request');
  await page.locator('#lang').selectOption('zh');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.equal(await text('#doctor h2'), '签名医生：粘贴一个请求');
  assert.equal(await text('#weaver-verify h2'), '泛微验签（解密收到的 sign）');
  assert.equal(await text('#wecom h2'), '企业微信回调：验签并解密（WXBizMsgCrypt）');
  assert.equal(await text('#bots h2'), '钉钉和飞书机器人加签');
  assert.equal(await text('#yonyou h2'), '用友 YonBIP token 签名');
  assert.equal(await text('#k3cloud h2'), '金蝶云星空 WebAPI 签名调用');
  assert.equal(await text('#ecology h2'), '泛微 e-cology 9 OpenAPI token（泛微 E9）');
  assert.equal(await text('#k3-reveals summary'), '显示密钥 — 仅供调试');
  assert.equal(await text('a[href="#k3cloud"]'), '金蝶云星空 WebAPI');
  assert.match(await page.locator('label[data-i18n="l.acct_id"]').innerText(), /^账套 ID/);
  assert.match(await text('#wc-verdict'), /^有效/);
  assert.match(await text('#status'), /^就绪/);
  // The label keeps its input: only its text changed.
  assert.match(await page.locator('label[data-i18n="l.client_secret"]').first().innerText(), /^client secret（客户端密钥）/);
  assert.equal(await page.locator('#kv-secret').count(), 1);
  const c = casesOf('kingdee_doctor.json', 'kingdee_doctor_pasted').find((x) => x.result === 'valid' && x.expected.verdict !== 'valid');
  await fill({ 'doc-secret': c.client_secret, 'doc-format': c.format, 'doc-now': String(c.now_ms), 'doc-text': c.text });
  const report = q.doctor.kingdeePasted(c.client_secret, c.text, { format: c.format, nowMs: c.now_ms }).report;
  assert.equal(await text('#doc-verdict'), c.expected.verdict);
  assert.equal(await text('#doc-explanation'), report.explanationZh);
  await fill({ 'doc-format': 'detect', 'doc-text': '{not json' });
  assert.equal(await refusal('doc-error'), 'invalid_json');
  assert.match(await text('#doc-error .advice'), /HAR 不是有效的 JSON/);
  mkdirSync(ARTIFACTS, { recursive: true });
  await fill({ 'doc-format': c.format, 'doc-text': c.text });
  await page.screenshot({ path: join(ARTIFACTS, 'playground-desktop-zh.png'), fullPage: true });
  await page.locator('#lang').selectOption('en');
  assert.equal(await text('#doctor h2'), 'Signature doctor: paste a request');
  assert.equal(await text('#doc-explanation'), report.explanation);
  assert.match(await text('#status'), /^Ready/);
});

test('a browser whose language is Chinese opens the page in Chinese', async () => {
  const zh = await launchChromium({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  try {
    const other = await zh.context.newPage();
    await other.goto(`${origin}/playground/index.html`);
    await other.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    assert.equal(await other.evaluate(() => navigator.language), 'zh-CN');
    assert.equal(await other.locator('#lang').inputValue(), 'zh');
    assert.equal(await other.locator('h1').textContent(), 'qianming 在线演练');
    assert.equal(await other.locator('#weaver-sign h2').textContent(), '泛微 sign（泛微 token）');
    // ?lang= overrides the browser's language.
    await other.goto(`${origin}/playground/index.html?lang=en`);
    await other.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    assert.equal(await other.locator('h1').textContent(), 'qianming playground');
  } finally {
    await zh.close();
  }
});

test('screenshots at desktop and phone width; no horizontal scrolling on a phone', async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Show a realistic state: the seed request, a verified Weaver sign, one refusal.
  await fill({
    'app-key': 'abc',
    'app-secret': 'abc123',
    'b-auth': 'Basic YWRtaW46YWRtaW4xMjM=',
    'req-client-id': '123456',
    'req-secret': '0123456789abcdef0123456789abcdef',
    'req-method': 'GET',
    'req-path': '/jdyconnector/app_management/kingdee_auth_token',
    'req-query': 'app_key=abc\napp_signature=ZDlj==',
    'req-headers': '',
    'req-timestamp': '1700000000000',
    'req-nonce': '1234567890',
    'req-base-url': 'https://api.kingdee.com',
    'w-appid': 'weaverappid',
    'w-secret': 'weaversecret',
    'w-key': '8fy6K39X6PIEEeOq',
    'w-timestamp': '1742369234096',
    'v-now': '1742369294096',
    'v-window': '300000',
    'b-user': 'admin:root',
  });
  await page.click('#v-use-sign');
  assert.equal(await text('#v-age'), '60000 ms (1 min 0 s ago)');
  await page.click('#kv-use-request');
  assert.match(await text('#kv-verdict'), /^valid/);
  assert.equal(await refusal('b-error'), 'invalid_user_name');
  await page.screenshot({ path: join(ARTIFACTS, 'playground-desktop.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than a phone screen`);
  await page.screenshot({ path: join(ARTIFACTS, 'playground-phone.png'), fullPage: true });
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(outsideRequests, []);
});
