// The playground page: form values in, the package's results and refusals out. Every value
// shown is computed by the qianming WebAssembly module; this file only moves text around.
import { basic, kingdee, weaver } from '../js/browser.js';

const $ = (id) => document.getElementById(id);

/** What to do about each refusal, shown under the core's own message. */
const ADVICE = {
  empty_secret: 'Fill in the secret: an empty secret would sign with an empty key.',
  invalid_timestamp: 'Use whole milliseconds since 1970 as plain digits (e.g. 1700000000000).',
  invalid_header_value: 'Header values must be visible ASCII, without line breaks or leading/trailing spaces.',
  invalid_header_name: 'Header names are HTTP tokens: letters, digits and !#$%&\'*+-.^_`|~ only.',
  missing_header_value: 'Give the header a value ("Name: value"), or remove it from the list.',
  reserved_header: 'The signer sets the X-Api-* headers itself; do not list them as extra headers.',
  duplicate_header: 'List each extra header once (names compare case-insensitively).',
  duplicate_query_name: 'The gateway keeps one value per name: give each query name once.',
  unsupported_method: 'Use GET, POST, PUT, DELETE, HEAD, PATCH or OPTIONS.',
  invalid_unicode: 'The text is not valid Unicode.',
  input_too_large: 'The input is larger than qianming accepts.',
  invalid_key_length: 'The AES key must be 16, 24 or 32 bytes of UTF-8 (ASCII letters count 1, 中 counts 3).',
  undecryptable: 'The sign is not hex made with this AES key (server: 签名解密异常).',
  malformed_sign: 'The sign decrypts, but not to "<timestamp>_<MD5>" (server: appid或sign参数值异常).',
  sign_mismatch: 'The MD5 inside was made from another appid or secret (server: appid或sign参数值异常).',
  expired: 'The sign is older than the window: sign again (server: 签名已过期).',
  future_timestamp: 'The sign is dated in the future: check the client clock (server: 签名已过期).',
  replayed: 'Each sign works once: sign again (server: 禁用重复签名获取token).',
  signature_mismatch: 'X-Api-Signature is not the one of this request and secret (gateway: HTTP 519). Compare the string to sign with your client\'s.',
  missing_header: 'A header the gateway needs (or one X-Api-SignHeaders names) is missing.',
  unsupported_auth_version: 'X-Api-Auth-Version must be 2.0.',
  invalid_signed_headers: 'X-Api-SignHeaders must name X-Api-Nonce and X-Api-TimeStamp, each header once.',
  unsigned_query_data: 'A query pair without a name is not covered by the signature; remove it (or accept it as the vendor gateway does).',
  invalid_percent_encoding: 'A "%" must be followed by two hex digits.',
  invalid_user_name: 'RFC 7617 forbids ":" in the user name: the server would split there.',
  invalid_scheme: 'Expected "Basic <credentials>".',
  invalid_base64: 'The credentials must be strict, padded, standard Base64.',
  missing_separator: 'The decoded credentials need a ":" between user and password.',
};

function showError(id, error) {
  const box = $(id);
  box.replaceChildren();
  if (!error) {
    box.classList.remove('shown');
    return;
  }
  const title = document.createElement('div');
  const kind = document.createElement('b');
  kind.className = 'kind';
  kind.textContent = error.kind ?? error.name;
  title.append('Refused: ', kind);
  const message = document.createElement('div');
  message.className = 'message';
  message.textContent = error.message;
  box.append(title, message);
  if (ADVICE[error.kind]) {
    const advice = document.createElement('div');
    advice.className = 'advice';
    advice.textContent = ADVICE[error.kind];
    box.append(advice);
  }
  box.classList.add('shown');
}

/** Runs `fn`; on a refusal, shows it and greys out the previous results. */
function guarded(errorId, resultsId, fn) {
  try {
    fn();
    showError(errorId, null);
    $(resultsId).classList.remove('stale');
  } catch (error) {
    showError(errorId, error);
    $(resultsId).classList.add('stale');
  }
}

function set(id, value) {
  $(id).textContent = value;
}

/** The string to sign with each line break made visible (the marker is CSS, not text). */
function showLines(id, text) {
  const pre = $(id);
  pre.replaceChildren();
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    pre.append(line);
    if (i < lines.length - 1) {
      const mark = document.createElement('span');
      mark.className = 'nl';
      mark.setAttribute('aria-hidden', 'true');
      pre.append(mark, '\n');
    }
  });
}

