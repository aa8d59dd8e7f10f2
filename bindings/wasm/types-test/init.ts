// Type-checked usage of `qianming/init` (explicit initialisation) and the `.wasm` asset export.
import { init, initSync, kingdee, type InitSource } from 'qianming/init';
import wasmUrl from 'qianming/qianming.wasm';

const sources: InitSource[] = [
  wasmUrl,
  new URL(wasmUrl, 'https://example.com/'),
  new Uint8Array(8),
  new ArrayBuffer(8),
  new Response(new Uint8Array(8)),
];

export async function start(source: InitSource): Promise<string> {
  await init(source);
  await init(fetch(wasmUrl));
  initSync(new Uint8Array(8));
  return kingdee.appSignature('abc', 'abc123');
}

// @ts-expect-error init needs the .wasm
void init();
void start(sources[0]);
