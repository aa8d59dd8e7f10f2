// The playground page: form values in, the package's results and refusals out. Every value
// shown is computed by the qianming WebAssembly module (the signature doctor's verdicts and
// explanations too); this file only moves text around. Texts in two languages: i18n.js.
// The main module and the subpath modules the page uses ('qianming/doctor', …), each its own .wasm.
import { basic, http, kingdee, weaver } from '../js/browser.js';
import { doctor } from '../js/doctor/browser.js';
import { ecology } from '../js/ecology/browser.js';
import { k3cloud } from '../js/k3cloud/browser.js';
import { dingtalk, feishu, wecom, yonyou } from '../js/messaging/browser.js';
import { advice, applyLanguage, currentLanguage, initialLanguage, t } from './i18n.js';

const $ = (id) => document.getElementById(id);

/** Shows `error` (or clears the box for `null`), with advice for the section `scope`. */
function showError(id, error, scope) {
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
  title.append(t('refused'), kind);
  const message = document.createElement('div');
  message.className = 'message';
  message.textContent = error.message;
  box.append(title, message);
  const what = advice(error.kind, scope);
  if (what) {
    const line = document.createElement('div');
    line.className = 'advice';
    line.textContent = what;
    box.append(line);
  }
  box.classList.add('shown');
}

