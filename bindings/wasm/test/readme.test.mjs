// Every ```js block of the package README runs as written (the JavaScript counterpart of the
// Rust crate's README doctests); an assertion that fails fails the test. Blocks that need a
// Redis server run in redis.test.mjs, against the one it starts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blocks, needsRedis, runBlock } from './readme-blocks.mjs';

test('the README has examples', () => {
  assert.ok(blocks.length >= 3, `only ${blocks.length} js blocks`);
  assert.ok(blocks.some(needsRedis), 'no Redis example');
});

blocks.forEach((code, i) => {
  if (needsRedis(code)) {
    test(`README example ${i + 1} (runs in redis.test.mjs)`, { skip: 'needs Redis: test/redis.test.mjs runs it' }, () => {});
    return;
  }
  test(`README example ${i + 1} runs`, () => runBlock(i));
});