const lines = (text) => text.split('\n').filter((line) => line.trim() !== '');

function queryPairs(text) {
  return lines(text).map((line) => {
    const at = line.indexOf('=');
    return at < 0 ? [line, ''] : [line.slice(0, at), line.slice(at + 1)];
  });
}

function headerPairs(text) {
  return lines(text).map((line) => {
    const at = line.indexOf(':');
    return at < 0 ? [line.trim(), null] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
  });
}

const shellQuote = (s) => `'${s.replaceAll("'", "'\\''")}'`;

/**
 * Where a pasted string to sign first differs from the one qianming built, and the usual
 * reason when the difference has a known shape. Only a comparison for display: the string to
 * sign itself always comes from the core. A log line that shows the line breaks as `\n` is
 * read with them as line breaks.
 */
function compareStringToSign(expected, pasted) {
  if (pasted === '') return '';
  let theirs = pasted.replace(/\r\n/g, '\n');
  if (!theirs.includes('\n') && theirs.includes('\\n')) theirs = theirs.replaceAll('\\n', '\n');
  if (theirs === expected) return 'Identical: your client builds the same string to sign.';
  if (theirs + '\n' === expected) {
    return 'Yours lacks the final line break: every header line ends with \\n, the last one too.';
  }
  let at = 0;
  while (at < expected.length && at < theirs.length && expected[at] === theirs[at]) at++;
  const line = expected.slice(0, at).split('\n').length;
  const column = at - expected.lastIndexOf('\n', at - 1);
  const show = (text) => JSON.stringify(text.slice(at, at + 12));
  const what = ['the method', 'the canonical path', 'the canonical query'][line - 1] ?? 'a header line';
  const hints = [];
  // A difference inside an escape shows after its "%": look from there.
  const from = at > 0 && expected[at - 1] === '%' ? at - 1 : at;
  const mine = expected.slice(from);
  const yours = theirs.slice(from);
  if (mine.startsWith('%25') && yours.startsWith('%') && !yours.startsWith('%25')) {
    hints.push('the canonical query encodes each name and value twice (a "=" in a value becomes %253D): yours was encoded once');
  } else if (mine.startsWith('%2F') && yours.startsWith('/')) {
    hints.push('the canonical path is percent-encoded, "/" included (%2F)');
  } else if (mine.startsWith('+') && yours.startsWith('%20')) {
    hints.push('a space is "+" in the canonical form, not %20');
  } else if (mine[0] !== undefined && yours[0] !== undefined && mine[0].toLowerCase() === yours[0].toLowerCase()) {
    hints.push(line > 3 ? 'header names are lower-case in the string to sign' : 'letter case differs');
  }
  return `Differs in ${what} (line ${line}, column ${column}): expected ${show(expected)}, yours has ${show(theirs)}` +
    (hints.length ? ` — ${hints.join('; ')}.` : '.');
}

// ------------------------------------------------------------ Kingdee app_signature
function appSignature() {
  guarded('app-error', 'app-results', () => {
    const out = kingdee.explainAppSignature($('app-key').value, $('app-secret').value);
    set('app-hmac', out.hmacHex);
    set('app-signature', out.appSignature);
  });
}

// ------------------------------------------------------------ Kingdee request
let curl = '';
let lastSigned = null;
function request() {
  lastSigned = null;
  guarded('req-error', 'req-results', () => {
    const timestamp = $('req-timestamp').value;
    const nonce = $('req-nonce').value;
    const extra = headerPairs($('req-headers').value);
    const out = kingdee.sign($('req-client-id').value, $('req-secret').value, {
      method: $('req-method').value,
      path: $('req-path').value,
      query: queryPairs($('req-query').value),
      signHeaders: extra,
      timestamp: timestamp === '' ? undefined : timestamp,
      nonce: nonce === '' ? undefined : nonce,
    });
    set('req-canonical-path', out.canonicalPath);
    set('req-canonical-query', out.canonicalQuery);
    set('req-signed-headers', out.signedHeaders.join(', '));
    showLines('req-string-to-sign', out.stringToSign);
    set('req-compare', compareStringToSign(out.stringToSign, $('req-theirs').value));
    set('req-hmac', out.hmacHex);
    set('req-signature', out.signature);
    set('req-wire-query', out.wireQuery);
    const table = $('req-headers-out');
    table.replaceChildren();
    for (const [name, value] of Object.entries(out.headers)) {
      const row = table.insertRow();
      row.insertCell().textContent = name;
      row.insertCell().textContent = value;
    }
    const base = $('req-base-url').value.replace(/\/+$/, '');
    const sent = [...Object.entries(out.headers), ...extra];
    curl = [
      `curl -X ${out.method} ${shellQuote(base + out.pathAndQuery)}`,
      ...sent.map(([name, value]) => `  -H ${shellQuote(`${name}: ${value}`)}`),
    ].join(' \\\n');
    set('req-curl', curl);
    set('req-copied', '');
    lastSigned = out;
  });
}