/** Runs `fn`; on a refusal, shows it (advice for `scope`) and greys out the previous results. */
function guarded(errorId, resultsId, fn, scope) {
  try {
    fn();
    showError(errorId, null);
    $(resultsId).classList.remove('stale');
  } catch (error) {
    showError(errorId, error, scope);
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

/** Fills the table `id` with one row per (name, value) pair. */
function showPairs(id, pairs) {
  const table = $(id);
  table.replaceChildren();
  for (const [name, value] of pairs) {
    const row = table.insertRow();
    row.insertCell().textContent = name;
    row.insertCell().textContent = value;
  }
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


/**
 * Where a pasted string to sign first differs from the one qianming built, and the mistake
 * that difference is typical of: the core's doctor (`doctor.compareStringToSign`) decides,
 * this only words it.
 */
function compareStringToSign(expected, pasted) {
  if (pasted === '') return '';
  const c = doctor.compareStringToSign(expected, pasted);
  if (c.identical) return t('identical');
  const where = t('differs', {
    part: t(c.part),
    line: c.line,
    column: c.column,
    expected: JSON.stringify(c.expectedExcerpt),
    pasted: JSON.stringify(c.pastedExcerpt),
  });
  return c.mistake === null ? `${where}.` : `${where} — ${c.mistake}: ${explanationOf(c)}`;
}

/** A doctor's explanation in the page's language. */
function explanationOf(found) {
  return currentLanguage() === 'zh' ? found.explanationZh : found.explanation;
}

/** Shows a doctor's verdict (its stable name) and explanation; clears them for `null`. */
function showVerdict(verdictId, explanationId, found) {
  const verdict = $(verdictId);
  verdict.textContent = found?.verdict ?? '';
  verdict.className = found === null ? 'verdict' : `verdict ${found.verdict === 'valid' ? 'ok' : 'bad'}`;
  set(explanationId, found === null ? '' : explanationOf(found));
}

/** A doctor's time difference: positive when the timestamp lies in the past. */
function timeText(differenceMs) {
  if (differenceMs === null) return '';
  const ms = Number(differenceMs);
  return t(ms < 0 ? 'time.future' : 'time.past', { ms: Math.abs(ms) });
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
    showPairs('req-headers-out', Object.entries(out.headers));
    // The core renders the command (and refuses a URL or header that could not travel).
    const base = $('req-base-url').value.replace(/\/+$/, '');
    const sent = [...Object.entries(out.headers), ...extra];
    curl = http.toCurl({ method: out.method, url: base + out.pathAndQuery, headers: sent });
    set('req-curl', curl);
    set('req-copied', '');
    lastSigned = out;
  });
}

async function copyCurl() {
  try {
    await navigator.clipboard.writeText(curl);
    set('req-copied', t('copied'));
  } catch {
    const range = document.createRange();
    range.selectNodeContents($('req-curl'));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    set('req-copied', t('selected'));
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
  showVerdict('kv-doctor', 'kv-doctor-explanation', null);
  let verifier;
  try {
    const nowText = $('kv-now').value;
    verifier = new kingdee.Verifier($('kv-secret').value, {
      windowMs: Number($('kv-window').value),
      lenientQuery: $('kv-lenient').checked,
    });
    const request = receivedRequest();
    const now = nowText === '' ? Date.now() : Number(nowText);
    const d = verifier.diagnose(request, now);
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
    kingdeeDoctor(request, now);
    if (d.ok) {
      verdict.textContent = t('kv.valid');
      verdict.className = 'verdict ok';
      showError('kv-error', null);
    } else {
      verdict.textContent = `${t('refused.verdict')}${d.error.kind}`;
      verdict.className = 'verdict bad';
      showError('kv-error', d.error);
    }
  } catch (error) {
    verdict.textContent = `${t('refused.verdict')}${error.kind ?? error.name}`;
    verdict.className = 'verdict bad';
    showError('kv-error', error);
  } finally {
    verifier?.free();
  }
}

/**
 * Which client mistake reproduces the request's signature; nothing when the request lacks
 * what the doctor needs (a missing signature: the verifier's refusal says so).
 */
function kingdeeDoctor(request, now) {
  try {
    const windowMs = Number($('kv-window').value);
    showVerdict('kv-doctor', 'kv-doctor-explanation', doctor.kingdee($('kv-secret').value, request, { nowMs: now, windowMs }));
  } catch {
    showVerdict('kv-doctor', 'kv-doctor-explanation', null);
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
  showVerdict('v-doctor', 'v-doctor-explanation', null);
  const sign = $('v-sign').value;
  if (sign === '') {
    verdict.textContent = t('v.paste');
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
    showVerdict('v-doctor', 'v-doctor-explanation', doctor.weaver(...weaverInputs(), sign, { nowMs: now, windowMs }));
    set('v-plaintext', seen.plaintext);
    if (seen.timestampMs === null) {
      set('v-timestamp', t('no.timestamp'));
    } else {
      const date = new Date(Number(seen.timestampMs));
      set('v-timestamp', `${seen.timestampMs} (${Number.isNaN(date.getTime()) ? t('not.date') : date.toISOString()})`);
    }
    set('v-age', seen.ageMs === null ? '' : ageText(seen.ageMs));
    set('v-md5-got', seen.md5Upper ?? t('none'));
    set('v-md5-match', seen.md5Matches ? t('yes') : t('no'));
    if (seen.ok) {
      verdict.textContent = t('v.valid');
      verdict.className = 'verdict ok';
      showError('v-error', null);
    } else {
      verdict.textContent = `${t('refused.verdict')}${seen.error.kind}`;
      verdict.className = 'verdict bad';
      showError('v-error', seen.error);
    }
  } catch (error) {
    verdict.textContent = `${t('refused.verdict')}${error.kind ?? error.name}`;
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
  return `${ageMs} ms (${human} ${ms < 0 ? t('future') : t('ago')})`;
}

// ------------------------------------------------------------ the signature doctor
function doctorPasted() {
  for (const id of ['doc-mistakes', 'doc-time', 'doc-request']) set(id, '');
  for (const id of ['doc-string-to-sign', 'doc-client-string-to-sign']) $(id).replaceChildren();
  showVerdict('doc-verdict', 'doc-explanation', null);
  const pasted = $('doc-text').value;
  if (pasted.trim() === '') {
    $('doc-verdict').textContent = t('doc.paste');
    showError('doc-error', null);
    return;
  }
  guarded('doc-error', 'doc-results', () => {
    const nowText = $('doc-now').value;
    const p = doctor.kingdeePasted($('doc-secret').value, pasted, {
      format: $('doc-format').value,
      nowMs: nowText === '' ? Date.now() : Number(nowText),
    });
    const r = p.report;
    showVerdict('doc-verdict', 'doc-explanation', r);
    set('doc-mistakes', r.mistakes.join(', '));
    set('doc-time', timeText(r.timeDifferenceMs));
    set('doc-request', `${p.method} ${p.target}`);
    showLines('doc-string-to-sign', r.stringToSign);
    if (r.clientStringToSign !== null) showLines('doc-client-string-to-sign', r.clientStringToSign);
  });
}

/** The curl command of the signed request above, with the time it was signed at as "now". */
function useSignedCurl() {
  if (lastSigned === null) return;
  $('doc-secret').value = $('req-secret').value;
  $('doc-text').value = curl;
  $('doc-format').value = 'detect';
  $('doc-now').value = lastSigned.headers['X-Api-TimeStamp'];
  doctorPasted();
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

// ------------------------------------------------------------ WeCom callback
function wecomCallback() {
  const verdict = $('wc-verdict');
  set('wc-computed', '');
  set('wc-message', '');
  const callback = {
    token: $('wc-token').value,
    encodingAesKey: $('wc-key').value,
    receiveId: $('wc-receive-id').value,
    timestamp: $('wc-timestamp').value,
    nonce: $('wc-nonce').value,
    encrypt: $('wc-encrypt').value,
    msgSignature: $('wc-signature').value,
  };
  try {
    // The signature these values should carry, only when its labelled part is open.
    if ($('wc-reveals').open) set('wc-computed', wecom.msgSignature(callback));
    set('wc-message', wecom.verifyAndDecrypt(callback));
    verdict.textContent = t('wc.valid');
    verdict.className = 'verdict ok';
    showError('wc-error', null, 'wecom');
  } catch (error) {
    verdict.textContent = `${t('refused.verdict')}${error.kind ?? error.name}`;
    verdict.className = 'verdict bad';
    showError('wc-error', error, 'wecom');
  }
}

// ------------------------------------------------------------ DingTalk and Feishu bots
function dingtalkSign() {
  guarded(
    'dt-error',
    'dt-results',
    () => {
      const typed = $('dt-timestamp').value;
      const timestamp = typed === '' ? Date.now() : digits(typed);
      const out = dingtalk.robotSign($('dt-secret').value, timestamp);
      set('dt-sign', out.sign);
      set('dt-sign-urlencoded', out.signUrlencoded);
      set('dt-query', `timestamp=${timestamp}&sign=${out.signUrlencoded}`);
    },
    'dingtalk',
  );
}

function feishuSign() {
  guarded(
    'fs-error',
    'fs-results',
    () => {
      const typed = $('fs-timestamp').value;
      const timestamp = typed === '' ? Math.floor(Date.now() / 1000) : digits(typed);
      const sign = feishu.botSign($('fs-secret').value, timestamp);
      set('fs-sign', sign);
      set('fs-body', JSON.stringify({ timestamp: String(timestamp), sign }));
    },
    'feishu',
  );
}

/** A typed timestamp: digits as a bigint (the core judges the range), anything else NaN (refused). */
const digits = (typed) => (/^\d+$/.test(typed) ? BigInt(typed) : NaN);

// ------------------------------------------------------------ Yonyou
function yonyouSign() {
  guarded(
    'yy-error',
    'yy-results',
    () => {
      const typed = $('yy-timestamp').value;
      const timestampMs = typed === '' ? Date.now() : digits(typed);
      const url = $('yy-url').value;
      const appKey = $('yy-app-key').value;
      const appSecret = $('yy-app-secret').value;
      const out = yonyou.signature(appKey, appSecret, timestampMs);
      const request = yonyou.tokenRequest({ tokenUrl: url === '' ? undefined : url, appKey, appSecret, timestampMs });
      set('yy-signature', out.signature);
      set('yy-signature-urlencoded', out.signatureUrlencoded);
      set('yy-curl', http.toCurl(request));
    },
    'yonyou',
  );
}

// ------------------------------------------------------------ Kingdee K3Cloud
/** A typed whole number (the LCID): digits as a number (the core judges the range), anything else NaN (refused). */
const whole = (typed) => (/^\d+$/.test(typed) ? Number(typed) : NaN);

/** The third-party login authorisation and locale of the form; empty LCID / org number = the package's default. */
function k3cloudIdentity() {
  const lcid = $('k3-lcid').value;
  const orgNum = $('k3-org').value;
  return {
    acctId: $('k3-acct').value,
    userName: $('k3-user').value,
    appId: $('k3-app-id').value,
    appSecret: $('k3-app-secret').value,
    lcid: lcid === '' ? undefined : whole(lcid),
    orgNum: orgNum === '' ? undefined : orgNum,
  };
}

function k3cloudSign() {
  set('k3-gateway-secret', '');
  guarded(
    'k3-error',
    'k3-results',
    () => {
      const typed = $('k3-timestamp').value;
      const call = {
        ...k3cloudIdentity(),
        url: $('k3-url').value,
        body: $('k3-body').value,
        timestampUnit: $('k3-unit').value,
        // One instant for the headers and the request, when the box is empty.
        timestampMs: typed === '' ? Date.now() : digits(typed),
      };
      const out = k3cloud.sign(call);
      const request = k3cloud.request(call);
      const gateway = k3cloud.gatewayCredentials(call.appId);
      set('k3-client-id', gateway.clientId);
      set('k3-timestamp-sent', out.timestamp);
      showLines('k3-string-to-sign', out.stringToSign);
      set('k3-api-signature', out.apiSignature);
      set('k3-app-data', out.appData);
      set('k3-kd-signature', out.kdSignature);
      set('k3-curl', http.toCurl(request));
      // The gateway secret, only when its labelled part is open.
      if ($('k3-reveals').open) set('k3-gateway-secret', gateway.gatewaySecret);
    },
    'k3cloud',
  );
  k3cloudLoginSign();
}

function k3cloudLoginSign() {
  guarded(
    'k3l-error',
    'k3l-results',
    () => {
      const typed = $('k3l-timestamp').value;
      const timestampS = typed === '' ? Math.floor(Date.now() / 1000) : digits(typed);
      const { acctId, userName, appId, appSecret } = k3cloudIdentity();
      const sign = k3cloud.loginSign({ acctId, userName, appId, appSecret, timestampS, hash: $('k3l-hash').value });
      set('k3l-timestamp-used', String(timestampS));
      set('k3l-sign', sign);
    },
    'k3login',
  );
}

// ------------------------------------------------------------ Weaver e-cology 9
/** The key's size, then the token request and the call headers (each encrypted with a fresh seed). */
function ecologyAll() {
  const spk = $('ec-spk').value;
  const appid = $('ec-appid').value;
  guarded(
    'ec-key-error',
    'ec-key-results',
    () => {
      const key = ecology.serverKey(spk);
      set('ec-bits', String(key.bits));
      set('ec-max-plaintext', String(key.maxPlaintextLen));
    },
    'ecology',
  );
  guarded(
    'ec-token-error',
    'ec-token-results',
    () => {
      const typed = $('ec-time').value;
      const request = ecology.applytokenRequest({
        baseUrl: $('ec-base-url').value,
        appid,
        spk,
        secrit: $('ec-secrit').value,
        timeS: typed === '' ? undefined : digits(typed),
      });
      set('ec-token-curl', http.toCurl(request));
    },
    'ecology',
  );
  guarded(
    'ec-call-error',
    'ec-call-results',
    () => showPairs('ec-call-headers', ecology.callHeaders({ appid, token: $('ec-token').value, spk, userid: $('ec-userid').value })),
    'ecology',
  );
}

// ------------------------------------------------------------ wiring
const forms = {
  'app-form': appSignature,
  'req-form': request,
  'kv-form': kingdeeVerify,
  'doc-form': doctorPasted,
  'w-form': weaverSign,
  'v-form': weaverVerify,
  'b-form': basicEncode,
  'b-dec-form': basicDecode,
  'wc-form': wecomCallback,
  'dt-form': dingtalkSign,
  'fs-form': feishuSign,
  'yy-form': yonyouSign,
  'k3-form': k3cloudSign,
  'k3l-form': k3cloudLoginSign,
  'ec-form': ecologyAll,
  'ec-token-form': ecologyAll,
  'ec-call-form': ecologyAll,
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
$('wc-reveals').addEventListener('toggle', wecomCallback);
$('k3-reveals').addEventListener('toggle', k3cloudSign);
$('ec-again').addEventListener('click', ecologyAll);
$('doc-use-request').addEventListener('click', useSignedCurl);
$('v-use-sign').addEventListener('click', () => {
  $('v-sign').value = $('w-sign').textContent;
  weaverVerify();
});

/** Shows the page in `lang` and words every result again in it. */
function switchLanguage(lang) {
  applyLanguage(lang);
  $('lang').value = currentLanguage();
  for (const run of new Set(Object.values(forms))) run();
  $('status').textContent = t('ready');
}
$('lang').addEventListener('change', () => switchLanguage($('lang').value));
// The public cloud's token URL, as the package has it (the default when the box is empty).
$('yy-url').placeholder = yonyou.defaultTokenUrl;
// K3Cloud's default locale, as the package has it (used when the box is empty).
$('k3-lcid').placeholder = String(k3cloud.defaultLcid);

switchLanguage(initialLanguage());
document.body.dataset.ready = 'true';
