#!/usr/bin/env bash
# The package as users get it: `npm pack`, installed into a fresh project in a temporary
# directory (no network: the package has no dependencies; `redis` is an optional peer, not installed), imported by name from Node, and the
# typed usage file checked by tsc against the installed declarations. This catches what the
# in-tree tests cannot: a file missing from "files", a wrong "exports" path, a declaration that
# only resolves inside the repository. The tarball is $QIANMING_TARBALL (test.sh packs once),
# else packed here.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=../tools.sh
source "$here/tools.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tarball="${QIANMING_TARBALL:-$(pack_package "$here" "$work")}"
mkdir "$work/app"
cd "$work/app"
cat > package.json <<'JSON'
{ "name": "qianming-consumer", "private": true, "type": "module" }
JSON
npm install --silent --no-audit --no-fund --offline "$tarball"
for license in LICENSE-MIT LICENSE-APACHE; do
  cmp -s "node_modules/qianming/$license" "$here/../../$license" || { echo "packed package: $license missing or stale" >&2; exit 1; }
done

# Node, by package name: every namespace is there and the seed's value comes out.
cat > check.mjs <<'JS'
import assert from 'node:assert/strict';
import * as q from 'qianming';
for (const name of ['kingdee', 'weaver', 'basic', 'edge', 'token', 'replay', 'http']) {
  assert.equal(typeof q[name], 'object', `namespace ${name}`);
}
// Each subpath module by name: its namespaces, working (one call into its own .wasm), and its
// explicit-initialisation entry and .wasm asset resolvable.
const subpaths = {
  apusic: (m) => m.oauth.pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
  doctor: (m) => m.doctor.compareStringToSign('a', 'a').identical,
  messaging: (m) => m.dingtalk.robotSign('secret', 1).sign.length > 0,
  k3cloud: (m) => typeof m.k3cloud,
  ecology: (m) => typeof m.ecology,
};
for (const [path, use] of Object.entries(subpaths)) {
  const m = await import(`qianming/${path}`);
  assert.ok(use(m), `qianming/${path}`);
  assert.equal(typeof (await import(`qianming/${path}/init`)).init, 'function', `qianming/${path}/init`);
  assert.ok(import.meta.resolve(`qianming/${path}.wasm`).endsWith(`qianming_${path}_bg.wasm`), `qianming/${path}.wasm`);
}
assert.equal(
  q.kingdee.appSignature('abc', 'abc123'),
  'ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ==',
);
const signed = new q.KingdeeSigner('123456', 'secret').sign({ method: 'GET', path: '/x', timestamp: 1, nonce: '1' });
assert.equal(Object.keys(signed.headers).length, 6);
assert.throws(() => q.kingdee.appSignature('abc', '\ud800'), (e) => e.kind === 'invalid_unicode');
console.log('packed package: imported by name from a fresh project, seed value ok');
JS
node check.mjs

# CommonJS: require() of the package's ES modules, which "engines" promises (Node 20.19+/22.12+).
cat > check.cjs <<'JS'
const assert = require('node:assert/strict');
const q = require('qianming');
assert.equal(
  q.kingdee.appSignature('abc', 'abc123'),
  'ZDljMTI3NGIyNTE1MTRkYzlkNjc1MDNhYjUzMzgzNWMyY2M4YTdjMzdmNmM3YTVlNDkxMTkzNjdiOTFjNzUyZQ==',
);
assert.equal(typeof require('qianming/init').initSync, 'function');
// Each subpath module by name, required.
assert.equal(require('qianming/doctor').doctor.compareStringToSign('a', 'a').identical, true);
for (const [path, names] of Object.entries({ apusic: ['apusic', 'oauth'], messaging: ['wecom', 'dingtalk', 'feishu', 'yonyou'],
  k3cloud: ['k3cloud'], ecology: ['ecology'] })) {
  const m = require(`qianming/${path}`);
  for (const name of names) assert.equal(typeof m[name], 'object', `require('qianming/${path}').${name}`);
  assert.equal(typeof require(`qianming/${path}/init`).initSync, 'function');
}
// The Redis store's entry resolves without the optional `redis` peer installed.
assert.equal(typeof require('qianming/redis').RedisReplayStore, 'function');
console.log('packed package: require() by name ok');
JS
node check.cjs

# TypeScript, against the installed package's own declarations.
cp "$here/types-test/usage.ts" "$here/types-test/init.ts" "$here/types-test/redis.ts" \
  "$here/types-test/messaging.ts" "$here/types-test/k3cloud-ecology.ts" .
cat > tsconfig.json <<'JSON'
{
  "compilerOptions": {
    "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext",
    "strict": true, "noEmit": true, "skipLibCheck": false,
    "lib": ["ES2022", "DOM", "DOM.Iterable"], "types": []
  },
  "files": ["usage.ts", "init.ts", "redis.ts", "messaging.ts", "k3cloud-ecology.ts"]
}
JSON
node "$here/node_modules/typescript/bin/tsc" -p tsconfig.json
echo "packed package: tsc --noEmit of types-test/{usage,init,redis,messaging,k3cloud-ecology}.ts against the installed declarations ok"
