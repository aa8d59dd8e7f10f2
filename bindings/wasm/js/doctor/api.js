// The public JavaScript API of 'qianming/doctor' (the signature doctor): camelCase namespaces over the
// wasm-bindgen exports of its own WebAssembly module, converting types only as the main
// module's API does (../api.js says what the wrapper does and does not do).

import { wasm } from './handle.js';
import {
  i128, ms, optionalNumber, optionalText, pairsFrom, receivedPack, text, u64, unpack, verifierCores,
  weaverArgs,
} from '../convert.js';

// ---------------------------------------------------------------- the signature doctor

/** Verdict names the core joined by `,` as a list (empty for none). */
function verdictList(joined) {
  return joined === '' ? [] : joined.split(',');
}

/** The fields every doctor report starts with (verdict, code, explanations, mistakes). */
function verdictFrom(f) {
  return {
    verdict: f[0],
    verdictCode: Number(f[1]),
    explanation: f[2],
    explanationZh: f[3],
    mistakes: verdictList(f[4]),
  };
}

/** The times of a report from field `at`: timestamp, now, window, time difference (the core's). */
function timesFrom(f, at) {
  return { timestampMs: u64(f[at]), nowMs: u64(f[at + 1]), windowMs: u64(f[at + 2]), timeDifferenceMs: i128(f[at + 3]) };
}

/** A packed Kingdee report; it has `KINGDEE_REPORT_FIELDS` fields. */
function kingdeeReportFrom(f) {
  return {
    ...verdictFrom(f),
    clientId: f[5],
    nonce: f[6],
    ...timesFrom(f, 7),
    canonicalPath: f[11],
    canonicalQuery: f[12],
    signedHeaders: f[13] === '' ? [] : f[13].split(','),
    stringToSign: f[14],
    clientStringToSign: f[15],
  };
}
const KINGDEE_REPORT_FIELDS = 16;

/**
 * The doctor's options: `{nowMs, windowMs, verifier}` checked, with their defaults; the
 * verifier (a `KingdeeVerifier` or `WeaverVerifier` from 'qianming', whose core lives in the
 * main module) becomes the replay guard the doctor's module asks about a ticket's key.
 */
function doctorOptions(options, cores, what) {
  if (options !== undefined && options !== null && typeof options !== 'object') {
    throw new TypeError('the doctor options must be an object');
  }
  const verifier = options?.verifier ?? null;
  const verifierCore = verifier === null ? undefined : cores.get(verifier);
  if (verifier !== null && verifierCore === undefined) {
    throw new TypeError(`verifier must be a ${what}`);
  }
  const windowMs = optionalNumber(options, 'windowMs') ?? verifier?.windowMs ?? wasm.core.doctorDefaultWindowMs();
  const nowMs = ms(options?.nowMs);
  const guard = verifierCore && { hasSeen: (key) => verifierCore.hasSeen(key, nowMs) };
  return { nowMs, windowMs, guard };
}

/**
 * The signature doctor: given what a client sent and the secret, the core recomputes the
 * signature under each known client mistake and names the one that reproduces it, with an
 * explanation in English and in Chinese. Reports never hold the signature or MD5 the request
 * should carry: safe to log and to show the client.
 */
export const doctor = Object.freeze({
  /**
   * The Kingdee doctor on a received request `{method, path, query?, headers}` (path and query
   * decoded, as for `KingdeeVerifier.verify`). `options`: `nowMs` (default now), `windowMs`
   * (default the verifier's, else five minutes), `verifier` (a `KingdeeVerifier`, only read:
   * a request it accepted is `replayed`). Throws only for a request too malformed to rebuild.
   */
  kingdee(clientSecret, request, options) {
    const o = doctorOptions(options, verifierCores.kingdee, 'KingdeeVerifier');
    const secret = text(clientSecret, 'the client secret');
    const [p, queryCount] = receivedPack(request);
    const packed = wasm.core.doctorKingdee(secret, p.text, p.lens, queryCount, o.nowMs, o.windowMs, o.guard);
    return kingdeeReportFrom(unpack(packed));
  },

  /**
   * Reads a request as people have it (a `curl` command, a raw HTTP request, a HAR entry) and
   * runs the Kingdee doctor on it: `{method, target, path, query, headers, body, report}`.
   * `options`: `format` (`detect` by default, `curl`, `http`, `har`) and those of `kingdee`.
   * Text that is not such a request throws kind `invalid_field` (`invalid_json` for a HAR that
   * is not JSON, `input_too_large` beyond the limits).
   */
  kingdeePasted(clientSecret, pasted, options) {
    const o = doctorOptions(options, verifierCores.kingdee, 'KingdeeVerifier');
    const secret = text(clientSecret, 'the client secret');
    const body = text(pasted, 'the pasted request');
    const format = optionalText(options?.format, 'format') ?? 'detect';
    const packed = wasm.core.doctorKingdeePasted(secret, body, format, o.nowMs, o.windowMs, o.guard);
    const f = unpack(packed);
    const at = KINGDEE_REPORT_FIELDS;
    const queryEnd = at + 5 + 2 * Number(f[at + 4]);
    return {
      method: f[at],
      target: f[at + 1],
      path: f[at + 2],
      query: pairsFrom(f, at + 5, queryEnd),
      headers: pairsFrom(f, queryEnd),
      body: f[at + 3],
      report: kingdeeReportFrom(f),
    };
  },

  /**
   * The Weaver doctor on a received `sign`. `options` as for `kingdee` (`verifier` a
   * `WeaverVerifier`). Throws only for unusable input (`invalid_key_length`,
   * `input_too_large`).
   */
  weaver(appid, secret, aesKey, sign, options) {
    const o = doctorOptions(options, verifierCores.weaver, 'WeaverVerifier');
    const f = unpack(
      wasm.core.doctorWeaver(...weaverArgs(appid, secret, aesKey), text(sign, 'the sign'), o.nowMs, o.windowMs, o.guard),
    );
    return {
      ...verdictFrom(f),
      ...timesFrom(f, 5),
      plaintextLayout: f[9],
      clientRecipe: f[10],
    };
  },

  /**
   * Where a client's own string to sign (`pasted`, as it printed it: CR LF or literal `\n`
   * accepted) first differs from the gateway's (`expected`, e.g. a report's `stringToSign`):
   * `{identical, line, column, part, expectedExcerpt, pastedExcerpt, mistake, explanation,
   * explanationZh}` (the last three `null` when the difference has no known shape).
   */
  compareStringToSign(expected, pasted) {
    const f = unpack(
      wasm.core.doctorCompareStringToSign(text(expected, 'the expected string to sign'), text(pasted, 'the pasted string to sign')),
    );
    return {
      identical: f[0] === '1',
      line: Number(f[1]),
      column: Number(f[2]),
      part: f[3],
      expectedExcerpt: f[4],
      pastedExcerpt: f[5],
      mistake: f[6],
      explanation: f[7],
      explanationZh: f[8],
    };
  },
});
