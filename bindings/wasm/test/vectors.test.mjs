// Every case of every file in vectors/ through the npm package (as Node imports it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as q from './all.mjs';
import { hasRunner, loadVectorFile, runCase, sections, vectorFiles } from './vectors.mjs';

const files = vectorFiles();

test('the vector directory has files', () => {
  assert.ok(files.length >= 8, `only ${files.length} vector files`);
});

let total = 0;
for (const file of files) {
  const doc = loadVectorFile(file);
  test(`vectors/${file}`, () => {
    const failures = [];
    let ran = 0;
    for (const [section, cases] of sections(doc)) {
      assert.ok(hasRunner(section), `${file}: no runner for section ${section}`);
      for (const testCase of cases) {
        ran += 1;
        try {
          runCase(q, section, testCase);
        } catch (error) {
          failures.push(
            `${file} [${section}] case ${testCase.id}: ${error.message}\n` +
              JSON.stringify(testCase, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v), 2),
          );
        }
      }
    }
    assert.equal(ran, doc.numberOfTests, `${file}: numberOfTests`);
    total += ran;
    assert.equal(failures.length, 0, `${failures.length} of ${ran} cases failed:\n${failures.join('\n\n')}`);
  });
}

test('every case ran', () => {
  assert.ok(total >= 620, `only ${total} cases ran`);
});