async function copyCurl() {
  try {
    await navigator.clipboard.writeText(curl);
    set('req-copied', 'Copied.');
  } catch {
    const range = document.createRange();
    range.selectNodeContents($('req-curl'));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    set('req-copied', 'Selected: press Ctrl+C / ⌘C to copy.');
  }
}

// ------------------------------------------------------------ Kingdee verify
/** The request as a server receives it: the target split at "?" and decoded by the core. */
function receivedRequest() {
  const target = $('kv-target').value;
  const at = target.indexOf('?');
  return {
    method: $('kv-method').value,
    path: kingdee.percentDecode(at < 0 ? target : target.slice(0, at)),
    query: at < 0 ? [] : kingdee.parseQuery(target.slice(at + 1)),
    headers: headerPairs($('kv-headers').value).map(([name, value]) => [name, value ?? '']),
  };
}

function kingdeeVerify() {
  const verdict = $('kv-verdict');
  const parts = ['kv-canonical-path', 'kv-canonical-query', 'kv-signed-headers', 'kv-hmac', 'kv-expected', 'kv-received'];
  for (const id of parts) set(id, '');
  $('kv-string-to-sign').replaceChildren();
  let verifier;
  try {
    const nowText = $('kv-now').value;
    verifier = new kingdee.Verifier($('kv-secret').value, {
      windowMs: Number($('kv-window').value),
      lenientQuery: $('kv-lenient').checked,
    });
    const request = receivedRequest();
    const d = verifier.diagnose(request, nowText === '' ? Date.now() : Number(nowText));
    set('kv-canonical-path', d.canonicalPath);
    set('kv-canonical-query', d.canonicalQuery);
    set('kv-signed-headers', d.signedHeaders.join(', '));
    showLines('kv-string-to-sign', d.stringToSign);
    if ($('kv-reveals').open) {
      const revealed = verifier.explainRevealingSignature(request);
      set('kv-hmac', revealed.hmacHex);
      set('kv-expected', revealed.expectedSignature);
      set('kv-received', revealed.receivedSignature);
    }
    if (d.ok) {
      verdict.textContent = 'valid: the gateway would accept this request (once)';
      verdict.className = 'verdict ok';
      showError('kv-error', null);
    } else {
      verdict.textContent = `refused: ${d.error.kind}`;
      verdict.className = 'verdict bad';
      showError('kv-error', d.error);
    }
  } catch (error) {
    verdict.textContent = `refused: ${error.kind ?? error.name}`;
    verdict.className = 'verdict bad';
    showError('kv-error', error);
  } finally {
    verifier?.free();
  }
}

/** Fills the verify form with the request signed in the section above. */
function useSignedRequest() {
  const out = lastSigned;
  if (out === null) return;
  $('kv-secret').value = $('req-secret').value;
  $('kv-method').value = out.method;
  $('kv-target').value = out.pathAndQuery;
  const sent = [...Object.entries(out.headers), ...headerPairs($('req-headers').value)];
  $('kv-headers').value = sent.map(([name, value]) => (value === null ? name : `${name}: ${value}`)).join('\n');
  $('kv-now').value = out.headers['X-Api-TimeStamp'];
  kingdeeVerify();
}

// ------------------------------------------------------------ Weaver
const weaverInputs = () => [$('w-appid').value, $('w-secret').value, $('w-key').value];

