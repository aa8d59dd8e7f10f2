// Loads the vector files (by relative path) and runs one case through the npm package.
// Shared by the node:test suite and the Chromium playground test.
import { readFileSync, readdirSync } from 'node:fs';
import { constants, createPrivateKey, privateDecrypt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

// QIANMING_VECTOR_DIR points elsewhere only to try another set of vectors by hand.
export const VECTOR_DIR =
  process.env.QIANMING_VECTOR_DIR ?? fileURLToPath(new URL('../../../vectors/', import.meta.url));

const BIG = '@@qianming-bigint@@';

/**
 * JSON.parse that keeps integers beyond 2^53 exact (as BigInt): Node 20's JSON.parse would
 * round `18446744073709551615` to 18446744073709552000.
 */
export function parseJsonExact(text) {
  // Outside string literals, quote every integer literal of 16 or more digits with a marker.
  let marked = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if ((c >= '0' && c <= '9') || c === '-') {
      let end = i + 1;
      while (end < text.length && /[0-9.eE+-]/.test(text[end])) end++;
      const token = text.slice(i, end);
      if (/^\d{16,}$/.test(token)) {
        marked += `${text.slice(from, i)}"${BIG}${token}"`;
        from = end;
      }
      i = end - 1;
    }
  }
  marked += text.slice(from);
  return JSON.parse(marked, (_key, value) => {
    if (typeof value === 'string' && value.startsWith(BIG)) {
      const big = BigInt(value.slice(BIG.length));
      return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
    }
    return value;
  });
}

