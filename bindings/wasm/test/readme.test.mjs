// Every ```js block of the package README runs as written (the JavaScript counterpart of the
// Rust crate's README doctests): each is written next to the package, so `import … from
// 'qianming'` resolves to this package, and imported; an assertion that fails fails the test.
import { test } from 'node:test';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';

const readmeUrl = new URL('../README.md', import.meta.url);
const blocks = [...readFileSync(readmeUrl, 'utf8').matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => m[1]);

test('the README has examples', () => {
  assert.ok(blocks.length >= 2, `only ${blocks.length} js blocks`);
});

blocks.forEach((code, i) => {
  test(`README example ${i + 1} runs`, async () => {
    const file = new URL(`../.readme-example-${i + 1}.mjs`, import.meta.url);
    writeFileSync(file, code);
    try {
      await import(pathToFileURL(file.pathname).href);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
