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

// A subpath module's explicit initialisation: its own init and its own .wasm.
import { doctor, init as initDoctor } from 'qianming/doctor/init';
import doctorWasmUrl from 'qianming/doctor.wasm';

export async function startDoctor(): Promise<string> {
  await initDoctor(doctorWasmUrl);
  return doctor.compareStringToSign('a', 'b').part;
}
