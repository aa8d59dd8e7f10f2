// Benchmarks, one run: the WASM package vs its floor (bench/floor.mjs: the same strings in and
// out and the same SHA-256 compressions in WebAssembly, nothing else; goal: the request
// signature ≤ 2× its floor), vs crypto-js (what browser tools use today) and vs node:crypto,
// each composing the same algorithms (ALGORITHMS.md §1.1, §1.2, §2). Every composition is
// checked against the package's output before it is timed. Every function is measured once per
// round, rounds interleaved, and each figure is the median over the rounds.
//
//   QIANMING_FLOOR_GLUE=<floor.js> node bench/bench.mjs [--json] [--rounds=N]   (bench.sh sets it)
import { createCipheriv, createHash, createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import CryptoJS from 'crypto-js';
import * as q from 'qianming';
import { floorSigner } from './floor.mjs';

// ------------------------------------------------------------------ inputs
const APP = { key: 'abc', secret: 'abc123' };
const CLIENT = { id: '123456', secret: '0123456789abcdef0123456789abcdef' };
const REQUEST = {
  method: 'GET',
  path: '/jdyconnector/app_management/kingdee_auth_token',
  query: [
    ['app_key', 'abc'],
    ['app_signature', q.kingdee.appSignature('abc', 'abc123')],
  ],
  timestamp: '1700000000000',
  nonce: '1234567890',
};
const WEAVER = { appid: 'weaverappid', secret: 'weaversecret', key: '8fy6K39X6PIEEeOq', ts: 1742369234096 };

// ------------------------------------------- the same algorithms, composed in JavaScript
const hexUpper = (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
/** G: keeps A–Z a–z 0–9 - _ . ~, space → +. */
const G = (s) => encodeURIComponent(s).replace(/[!'()*]/g, hexUpper).replace(/%20/g, '+');
/** J (java.net.URLEncoder): keeps A–Z a–z 0–9 - _ . *, space → +. */
const J = (s) => encodeURIComponent(s).replace(/[!'()~]/g, hexUpper).replace(/%20/g, '+');

function canonicalQuery(pairs) {
  const firsts = pairs.map(([n, v]) => `${G(n)}=${J(v)}`).sort();
  const out = [];
  for (const first of firsts) {
    const at = first.indexOf('=');
    if (at === 0) continue;
    out.push(`${G(first.slice(0, at))}=${G(first.slice(at + 1))}`);
  }
  return out.join('&');
}

function stringToSign(r) {
  return (
    `${r.method.toUpperCase()}\n${G(r.path)}\n${canonicalQuery(r.query)}\n` +
    `x-api-nonce:${r.nonce}\nx-api-timestamp:${r.timestamp}\n`
  );
}

function headersOf(clientId, r, signature) {
  return {
    'X-Api-ClientID': clientId,
    'X-Api-Auth-Version': '2.0',
    'X-Api-TimeStamp': r.timestamp,
    'X-Api-Nonce': r.nonce,
    'X-Api-SignHeaders': 'X-Api-Nonce,X-Api-TimeStamp',
    'X-Api-Signature': signature,
  };
}

const cryptoJs = {
  appSignature(key, secret) {
    const hex = CryptoJS.HmacSHA256(key, secret).toString(CryptoJS.enc.Hex);
    return CryptoJS.enc.Base64.stringify(CryptoJS.enc.Latin1.parse(hex));
  },
  sign(clientId, secret, r) {
    const hex = CryptoJS.HmacSHA256(stringToSign(r), secret).toString(CryptoJS.enc.Hex);
    return headersOf(clientId, r, CryptoJS.enc.Base64.stringify(CryptoJS.enc.Latin1.parse(hex)));
  },
  weaverSign(appid, secret, key, ts) {
    const md5 = CryptoJS.MD5(`${appid}:${secret}`).toString(CryptoJS.enc.Hex).toUpperCase();
    const encrypted = CryptoJS.AES.encrypt(CryptoJS.enc.Utf8.parse(`${ts}_${md5}`), CryptoJS.enc.Utf8.parse(key), {
      mode: CryptoJS.mode.ECB,
      padding: CryptoJS.pad.Pkcs7,
    });
    return encrypted.ciphertext.toString(CryptoJS.enc.Hex);
  },
};

const nodeCrypto = {
  appSignature(key, secret) {
    const hex = createHmac('sha256', secret).update(key).digest('hex');
    return Buffer.from(hex, 'latin1').toString('base64');
  },
  sign(clientId, secret, r) {
    const hex = createHmac('sha256', secret).update(stringToSign(r)).digest('hex');
    return headersOf(clientId, r, Buffer.from(hex, 'latin1').toString('base64'));
  },
  weaverSign(appid, secret, key, ts) {
    const md5 = createHash('md5').update(`${appid}:${secret}`).digest('hex').toUpperCase();
    const cipher = createCipheriv(`aes-${Buffer.byteLength(key) * 8}-ecb`, Buffer.from(key), null);
    return cipher.update(`${ts}_${md5}`, 'utf8', 'hex') + cipher.final('hex');
  },
};

// ------------------------------------------------------------------ harness
const warmed = new Set();
function measure(fn, ms = 300) {
  if (!warmed.has(fn)) {
    for (let i = 0; i < 20_000; i++) fn(); // warm up (JIT, wasm tier-up)
    warmed.add(fn);
  }
  let iterations = 0;
  let sink;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 2000; i++) sink = fn();
    iterations += 2000;
    elapsed = performance.now() - start;
  }
  if (sink === undefined) throw new Error('no result');
  return (elapsed * 1000) / iterations; // µs per operation
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function check(what, got, want) {
  const a = JSON.stringify(got);
  const b = JSON.stringify(want);
  if (a !== b) throw new Error(`${what}: ${a} != ${b}`);
}

const signer = new q.KingdeeSigner(CLIENT.id, CLIENT.secret);
const weaverSigner = new q.WeaverSigner(WEAVER.appid, WEAVER.secret, WEAVER.key);
const wasmHeaders = signer.sign(REQUEST).headers;
const wasmApp = q.kingdee.appSignature(APP.key, APP.secret);
const wasmWeaver = weaverSigner.sign(WEAVER.ts);
const gluePath = process.env.QIANMING_FLOOR_GLUE;
if (!gluePath) throw new Error('QIANMING_FLOOR_GLUE is not set: run bench.sh, which builds the floor module');
const floor = await floorSigner(gluePath, signer.sign(REQUEST), Object.keys(wasmHeaders));
const floorHeaders = floor.sign(REQUEST).headers;
check('floor header names', Object.keys(floorHeaders), Object.keys(wasmHeaders));
check('floor header lengths', Object.values(floorHeaders).map((v) => v.length), Object.values(wasmHeaders).map((v) => v.length));
for (const [name, impl] of [['crypto-js', cryptoJs], ['node:crypto', nodeCrypto]]) {
  check(`${name} app_signature`, impl.appSignature(APP.key, APP.secret), wasmApp);
  check(`${name} request`, impl.sign(CLIENT.id, CLIENT.secret, REQUEST), wasmHeaders);
  check(`${name} weaver`, impl.weaverSign(WEAVER.appid, WEAVER.secret, WEAVER.key, WEAVER.ts), wasmWeaver);
}

const scenarios = [
  {
    name: 'app_signature',
    wasm: () => q.kingdee.appSignature(APP.key, APP.secret),
    'crypto-js': () => cryptoJs.appSignature(APP.key, APP.secret),
    'node:crypto': () => nodeCrypto.appSignature(APP.key, APP.secret),
  },
  {
    name: 'request signature',
    // Every side returns the headers object (the package's result makes it on first read).
    wasm: () => signer.sign(REQUEST).headers,
    'crypto-js': () => cryptoJs.sign(CLIENT.id, CLIENT.secret, REQUEST),
    'node:crypto': () => nodeCrypto.sign(CLIENT.id, CLIENT.secret, REQUEST),
    floor: () => floor.sign(REQUEST).headers,
    floorGoal: 2,
    extra: {
      'wasm, one-shot kingdee.sign (keys the HMAC each time)': () => q.kingdee.sign(CLIENT.id, CLIENT.secret, REQUEST).headers,
      'wasm, default timestamp and random nonce': () => signer.sign({ method: REQUEST.method, path: REQUEST.path, query: REQUEST.query }).headers,
      'wasm, sign without reading the headers': () => signer.sign(REQUEST),
    },
  },
  {
    name: 'Weaver sign',
    wasm: () => weaverSigner.sign(WEAVER.ts),
    'crypto-js': () => cryptoJs.weaverSign(WEAVER.appid, WEAVER.secret, WEAVER.key, WEAVER.ts),
    'node:crypto': () => nodeCrypto.weaverSign(WEAVER.appid, WEAVER.secret, WEAVER.key, WEAVER.ts),
    extra: {
      'wasm, one-shot weaver.sign': () => q.weaver.sign(WEAVER.appid, WEAVER.secret, WEAVER.key, WEAVER.ts),
    },
  },
];

const roundsArg = process.argv.find((a) => a.startsWith('--rounds='));
const rounds = roundsArg ? Number(roundsArg.slice('--rounds='.length)) : 7;
const sides = ['wasm', 'floor', 'crypto-js', 'node:crypto'];
const runs = scenarios.map(() => []);
for (let r = 0; r < rounds; r++) {
  scenarios.forEach((s, i) => {
    const run = { extra: {} };
    for (const side of sides) if (s[side]) run[side] = measure(s[side]);
    for (const [k, fn] of Object.entries(s.extra ?? {})) run.extra[k] = measure(fn);
    runs[i].push(run);
  });
}
const results = scenarios.map((s, i) => {
  const rs = runs[i];
  const row = { name: s.name };
  for (const side of sides) if (s[side]) row[side] = median(rs.map((r) => r[side]));
  row.vsCryptoJs = median(rs.map((r) => r['crypto-js'] / r.wasm));
  row.vsNodeCrypto = median(rs.map((r) => r['node:crypto'] / r.wasm));
  if (s.floor) {
    const ratios = rs.map((r) => r.wasm / r.floor).sort((a, b) => a - b);
    row.vsFloor = median(ratios);
    row.vsFloorRange = [ratios[0], ratios[ratios.length - 1]];
    row.floorGoal = s.floorGoal;
    row.floorGoalMet = row.vsFloor <= s.floorGoal;
  }
  row.extra = Object.fromEntries(Object.keys(s.extra ?? {}).map((k) => [k, median(rs.map((r) => r.extra[k]))]));
  return row;
});

const env = `Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} cores, shared), medians of ${rounds} rounds`;
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ env, results }, null, 2));
} else {
  const f = (x) => x.toFixed(2);
  console.log(`# ${env}`);
  console.log('| operation | WASM µs | floor µs | vs floor | crypto-js µs | node:crypto µs | vs crypto-js | vs node:crypto |');
  console.log('|---|---:|---:|---|---:|---:|---:|---:|');
  for (const r of results) {
    const vsFloor = r.floor === undefined ? '—'
      : `${f(r.vsFloor)}× (${f(r.vsFloorRange[0])}–${f(r.vsFloorRange[1])}), goal ≤ ${r.floorGoal}×: ${r.floorGoalMet ? 'met' : 'NOT MET'}`;
    console.log(
      `| ${r.name} | ${f(r.wasm)} | ${r.floor === undefined ? '—' : f(r.floor)} | ${vsFloor} | ${f(r['crypto-js'])} | ` +
        `${f(r['node:crypto'])} | ${f(r.vsCryptoJs)}× | ${f(r.vsNodeCrypto)}× |`,
    );
  }
  for (const r of results) for (const [k, v] of Object.entries(r.extra)) console.log(`- ${r.name}: ${k}: ${f(v)} µs`);
}
