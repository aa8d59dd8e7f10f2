// The ```js blocks of the package README, and how one runs: written next to the package, so
// `import … from 'qianming'` resolves to this package, and imported.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const readmeUrl = new URL('../README.md', import.meta.url);

export const blocks = [...readFileSync(readmeUrl, 'utf8').matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => m[1]);

/** Whether a block needs a running Redis (`test/redis.test.mjs` runs those). */
export const needsRedis = (code) => code.includes("from 'qianming/redis'");

/** Runs block `i` as a module; rejects when it throws. */
export async function runBlock(i) {
  const file = new URL(`../.readme-example-${i + 1}.mjs`, import.meta.url);
  writeFileSync(file, blocks[i]);
  try {
    await import(pathToFileURL(file.pathname).href);
  } finally {
    rmSync(file, { force: true });
  }
}
