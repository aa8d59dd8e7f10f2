// Type declarations of 'qianming/doctor' (the signature doctor): its own WebAssembly module, loaded
// apart from the main one ('qianming') to keep that one small.

import type { KingdeeReceivedRequest, KingdeeVerifier, U64, WeaverVerifier } from '../index.js';

// ---------------------------------------------------------------- the signature doctor

/**
 * The doctor's verdicts (stable names, a contract like error kinds; docs/spec/doctor.md).
 * New verdicts may be added, so the type also admits any string.
 */
export type DoctorVerdict =
  | 'valid'
  | 'unexplained'
  | 'expired'
  | 'from_the_future'
  | 'timestamp_in_seconds'
  | 'replayed'
  | 'query_encoded_once'
  | 'path_not_encoded'
  | 'space_as_percent20'
  | 'query_unsorted'
  | 'hex_uppercase'
  | 'base64_of_raw_hmac'
  | 'header_names_not_lowercased'
  | 'missing_final_newline'
  | 'encoded_path_signed'
  | 'query_sorted_by_raw_name'
  | 'signed_headers_unsorted'
  | 'hex_not_base64'
  | 'query_left_out'
  | 'md5_lowercase'
  | 'secret_appid_swapped'
  | 'base64_instead_of_hex'
  | 'wrong_aes_key'
  | 'md5_without_colon'
  | 'cbc_instead_of_ecb'
  | 'zero_padding'
  | (string & {});

/** What every doctor report starts with. */
export interface DoctorFinding {
  /** The verdict's stable numeric code. */
  verdictCode: number;
  /** `valid`, the (first) mistake, or `unexplained`. */
  verdict: DoctorVerdict;
  /** What the verdict means and what to do, in English. */
  explanation: string;
  /** The same in Chinese. */
  explanationZh: string;
  /** Every mistake found, the verdict's first. */
  mistakes: DoctorVerdict[];
}

export interface DoctorOptions<V> {
  /** The time to judge at (default `Date.now()`). */
  nowMs?: number;
  /** The window either way (default: the verifier's, else five minutes). */
  windowMs?: number;
  /** A verifier whose replay guard is read (never changed): a request it accepted is `replayed`. */
  verifier?: V | null;
}

export interface KingdeePastedOptions extends DoctorOptions<KingdeeVerifier> {
  /** How the text is read: `detect` (default), `curl`, `http` or `har`. */
  format?: 'detect' | 'curl' | 'http' | 'har';
}

/** What the Kingdee doctor found; never the signature or HMAC the request should carry. */
export interface KingdeeDoctorReport extends DoctorFinding {
  clientId: string;
  nonce: string;
  timestampMs: U64;
  nowMs: U64;
  windowMs: U64;
  /** `nowMs − timestampMs` (positive: in the past); for `timestamp_in_seconds`, `nowMs − timestamp × 1000`. */
  timeDifferenceMs: U64;
  canonicalPath: string;
  canonicalQuery: string;
  signedHeaders: string[];
  /** The string to sign the gateway builds (no secret in it). */
  stringToSign: string;
  /** The string to sign the client used, when reproduced; `null` when `unexplained`. */
  clientStringToSign: string | null;
}

/** A request read from pasted text, and the doctor's report on it. */
export interface KingdeePastedRequest {
  method: string;
  /** The request target as it travels (path and query, percent-encoded). */
  target: string;
  /** The path, decoded as the gateway decodes it. */
  path: string;
  query: [string, string][];
  headers: [string, string][];
  body: string | null;
  report: KingdeeDoctorReport;
}

/** What the Weaver doctor found; never the MD5 the sign should carry. */
export interface WeaverDoctorReport extends DoctorFinding {
  nowMs: U64;
  windowMs: U64;
  /** The timestamp inside the sign; `null` when it did not decrypt to `<digits>_<32 hex>`. */
  timestampMs: U64 | null;
  timeDifferenceMs: U64 | null;
  /** The shape of the decrypted sign without its digits; `null` when it did not decrypt. */
  plaintextLayout: string | null;
  /** How the client made the sign, as a formula of names; `null` when not reproduced. */
  clientRecipe: string | null;
}

/** Where a client's string to sign first differs from the gateway's. */
export interface StringToSignComparison {
  identical: boolean;
  /** From 1; 0 when identical. */
  line: number;
  /** In characters, from 1; 0 when identical. */
  column: number;
  part: 'method' | 'canonical_path' | 'canonical_query' | 'header_line' | '';
  expectedExcerpt: string;
  pastedExcerpt: string;
  mistake: DoctorVerdict | null;
  explanation: string | null;
  explanationZh: string | null;
}

export const doctor: {
  /** The Kingdee doctor on a received request (path and query decoded). */
  kingdee(clientSecret: string, request: KingdeeReceivedRequest, options?: DoctorOptions<KingdeeVerifier>): KingdeeDoctorReport;
  /** A pasted `curl` command, raw HTTP request or HAR entry, read and diagnosed. */
  kingdeePasted(clientSecret: string, pasted: string, options?: KingdeePastedOptions): KingdeePastedRequest;
  /** The Weaver doctor on a received sign. */
  weaver(appid: string, secret: string, aesKey: string, sign: string, options?: DoctorOptions<WeaverVerifier>): WeaverDoctorReport;
  /** Where a client's own string to sign first differs from `expected`. */
  compareStringToSign(expected: string, pasted: string): StringToSignComparison;
};