export function vectorFiles() {
  return readdirSync(VECTOR_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

export function loadVectorFile(name) {
  return parseJsonExact(readFileSync(join(VECTOR_DIR, name), 'utf8'));
}

/** The sections of a vector document: every property whose value is a list of cases. */
export function sections(doc) {
  return Object.entries(doc).filter(([, cases]) => Array.isArray(cases));
}

/** The six headers the signer sets (the SDK file also lists the caller's own X-Api-* headers). */
export const SIGNER_HEADERS = [
  'X-Api-ClientID',
  'X-Api-Auth-Version',
  'X-Api-TimeStamp',
  'X-Api-Nonce',
  'X-Api-SignHeaders',
  'X-Api-Signature',
];

function show(value) {
  return typeof value === 'bigint' ? `${value}n` : JSON.stringify(value);
}

function eq(what, got, want) {
  if (got !== want) throw new Error(`${what}: got ${show(got)}, want ${show(want)}`);
}

/** Runs `action` and compares the outcome with the case's `result` and `error`. */
function judge(q, testCase, action, check) {
  const valid = (testCase.result ?? 'valid') === 'valid';
  let value;
  try {
    value = action();
  } catch (error) {
    if (error?.kind === undefined) throw error;
    if (valid) throw new Error(`expected success, got ${error.kind}: ${error.message}`);
    if (!q.errorKinds().includes(testCase.error)) {
      throw new Error(`vector names unknown error kind ${testCase.error}`);
    }
    if (!(error instanceof Error) || error.name !== 'QianmingError') {
      throw new Error(`the refusal is not an Error named QianmingError: ${error}`);
    }
    eq('error kind', error.kind, testCase.error);
    return;
  }
  if (!valid) throw new Error(`expected error ${testCase.error}, got success`);
  check(value);
}

/** A vector's snake_case field name as the API's camelCase name (`base_url` as `baseUrl`). */
function camel(name) {
  return name.replace(/_([a-z0-9])/g, (_, l) => l.toUpperCase());
}

/** The case's fields `names` as an options object, each under its camelCase option name. */
function optionsOf(c, ...names) {
  return Object.fromEntries(names.map((name) => [camel(name), c[name]]));
}

function requestOf(testCase) {
  const signHeaders = (testCase.sign_headers ?? []).map(([name, value]) => [name, value]);
  for (const name of testCase.sign_header_names_without_value ?? []) signHeaders.push([name, null]);
  return {
    method: testCase.method,
    path: testCase.path,
    query: testCase.query ?? [],
    signHeaders,
    timestamp: testCase.timestamp,
    nonce: testCase.nonce,
  };
}

/** An answer body: `body` (text) or `body_hex`, then `repeat` × `times`, then `tail` (UTF-8). */
export function bodyOf(c) {
  const enc = new TextEncoder();
  const parts = [];
  if (c.body_hex !== undefined) {
    parts.push(Uint8Array.from(c.body_hex.match(/../g) ?? [], (h) => parseInt(h, 16)));
  } else {
    parts.push(enc.encode(c.body ?? ''));
  }
  if (c.repeat !== undefined) {
    const r = enc.encode(c.repeat);
    for (let i = 0; i < Number(c.times ?? 0); i++) parts.push(r);
  }
  parts.push(enc.encode(c.tail ?? ''));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Same value, with vector integers (number or bigint) and package integers compared exactly. */
function same(what, got, want) {
  const norm = (v) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));
  const canon = (v) => (typeof v === 'number' && Number.isSafeInteger(v) ? v : typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);
  const a = norm(deepMap(got, canon));
  const b = norm(deepMap(want, canon));
  if (a !== b) throw new Error(`${what}: got ${a}, want ${b}`);
}

function deepMap(v, f) {
  if (Array.isArray(v)) return v.map((x) => deepMap(x, f));
  return f(v);
}

function checkRequest(got, want) {
  same('method', got.method, want.method);
  same('url', got.url, want.url);
  same('headers', got.headers, want.headers);
  same('body', got.body, want.body);
}

/**
 * Like `judge` for parsers whose refusals carry vendor data: on a refusal the thrown error
 * must carry `.refusal` equal to the case's `refusal` (when the case gives one).
 */
function judgeAnswer(q, c, action, check) {
  judge(
    q,
    c,
    () => {
      try {
        return action();
      } catch (error) {
        if (c.refusal !== undefined) {
          if (error?.refusal === undefined) throw new Error(`expected a refusal, got ${error?.kind}: ${error?.message}`);
          same('refusal', error.refusal, c.refusal);
        }
        throw error;
      }
    },
    check,
  );
}

/** `hex` as bytes (the vectors carry the WeCom random prefix as hex). */
function hexBytes(hex) {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

/** A case's `seed_hex` as bytes; text that is not hex gives no bytes, which the package refuses. */
function seedOf(hex) {
  return /^([0-9a-fA-F]{2})*$/.test(hex) ? hexBytes(hex) : new Uint8Array(0);
}

/**
 * The text inside an e-cology ciphertext (Base64 RSA PKCS#1 v1.5), decrypted with the case's
 * `private_key` (PKCS#8 DER, Base64). Node 20 refuses RSA_PKCS1_PADDING for private
 * decryption (CVE-2023-46809), so this decrypts without padding (the raw RSA block) and checks
 * the block here: one modulus long, `00 02`, at least eight non-zero padding bytes, `00`, text.
 */
export function rsaDecrypt(privateKey, ciphertext) {
  const key = createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  const k = key.asymmetricKeyDetails.modulusLength / 8;
  const sealed = Buffer.from(ciphertext, 'base64');
  if (sealed.toString('base64') !== ciphertext) throw new Error(`ciphertext is not canonical Base64: ${ciphertext}`);
  if (sealed.length !== k) throw new Error(`ciphertext is ${sealed.length} bytes, the modulus ${k}`);
  const block = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, sealed);
  const end = block.indexOf(0, 2);
  if (block.length !== k || block[0] !== 0 || block[1] !== 2 || end < 10) {
    throw new Error(`not a PKCS#1 v1.5 encryption block: ${block.toString('hex')}`);
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(block.subarray(end + 1));
}

/** The value of header `name` in `headers` (pairs). */
function headerValue(headers, name) {
  return headers.find(([n]) => n === name)?.[1];
}

/**
 * An e-cology request's or header list's expected `header_names` (in order) and
 * `plain_headers`, and the encrypted header `sealed` decrypting to `decryptsTo`.
 */
function checkSealedHeaders(c, headers, sealed, decryptsTo) {
  same('header names', headers.map(([n]) => n), c.expected.header_names);
  for (const [name, value] of c.expected.plain_headers) same(name, headerValue(headers, name), value);
  eq(`${sealed} decrypts to`, rsaDecrypt(c.private_key, headerValue(headers, sealed)), decryptsTo);
}

/** `s` with its first character changed (a forged signature of the same length). */
function flipped(s) {
  return (s[0] === '0' ? '1' : '0') + s.slice(1);
}

/** `action` must throw a QianmingError of `kind`. */
function mustRefuse(what, kind, action) {
  try {
    action();
  } catch (error) {
    if (error?.kind === undefined) throw error;
    eq(`${what}: error kind`, error.kind, kind);
    return;
  }
  throw new Error(`${what}: accepted`);
}

/**
 * `diagnose` gives the case's verdict (or throws its kind when the request cannot be rebuilt)
 * and never the expected signature or its HMAC.
 */
function diagnoseAgrees(q, c, options, received) {
  let verifier;
  try {
    verifier = new q.kingdee.Verifier(c.client_secret, options);
  } catch (error) {
    if (error?.kind !== c.error) throw error;
    return;
  }
  let d;
  try {
    d = verifier.diagnose(received, c.now_ms);
  } catch (error) {
    if (error?.kind === undefined) throw error;
    eq('diagnose refusal', error.kind, c.error);
    return;
  }
  eq('diagnose verdict', d.ok ? 'valid' : d.error.kind, c.result === 'invalid' ? c.error : 'valid');
  const revealing = verifier.explainRevealingSignature(received);
  eq('diagnose string to sign', d.stringToSign, revealing.stringToSign);
  const shown = JSON.stringify(d, (_k, v) => (v instanceof Error ? `${v.kind}: ${v.message}` : v));
  for (const secret of [revealing.expectedSignature, revealing.hmacHex]) {
    if (shown.includes(secret)) throw new Error(`diagnose reveals ${secret}`);
  }
}

const RUNNERS = {
  kingdee_token_request(q, c) {
    const fields = ['base_url', 'client_id', 'client_secret', 'app_key', 'app_secret', 'uid', 'timestamp', 'nonce'];
    judge(q, c, () => q.kingdee.tokenRequest(optionsOf(c, ...fields)), (out) => {
      checkRequest(out, c.expected);
      sameFields(out, c.expected, 'app_signature', 'string_to_sign');
      same('signature', out.headers.find(([n]) => n === 'X-Api-Signature')?.[1], out.signature);
    });
  },

  kingdee_token_answer(q, c) {
    judgeAnswer(q, c, () => q.kingdee.parseTokenAnswer(bodyOf(c), c.received_at_ms), (t) => {
      sameFields(t, c.expected, 'app_token', 'uid', 'expires_at_ms');
    });
  },

  weaver_token_request(q, c) {
    judge(q, c, () => q.weaver.tokenRequest(c.base_url, c.appid, c.sign), (out) => checkRequest(out, c.expected));
  },

  weaver_token_answer(q, c) {
    judgeAnswer(q, c, () => q.weaver.parseTokenAnswer(bodyOf(c), c.received_at_ms), (t) => {
      sameFields(t, c.expected, 'token', 'msg', 'batchkey', 'expires_at_ms');
    });
  },

  apusic_session_request(q, c) {
    const options = optionsOf(c, 'host', 'base_url', 'user', 'password', 'mode', 'remote_host_name');
    judge(q, c, () => q.apusic.sessionRequest(options), (out) => checkRequest(out, c.expected));
  },

  apusic_session_answer(q, c) {
    judgeAnswer(q, c, () => q.apusic.parseSessionAnswer(bodyOf(c)), (t) => {
      sameFields(t, c.expected, 'token', 'message');
    });
  },

  apusic_call_headers(q, c) {
    judge(
      q,
      c,
      () => q.apusic.callHeaders(c.token, { cookieName: c.cookie_name, xAuthToken: c.x_auth_token }),
      (headers) => same('headers', headers, c.expected.headers),
    );
  },

  oauth_authorize_url(q, c) {
    const options = optionsOf(c, 'base_url', 'client_id', 'redirect_uri', 'state', 'code_verifier');
    judge(q, c, () => q.oauth.authorizeUrl(options), (url) => {
      same('url', url, c.expected.url);
      const challenge = c.code_verifier === null ? null : q.oauth.pkceChallenge(c.code_verifier);
      same('code_challenge', challenge, c.expected.code_challenge);
    });
  },

  oauth_token_request(q, c) {
    const options = optionsOf(c, 'base_url', 'client_id', 'client_secret', 'redirect_uri', 'code', 'code_verifier');
    judge(q, c, () => q.oauth.tokenRequest(options), (out) => checkRequest(out, c.expected));
  },

  oauth_token_answer(q, c) {
    judge(q, c, () => q.oauth.parseTokenAnswer(bodyOf(c)), (t) => {
      sameFields(t, c.expected, 'access_token', 'expires');
    });
  },

  oauth_userinfo_request(q, c) {
    judge(q, c, () => q.oauth.userinfoRequest(c.base_url, c.access_token), (out) => checkRequest(out, c.expected));
  },

  oauth_userinfo_answer(q, c) {
    judge(q, c, () => q.oauth.parseUserinfoAnswer(bodyOf(c)), (u) => {
      sameFields(u, c.expected, 'id', 'attributes');
    });
  },

  oauth_callback(q, c) {
    judge(q, c, () => q.oauth.parseCallback(c.callback, c.expected_state), (cb) => {
      sameFields(cb, c.expected, 'code', 'state');
    });
  },

  edge_login_request(q, c) {
    judge(q, c, () => q.edge.loginRequest(c.base_url, c.username, c.password), (out) => checkRequest(out, c.expected));
  },

  edge_refresh_request(q, c) {
    judge(q, c, () => q.edge.refreshRequest(c.base_url, c.refresh_token), (out) => checkRequest(out, c.expected));
  },

  edge_token_answer(q, c) {
    judgeAnswer(q, c, () => q.edge.parseTokenAnswer(bodyOf(c)), (t) => {
      const fields = ['access_token', 'refresh_token', 'expire', 't', 'code', 'expires_at_ms', 'refresh_expires_at_ms'];
      sameFields(t, c.expected, ...fields);
    });
  },

  edge_x_token(q, c) {
    judge(q, c, () => q.edge.xTokenHeader(c.access_token), ([name, value]) => {
      same('name', name, c.expected.name);
      same('value', value, c.expected.value);
    });
  },

  edge_jwt(q, c) {
    judge(q, c, () => q.edge.readJwtClaims(c.jwt), (claims) => {
      for (const k of ['exp', 'iat', 'nbf', 'iss']) same(k, claims[k], c.expected[k]);
    });
  },

  token_lifetime(q, c) {
    const fields = ['issued_at_ms', 'lifetime_ms', 'exp_s', 'refresh_expires_at_ms', 'refresh_exp_s', 'now_ms', 'skew_ms'];
    judge(q, c, () => q.token.action(optionsOf(c, ...fields)), (out) => {
      sameFields(out, c.expected, 'action', 'expires_at_ms');
    });
  },

  app_signature(q, c) {
    judge(q, c, () => q.kingdee.explainAppSignature(c.app_key, c.app_secret), (out) => {
      eq('hmac_hex', out.hmacHex, c.hmac_hex);
      eq('app_signature', out.appSignature, c.app_signature);
      eq('app_signature (fast path)', q.kingdee.appSignature(c.app_key, c.app_secret), c.app_signature);
    });
  },

  request(q, c) {
    judge(
      q,
      c,
      () => new q.kingdee.Signer(c.client_id, c.client_secret).sign(requestOf(c)),
      (out) => {
        const want = c.expected;
        eq('canonical_path', out.canonicalPath, want.canonical_path);
        eq('canonical_query', out.canonicalQuery, want.canonical_query);
        eq('string_to_sign', out.stringToSign, want.string_to_sign);
        eq('hmac_hex', out.hmacHex, want.hmac_hex);
        eq('signature', out.signature, want.signature);
        eq('signed_headers', JSON.stringify(out.signedHeaders), JSON.stringify(want.signed_headers));
        eq('number of headers', Object.keys(out.headers).length, SIGNER_HEADERS.length);
        for (const name of SIGNER_HEADERS) eq(name, out.headers[name], want.headers[name]);
        if (want.wire_query !== undefined) eq('wire_query', out.wireQuery, want.wire_query);
      },
    );
  },

  verify_request(q, c) {
    const options = c.window_ms === undefined ? undefined : { windowMs: c.window_ms };
    const received = { method: c.method, path: c.path, query: c.query, headers: c.headers };
    let verifier;
    judge(
      q,
      c,
      () => {
        verifier = new q.kingdee.Verifier(c.client_secret, options);
        return verifier.verify(received, c.now_ms);
      },
      (out) => {
        eq('client_id', out.clientId, c.expected.client_id);
        eq('nonce', out.nonce, c.expected.nonce);
        eq('timestamp_ms', out.timestampMs, c.expected.timestamp_ms);
        eq('remembered', verifier.remembered, 1);
      },
    );
    const valid = (c.result ?? 'valid') === 'valid';
    // The same request again, to the verifier that accepted it: a replay.
    if (valid) judge(q, { result: 'invalid', error: 'replayed' }, () => verifier.verify(received, c.now_ms), () => {});
    // Stateless: the same verdict, and a ticket naming the client id and nonce.
    judge(q, c, () => new q.kingdee.Verifier(c.client_secret, options).verifyStateless(received, c.now_ms), (out) => {
      eq('stateless timestamp_ms', out.timestampMs, c.expected.timestamp_ms);
      if (!out.replayKey.includes(c.expected.nonce)) throw new Error(`replay key ${out.replayKey} lacks the nonce`);
      eq('replay ttl', out.replayTtlMs, q.replay.ttlMs(out, c.now_ms));
    });
    diagnoseAgrees(q, c, options, received);
  },

  sign(q, c) {
    judge(q, c, () => q.weaver.explain(c.appid, c.secret, c.aes_key, c.timestamp_ms), (out) => {
      eq('md5_upper', out.md5Upper, c.md5_upper);
      eq('plaintext', out.plaintext, c.plaintext);
      eq('sign', out.sign, c.sign);
      eq('sign (one-shot)', q.weaver.sign(c.appid, c.secret, c.aes_key, c.timestamp_ms), c.sign);
      const signer = new q.weaver.Signer(c.appid, c.secret, c.aes_key);
      eq('sign (signer)', signer.sign(c.timestamp_ms), c.sign);
      eq('sign (signer, bigint)', signer.sign(BigInt(c.timestamp_ms)), c.sign);
      eq('sign (signer, text)', signer.sign(String(c.timestamp_ms)), c.sign);
      eq('md5Upper', q.weaver.md5Upper(c.appid, c.secret), c.md5_upper);
      signer.free();
    });
  },

  verify_sign(q, c) {
    let verifier;
    let failure;
    try {
      const options = c.window_ms === undefined ? undefined : { windowMs: c.window_ms };
      verifier = new q.WeaverVerifier(c.appid, c.secret, c.aes_key, options);
    } catch (error) {
      if (error?.kind === undefined) throw error;
      failure = error;
    }
    c.steps.forEach((step, i) => {
      try {
        judge(
          q,
          step,
          () => {
            if (failure) throw failure;
            return verifier.verify(step.sign, step.now_ms);
          },
          (out) => eq('timestamp_ms', out.timestampMs, step.timestamp_ms),
        );
      } catch (error) {
        throw new Error(`step ${i}: ${error.message}`);
      }
    });
  },

  basic_encode(q, c) {
    judge(q, c, () => q.basic.credentials(c.user, c.password), (credentials) => {
      eq('credentials', credentials, c.credentials);
      eq('authorization', q.basic.authorizationHeader(c.user, c.password), c.authorization);
      eq('authorization_raw', q.basic.authorizationHeader(c.user, c.password, 'raw'), c.authorization_raw);
    });
  },

  basic_decode(q, c) {
    judge(q, c, () => q.basic.parseAuthorization(c.authorization), (out) => {
      eq('user', out.user, c.user);
      eq('password', out.password, c.password);
    });
  },
  kingdee_doctor(q, c) {
    const received = { method: c.method, path: c.path, query: c.query ?? [], headers: c.headers ?? [] };
    judge(
      q,
      c,
      () => {
        let verifier = null;
        if (c.accepted_before) {
          verifier = new q.KingdeeVerifier(c.client_secret);
          verifier.verify(received, c.now_ms);
        }
        try {
          return q.doctor.kingdee(c.client_secret, received, { nowMs: c.now_ms, verifier });
        } finally {
          verifier?.free();
        }
      },
      (r) => sameKingdeeReport(r, c.expected, c.now_ms),
    );
  },

  kingdee_doctor_pasted(q, c) {
    judge(
      q,
      c,
      () => q.doctor.kingdeePasted(c.client_secret, c.text, { format: c.format, nowMs: c.now_ms }),
      (p) => {
        const w = c.expected;
        eq('method', p.method, w.method);
        eq('path', p.path, w.path);
        eq('body', p.body, w.body);
        sameFields(p, w, 'query', 'headers');
        if (!p.target.startsWith('/')) throw new Error(`target ${p.target}`);
        sameKingdeeReport(p.report, w, c.now_ms);
      },
    );
  },

  weaver_doctor(q, c) {
    judge(
      q,
      c,
      () => {
        let verifier = null;
        if (c.accepted_before) {
          verifier = new q.WeaverVerifier(c.appid, c.secret, c.aes_key);
          verifier.verify(c.sign, c.now_ms);
        }
        try {
          return q.doctor.weaver(c.appid, c.secret, c.aes_key, c.sign, { nowMs: c.now_ms, verifier });
        } finally {
          verifier?.free();
        }
      },
      (r) => {
        const w = c.expected;
        sameVerdict(r, w);
        eq('timestamp_ms', r.timestampMs, w.timestamp_ms);
        eq('time_difference_ms', r.timeDifferenceMs, w.time_difference_ms);
        eq('plaintext_layout present', r.plaintextLayout !== null, r.timestampMs !== null);
        eq('now_ms', r.nowMs, c.now_ms);
        eq('window_ms', r.windowMs, DOCTOR_WINDOW_MS);
      },
    );
  },

  // WXBizMsgCrypt, DingTalk, Feishu, Yonyou (docs/spec/wecom.md, dingtalk.md, feishu.md, yonyou.md).
  wecom_signature(q, c) {
    const text = { token: c.token, timestamp: c.timestamp, nonce: c.nonce, encrypt: c.encrypt };
    judge(q, c, () => q.wecom.msgSignature(text), (signature) => {
      eq('signature', signature, c.signature);
      q.wecom.verifyMsgSignature({ ...text, signature: c.signature });
      mustRefuse('verifyMsgSignature of another signature', 'signature_mismatch', () =>
        q.wecom.verifyMsgSignature({ ...text, signature: flipped(c.signature) }),
      );
    });
    // The verifier refuses what msgSignature refuses, with the same kind.
    if (c.result === 'invalid') judge(q, c, () => q.wecom.verifyMsgSignature({ ...text, signature: '0'.repeat(40) }));
  },

  wecom_decrypt(q, c) {
    judge(
      q,
      c,
      () => q.wecom.decrypt({ encodingAesKey: c.encoding_aes_key, receiveId: c.receive_id, encrypt: c.encrypt }),
      (message) => {
        eq('message', message, c.message);
        // As a whole callback: signed here by the package (msgSignature is its own section).
        const signed = { token: 'QDG6eK', timestamp: '1409659589', nonce: '263014780', encrypt: c.encrypt };
        const callback = {
          ...signed,
          encodingAesKey: c.encoding_aes_key,
          receiveId: c.receive_id,
          msgSignature: q.wecom.msgSignature(signed),
        };
        eq('verifyAndDecrypt', q.wecom.verifyAndDecrypt(callback), c.message);
        mustRefuse('verifyAndDecrypt with a forged signature', 'signature_mismatch', () =>
          q.wecom.verifyAndDecrypt({ ...callback, msgSignature: flipped(callback.msgSignature) }),
        );
      },
    );
  },

  wecom_encrypt(q, c) {
    const options = {
      encodingAesKey: c.encoding_aes_key,
      receiveId: c.receive_id,
      message: c.message,
      random: hexBytes(c.random_hex),
      token: c.token,
      timestamp: c.timestamp,
      nonce: c.nonce,
    };
    judge(q, c, () => q.wecom.encryptReply(options), (reply) => {
      eq('encrypt', reply.encrypt, c.encrypt);
      eq('signature', reply.signature, c.signature);
      const callback = { ...options, encrypt: reply.encrypt, msgSignature: reply.signature };
      eq('verifyAndDecrypt of the reply', q.wecom.verifyAndDecrypt(callback), c.message);
    });
  },

  dingtalk_robot_sign(q, c) {
    judge(q, c, () => q.dingtalk.robotSign(c.secret, c.timestamp_ms), (s) => {
      eq('sign', s.sign, c.sign);
      eq('sign_urlencoded', s.signUrlencoded, c.sign_urlencoded);
      eq('sign (bigint timestamp)', q.dingtalk.robotSign(c.secret, BigInt(c.timestamp_ms)).sign, c.sign);
    });
  },

  feishu_bot_sign(q, c) {
    judge(q, c, () => q.feishu.botSign(c.secret, c.timestamp), (sign) => eq('sign', sign, c.sign));
  },

  feishu_decrypt(q, c) {
    judge(q, c, () => q.feishu.decrypt(c.encrypt_key, c.encrypt), (plaintext) => eq('plaintext', plaintext, c.plaintext));
  },

  feishu_event_signature(q, c) {
    const event = { timestamp: c.timestamp, nonce: c.nonce, encryptKey: c.encrypt_key, body: c.body };
    judge(q, c, () => q.feishu.eventSignature(event), (signature) => {
      eq('signature', signature, c.signature);
      eq('signature (body as bytes)', q.feishu.eventSignature({ ...event, body: bodyOf(c) }), c.signature);
      q.feishu.verifyEventSignature({ ...event, signature: c.signature });
      mustRefuse('verifyEventSignature of another signature', 'signature_mismatch', () =>
        q.feishu.verifyEventSignature({ ...event, signature: flipped(c.signature) }),
      );
    });
    if (c.result === 'invalid') judge(q, c, () => q.feishu.verifyEventSignature({ ...event, signature: '0'.repeat(64) }));
  },

  yonyou_signature(q, c) {
    judge(q, c, () => q.yonyou.signature(c.app_key, c.app_secret, c.timestamp_ms), (s) => {
      eq('signature', s.signature, c.signature);
      eq('signature_urlencoded', s.signatureUrlencoded, c.signature_urlencoded);
    });
  },

  yonyou_token_request(q, c) {
    const options = { tokenUrl: c.token_url, appKey: c.app_key, appSecret: c.app_secret, timestampMs: c.timestamp_ms };
    judge(q, c, () => q.yonyou.tokenRequest(options), (out) => {
      checkRequest(out, c.expected);
      if (c.token_url === q.yonyou.defaultTokenUrl) {
        checkRequest(q.yonyou.tokenRequest({ ...options, tokenUrl: undefined }), c.expected);
      }
    });
  },

  yonyou_token_answer(q, c) {
    judgeAnswer(q, c, () => q.yonyou.parseTokenAnswer(bodyOf(c), c.received_at_ms), (t) => {
      const w = c.expected;
      sameFields(t, w, 'access_token', 'expire_s', 'message', 'expires_at_ms');
    });
  },

  // Kingdee K3Cloud (docs/spec/k3cloud.md).
  k3cloud_gateway_secret(q, c) {
    judge(q, c, () => q.k3cloud.gatewayCredentials(c.app_id), (out) => {
      sameFields(out, c.expected, 'client_id', 'gateway_secret');
    });
  },

  k3cloud_sign(q, c) {
    const identity = ['acct_id', 'user_name', 'app_id', 'app_secret', 'lcid', 'org_num'];
    const options = optionsOf(c, ...identity, 'url', 'body', 'timestamp_unit', 'timestamp_ms');
    judge(q, c, () => q.k3cloud.request(options), (out) => {
      checkRequest(out, c.expected);
      const signed = q.k3cloud.sign(options);
      sameFields(signed, c.expected, 'string_to_sign', 'app_data', 'timestamp');
      // The request's headers are the signed ones, then Content-Type.
      same('signed headers', signed.headers, out.headers.slice(0, -1));
      same('X-Api-Signature', headerValue(signed.headers, 'X-Api-Signature'), signed.apiSignature);
      same('X-Kd-Signature', headerValue(signed.headers, 'X-Kd-Signature'), signed.kdSignature);
    });
    // sign refuses what request refuses, with the same kind.
    if (c.result === 'invalid') judge(q, c, () => q.k3cloud.sign(options));
  },

  k3cloud_login_sign(q, c) {
    const options = optionsOf(c, 'acct_id', 'user_name', 'app_id', 'app_secret', 'timestamp_s', 'hash');
    judge(q, c, () => q.k3cloud.loginSign(options), (sign) => eq('sign', sign, c.expected.sign));
  },

  k3cloud_login_by_sign_request(q, c) {
    const options = optionsOf(c, 'server_url', 'acct_id', 'user_name', 'app_id', 'app_secret', 'lcid', 'timestamp_s', 'hash');
    judge(q, c, () => q.k3cloud.loginBySignRequest(options), (out) => checkRequest(out, c.expected));
  },

  k3cloud_login_by_app_secret_request(q, c) {
    const options = optionsOf(c, 'server_url', 'acct_id', 'user_name', 'app_id', 'app_secret', 'lcid');
    judge(q, c, () => q.k3cloud.loginByAppSecretRequest(options), (out) => checkRequest(out, c.expected));
  },

  k3cloud_login_answer(q, c) {
    judgeAnswer(q, c, () => q.k3cloud.parseLoginAnswer(bodyOf(c)), (s) => {
      sameFields(s, c.expected, 'session_id', 'message', 'is_success_by_api');
    });
  },

  // Weaver e-cology 9 (docs/spec/ecology.md): ciphertexts are checked by decrypting them.
  ecology_server_key(q, c) {
    judge(q, c, () => q.ecology.serverKey(c.spk), (key) => {
      eq('bits', key.bits, c.expected.bits);
      eq('max_plaintext_len', key.maxPlaintextLen, Math.ceil(c.expected.bits / 8) - 11);
    });
  },

  ecology_encrypt(q, c) {
    const options = { spk: c.spk, plaintext: c.plaintext, seed: seedOf(c.seed_hex) };
    judge(q, c, () => q.ecology.encrypt(options), (sealed) => {
      eq('decrypted', rsaDecrypt(c.private_key, sealed), c.expected.plaintext);
      eq('the same seed again', q.ecology.encrypt(options), sealed);
    });
  },

  ecology_regist_request(q, c) {
    judge(q, c, () => q.ecology.registRequest(optionsOf(c, 'base_url', 'appid', 'cpk')), (out) => checkRequest(out, c.expected));
  },

  ecology_regist_answer(q, c) {
    judgeAnswer(q, c, () => q.ecology.parseRegistAnswer(bodyOf(c)), (r) => {
      sameFields(r, c.expected, 'secrit', 'spk', 'message');
    });
  },

  ecology_token_request(q, c) {
    const options = { ...optionsOf(c, 'base_url', 'appid', 'spk', 'secrit', 'time_s'), seed: seedOf(c.seed_hex) };
    judge(q, c, () => q.ecology.applytokenRequest(options), (out) => {
      for (const field of ['method', 'url', 'body']) same(field, out[field], c.expected[field]);
      checkSealedHeaders(c, out.headers, 'secret', c.expected.secret_decrypts_to);
    });
  },

  ecology_token_answer(q, c) {
    const options = { receivedAtMs: c.received_at_ms, lifetimeS: c.lifetime_s };
    judgeAnswer(q, c, () => q.ecology.parseTokenAnswer(bodyOf(c), options), (t) => {
      sameFields(t, c.expected, 'token', 'message', 'expires_at_ms');
    });
  },

  ecology_call_headers(q, c) {
    const options = { ...optionsOf(c, 'appid', 'token', 'spk', 'userid'), seed: seedOf(c.seed_hex) };
    judge(q, c, () => q.ecology.callHeaders(options), (headers) => {
      checkSealedHeaders(c, headers, 'userid', c.expected.userid_decrypts_to);
    });
  },
};

/** The vendors' window, which every doctor case is judged with. */
const DOCTOR_WINDOW_MS = 300000;

/** A doctor report's verdict, mistakes and explanations against a case's `expected`. */
/** `same` for each of `fields`: the API's camelCase property of `got` against `want`'s field. */
function sameFields(got, want, ...fields) {
  for (const field of fields) same(field, got[camel(field)], want[field]);
}

function sameVerdict(r, w) {
  eq('verdict', r.verdict, w.verdict);
  same('mistakes', r.mistakes, w.mistakes);
  if (!(r.verdictCode > 0 && r.explanation && r.explanationZh && r.explanation !== r.explanationZh)) {
    throw new Error(`explanations of ${r.verdict}`);
  }
}

function sameKingdeeReport(r, w, nowMs) {
  sameVerdict(r, w);
  eq('string_to_sign', r.stringToSign, w.string_to_sign);
  if ('client_string_to_sign' in w) eq('client_string_to_sign', r.clientStringToSign, w.client_string_to_sign);
  if ('time_difference_ms' in w) eq('time_difference_ms', r.timeDifferenceMs, w.time_difference_ms);
  eq('now_ms', r.nowMs, nowMs);
  eq('window_ms', r.windowMs, DOCTOR_WINDOW_MS);
}

/** Runs one case of `section` through the package `q`; throws with the reason on failure. */
export function runCase(q, section, testCase) {
  const run = RUNNERS[section];
  if (!run) throw new Error(`no runner for section ${section}`);
  run(q, testCase);
}

export function hasRunner(section) {
  return Object.hasOwn(RUNNERS, section);
}