function weaverSign() {
  guarded('w-error', 'w-results', () => {
    const ts = $('w-timestamp').value;
    const out = weaver.explain(...weaverInputs(), ts === '' ? undefined : ts);
    set('w-md5', out.md5Upper);
    set('w-plaintext', out.plaintext);
    set('w-sign', out.sign);
  });
  weaverVerify();
}

function weaverVerify() {
  const verdict = $('v-verdict');
  for (const id of ['v-plaintext', 'v-timestamp', 'v-age', 'v-md5', 'v-md5-got', 'v-md5-match']) set(id, '');
  const sign = $('v-sign').value;
  if (sign === '') {
    verdict.textContent = 'paste a received sign';
    verdict.className = 'verdict';
    showError('v-error', null);
    return;
  }
  const nowText = $('v-now').value;
  const now = nowText === '' ? Date.now() : Number(nowText);
  const windowMs = Number($('v-window').value);
  let verifier;
  try {
    set('v-md5', weaver.md5Upper($('w-appid').value, $('w-secret').value));
    verifier = new weaver.Verifier(...weaverInputs(), { windowMs });
    // What the sign holds and what the server would say, without remembering it.
    const seen = verifier.inspect(sign, now);
    set('v-plaintext', seen.plaintext);
    if (seen.timestampMs === null) {
      set('v-timestamp', 'none: the plaintext does not start with "<digits>_"');
    } else {
      const date = new Date(Number(seen.timestampMs));
      set('v-timestamp', `${seen.timestampMs} (${Number.isNaN(date.getTime()) ? 'not a date' : date.toISOString()})`);
    }
    set('v-age', seen.ageMs === null ? '' : ageText(seen.ageMs));
    set('v-md5-got', seen.md5Upper ?? 'none');
    set('v-md5-match', seen.md5Matches ? 'yes' : 'no');
    if (seen.ok) {
      verdict.textContent = 'valid: the server would accept this sign (once)';
      verdict.className = 'verdict ok';
      showError('v-error', null);
    } else {
      verdict.textContent = `refused: ${seen.error.kind}`;
      verdict.className = 'verdict bad';
      showError('v-error', seen.error);
    }
  } catch (error) {
    verdict.textContent = `refused: ${error.kind ?? error.name}`;
    verdict.className = 'verdict bad';
    showError('v-error', error);
  } finally {
    verifier?.free();
  }
}

/** `60000 ms (1 min 0 s ago)`, or `… in the future` for a negative age. */
function ageText(ageMs) {
  const ms = Number(ageMs);
  const abs = Math.abs(ms);
  const minutes = Math.floor(abs / 60000);
  const seconds = Math.floor((abs % 60000) / 1000);
  const human = minutes > 0 ? `${minutes} min ${seconds} s` : `${(abs / 1000).toFixed(abs < 10000 ? 3 : 0)} s`;
  return `${ageMs} ms (${human} ${ms < 0 ? 'in the future' : 'ago'})`;
}

// ------------------------------------------------------------ Basic
function basicEncode() {
  guarded('b-error', 'b-results', () => {
    set('b-credentials', basic.credentials($('b-user').value, $('b-password').value));
    set('b-header', basic.authorizationHeader($('b-user').value, $('b-password').value));
  });
}

function basicDecode() {
  guarded('b-dec-error', 'b-dec-results', () => {
    const out = basic.parseAuthorization($('b-auth').value);
    set('b-dec-user', out.user);
    set('b-dec-password', out.password);
  });
}

// ------------------------------------------------------------ wiring
const forms = {
  'app-form': appSignature,
  'req-form': request,
  'kv-form': kingdeeVerify,
  'w-form': weaverSign,
  'v-form': weaverVerify,
  'b-form': basicEncode,
  'b-dec-form': basicDecode,
};
for (const [id, run] of Object.entries(forms)) {
  $(id).addEventListener('input', run);
  $(id).addEventListener('change', run);
  $(id).addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
}
$('req-copy').addEventListener('click', copyCurl);
$('kv-use-request').addEventListener('click', useSignedRequest);
$('kv-reveals').addEventListener('toggle', kingdeeVerify);
$('v-use-sign').addEventListener('click', () => {
  $('v-sign').value = $('w-sign').textContent;
  weaverVerify();
});

for (const run of Object.values(forms)) run();
$('status').textContent = 'Ready. Results update as you type.';
document.body.dataset.ready = 'true';
