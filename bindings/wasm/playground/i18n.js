// The playground's two languages. English is the page's own text (index.html): each element
// marked `data-i18n` (its text) or `data-i18n-html` (markup of ours, with <code>) keeps its
// English when the page loads, and ZH below holds the Chinese. Texts the script writes come
// from `t(key)`. The doctor's explanations come from the core, in both languages.

/** Chinese for the marked elements, by key. */
const ZH = {
  title: 'qianming 在线演练 — 金蝶、金蝶云星空、泛微、泛微 E9、Basic、企业微信、钉钉、飞书、用友签名详解',
  h1: 'qianming 在线演练',
  intro: '金蝶、金蝶云星空、泛微、泛微 e-cology 9、Basic、企业微信、钉钉、飞书和用友签名由本页中的 qianming WebAssembly 模块计算。不发送任何数据：没有服务器，没有网络请求，密钥只留在本页。',
  'nav.app': '金蝶 app_signature',
  'nav.request': '金蝶请求签名',
  'nav.kv': '金蝶验签',
  'nav.doctor': '签名医生',
  'nav.ws': '泛微 sign',
  'nav.wv': '泛微验签',
  'nav.basic': 'Basic 认证',
  'status.loading': '正在加载 WebAssembly 模块…',
  'app.h2': '金蝶 <code>app_signature</code>',
  'app.hint': 'Base64( hex( HMAC-SHA256(密钥 = app secret, 消息 = app key) ) )',
  'l.app_key': 'app key',
  'l.app_secret': 'app secret',
  'd.hmac': 'HMAC 十六进制',
  'req.h2': '金蝶请求签名（<code>X-Api-Signature</code>）',
  'req.hint':
    '查询参数：每行一个，<code>name=value</code>（在第一个 <code>=</code> 处拆分，不编码）。额外签名请求头：每行一个，<code>Name: value</code>；没有冒号的名字表示没有值。时间戳留空 = 当前时间，nonce 留空 = 随机。',
  'l.client_id': 'client id（客户端 ID）',
  'l.client_secret': 'client secret（客户端密钥）',
  'l.method': '请求方法',
  'l.path': '路径',
  'l.query': '查询参数',
  'l.extra_headers': '额外签名请求头',
  'l.timestamp': '时间戳（毫秒）',
  'l.nonce': 'nonce（随机数）',
  'l.base_url': '基础 URL（用于 curl）',
  'l.theirs': '你的客户端的待签名字符串（可选：从日志粘贴，查看差异所在）',
  'd.canonical_path': '规范化路径',
  'd.canonical_query': '规范化查询串',
  'd.signed_headers': '签名请求头',
  'd.string_to_sign': '待签名字符串',
  'd.compare': '与你的对比',
  'd.signature': '签名',
  'd.wire_query': '线上查询串',
  'd.headers': '请求头',
  'b.copy': '复制为 curl',
  'kv.h2': '金蝶验签（收到的请求为什么被拒绝？）',
  'kv.hint':
    '按服务端收到的样子填写请求：请求目标（路径和查询串，仍为编码形式）和请求头，每行一个，<code>Name: value</code>。显示验签器重建的内容及其结论，与 <code>Verifier.diagnose</code> 相同：可以记录日志或告诉客户端，其中从不包含期望的签名。签名医生再指出客户端犯了哪种错误。这里不记录重放。',
  'l.target': '请求目标（按收到的原样）',
  'l.headers': '请求头',
  'l.now': '当前时间（毫秒，留空 = 现在）',
  'l.window': '有效期窗口（毫秒）',
  'l.lenient': '接受参数名为空的查询参数（与厂商网关一样宽松）',
  'b.use_request': '使用上面签好的请求',
  'd.verdict': '结论',
  'd.doctor': '签名医生',
  'kv.reveals': '显示期望的签名 — 仅供调试',
  'kv.reveals_hint':
    '这个请求应当携带的签名，来自 <code>Verifier.explainRevealingSignature</code>。只用于调试你自己的客户端：切勿返回给客户端，否则任何人都能伪造请求。',
  'd.expected_signature': '期望的签名',
  'd.received_signature': '收到的签名',
  'doc.h2': '签名医生：粘贴一个请求',
  'doc.hint':
    '按你手头的样子粘贴请求：<code>curl</code> 命令（浏览器的“复制为 cURL”）、原始 HTTP 请求（请求行、请求头、空行、请求体）或 HAR 条目。由核心库解析，按每种已知的客户端错误重新计算签名，并指出哪一种能复现 <code>X-Api-Signature</code>。',
  'l.format': '格式',
  'l.pasted': '粘贴的请求',
  'b.use_curl': '使用上面签好的请求的 curl',
  'd.mistakes': '错误',
  'd.time_difference': '时间差',
  'd.request': '请求',
  'd.client_string_to_sign': '客户端签名的字符串',
  'ws.h2': '泛微 sign（泛微 token）',
  'ws.hint': 'hex( AES/ECB/PKCS#7(密钥 = AES 密钥, "时间戳_" + MD5(appid:secret) 大写) )',
  'l.secret': 'secret（密钥）',
  'l.aes_key': 'AES 密钥（16、24 或 32 个 UTF-8 字节）',
  'l.timestamp_now': '时间戳（毫秒，留空 = 现在）',
  'd.md5_upper': 'MD5（大写）',
  'd.plaintext': '明文',
  'wv.h2': '泛微验签（解密收到的 sign）',
  'wv.hint':
    '使用上面的 appid、secret 和 AES 密钥。解密 sign 并显示其中内容（时间戳、时长、其中的 MD5 以及是否与该 appid 和 secret 相符），再给出服务端的结论及原因。这里不记录重放。',
  'l.received_sign': '收到的 sign（十六进制）',
  'b.use_sign': '使用上面的 sign',
  'd.timestamp': '时间戳',
  'd.age': '时长',
  'd.md5_got': 'sign 中的 MD5',
  'd.md5_expected': '期望的 MD5',
  'd.md5_match': 'MD5 是否相符',
  'b.h2': 'Basic 凭据（Apusic 金蝶天燕，RFC 7617）',
  'l.user': '用户名',
  'l.password': '密码',
  'd.credentials': '凭据',
  'l.received_auth': '收到的 Authorization 请求头',
  'nav.wecom': '企业微信回调',
  'nav.bots': '钉钉 / 飞书机器人',
  'nav.yonyou': '用友 token',
  'wc.h2': '企业微信回调：验签并解密（WXBizMsgCrypt）',
  'wc.hint':
    '企业微信、微信公众号或钉钉的回调，按你的服务端收到的样子填写：查询参数 <code>msg_signature</code>、<code>timestamp</code>、<code>nonce</code> 和 <code>Encrypt</code> 密文（或验证 URL 时的 <code>echostr</code>），均为 URL 解码后的值。先校验签名，再解密消息。已填入腾讯的示例。',
  'l.receive_id': 'receive id（企业 ID、AppID 或 SuiteID）',
  'l.timestamp_s': '时间戳（秒）',
  'l.encrypt': 'Encrypt 密文（或 echostr）',
  'd.computed_signature': 'msg_signature（由 Token 计算）',
  'wc.reveals_hint': '这些值应当携带的 <code>msg_signature</code>，来自 <code>wecom.msgSignature</code>。仅供调试：切勿发给任何人。',
  'd.message': '消息',
  'bot.h2': '钉钉和飞书机器人加签',
  'bot.hint':
    '钉钉机器人：Base64( HMAC-SHA256(密钥 = secret, timestamp_ms + "\\n" + secret) )，URL 编码后放在 webhook 的查询参数中。飞书机器人：Base64( HMAC-SHA256(密钥 = timestamp_s + "\\n" + secret, 空消息) )，放在 JSON 请求体中。时间戳留空 = 现在。',
  'l.dingtalk_secret': '钉钉机器人密钥（SEC…）',
  'd.sign_urlencoded': 'sign（URL 编码）',
  'd.webhook_query': 'webhook 查询参数',
  'l.feishu_secret': '飞书机器人密钥',
  'l.timestamp_s_now': '时间戳（秒，留空 = 现在）',
  'd.body_fields': '请求体字段',
  'yy.h2': '用友 YonBIP token 签名',
  'yy.hint':
    'Base64( HMAC-SHA256(密钥 = appSecret, "appKey" + appKey + "timestamp" + timestamp_ms) )，URL 编码后放在 <code>GET &lt;token URL&gt;?appKey=…&amp;timestamp=…&amp;signature=…</code> 中。token URL 留空 = 公有云的地址。',
  'l.token_url': 'token URL（留空 = 公有云）',
  'd.signature_urlencoded': 'signature（URL 编码）',
  'nav.k3cloud': '金蝶云星空 WebAPI',
  'nav.ecology': '泛微 E9 token',
  'k3.h2': '金蝶云星空 WebAPI 签名调用',
  'k3.hint':
    '用第三方系统登录授权的四个值（账套 ID、用户名、AppID 和 AppSecret）生成 Java SDK 的签名请求头，用于 <code>POST</code> 到某个 <code>….common.kdsvc</code> 服务。AppID 中含有 API 网关的 client id 以及经过掩码的 <code>X-Api-Signature</code> 密钥；<code>X-Kd-Signature</code> 用 AppSecret 计算。时间戳按毫秒填写，按所选单位发送：ms 同 Java SDK，s 同 Python、PHP、Node 和 Go SDK。时间戳留空 = 现在；LCID 或组织编码留空 = 本包的默认值。',
  'l.acct_id': '账套 ID（acct id）',
  'l.user_name': '用户名',
  'l.org_num': '组织编码',
  'l.body': '请求体（JSON）',
  'l.timestamp_unit': '时间戳单位（发送时）',
  'd.client_id': '网关 client id',
  'd.timestamp_sent': '发送的时间戳',
  'd.app_data': 'app data（应用数据）',
  'k3.reveals': '显示密钥 — 仅供调试',
  'k3.reveals_hint':
    'AppID 中携带的网关密钥，按 Java SDK 的方式去掉掩码（<code>k3cloud.gatewayCredentials</code>）：即 <code>X-Api-Signature</code> 的密钥。拿到它的人都能以这个客户端的身份签名调用：不要写进日志、工单或截图。',
  'd.gateway_secret': '网关密钥',
  'k3l.hint':
    '或者只登录一次：同一账套 ID、用户名、AppID 和 AppSecret 的 <code>LoginBySign</code> 签名，时间戳以秒为单位：五个文本排序后拼接的 SHA-256 十六进制（PT-146911 之前的服务器用 SHA-1）。',
  'l.hash': '哈希算法',
  'ec.h2': '泛微 e-cology 9 OpenAPI token（泛微 E9）',
  'ec.hint':
    '服务端公钥 <code>spk</code>，即 <code>regist</code> 接口返回的值：RSA SubjectPublicKeyInfo 的 Base64（换行会被跳过；PEM 头尾会被拒绝）。申请 token 时，把注册得到的 <code>secrit</code> 用它加密（RSA PKCS#1 v1.5）放在 <code>secret</code> 请求头中；每次调用都同样加密用户 ID。填充是随机的：本包每次加密都抽取新的种子，所以加密后的请求头每次都不同。已填入泛微 token 认证文档中的公钥和 secrit。',
  'd.key_bits': '密钥长度（位）',
  'd.max_plaintext': '最长明文（UTF-8 字节）',
  'l.oa_base_url': 'e-cology 基础 URL',
  'l.secrit': 'secrit（注册接口返回）',
  'l.time_s': 'time（有效期秒数，可留空）',
  'b.encrypt_again': '重新加密（新的随机填充）',
  'l.userid': '用户 ID（OA）',
  'd.call_headers': '调用请求头',
};

/** Texts the script writes, in both languages (`{name}` is filled in by `t`). */
const TEXTS = {
  en: {
    ready: 'Ready. Results update as you type.',
    refused: 'Refused: ',
    'refused.verdict': 'refused: ',
    'kv.valid': 'valid: the gateway would accept this request (once)',
    'v.valid': 'valid: the server would accept this sign (once)',
    'v.paste': 'paste a received sign',
    'doc.paste': 'paste a request',
    copied: 'Copied.',
    selected: 'Selected: press Ctrl+C / ⌘C to copy.',
    yes: 'yes',
    no: 'no',
    none: 'none',
    'no.timestamp': 'none: the plaintext does not start with "<digits>_"',
    'not.date': 'not a date',
    ago: 'ago',
    future: 'in the future',
    identical: 'Identical: your client builds the same string to sign.',
    differs: 'Differs in {part} (line {line}, column {column}): expected {expected}, yours has {pasted}',
    method: 'the method',
    canonical_path: 'the canonical path',
    canonical_query: 'the canonical query',
    header_line: 'a header line',
    'time.past': '{ms} ms (the timestamp lies in the past)',
    'time.future': '{ms} ms (the timestamp lies in the future)',
    'wc.valid': 'valid: the signature matches and the message decrypts for this receive id',
  },
  zh: {
    ready: '就绪。输入时结果即时更新。',
    refused: '被拒绝：',
    'refused.verdict': '拒绝：',
    'kv.valid': '有效：网关会接受这个请求（仅一次）',
    'v.valid': '有效：服务端会接受这个 sign（仅一次）',
    'v.paste': '请粘贴收到的 sign',
    'doc.paste': '请粘贴一个请求',
    copied: '已复制。',
    selected: '已选中：按 Ctrl+C / ⌘C 复制。',
    yes: '是',
    no: '否',
    none: '无',
    'no.timestamp': '无：明文不是以“<数字>_”开头',
    'not.date': '不是日期',
    ago: '之前',
    future: '之后（未来）',
    identical: '完全相同：你的客户端构造的待签名字符串一致。',
    differs: '在{part}处不同（第 {line} 行，第 {column} 列）：期望 {expected}，你的是 {pasted}',
    method: '请求方法',
    canonical_path: '规范化路径',
    canonical_query: '规范化查询串',
    header_line: '请求头行',
    'time.past': '{ms} 毫秒（时间戳在过去）',
    'time.future': '{ms} 毫秒（时间戳在未来）',
    'wc.valid': '有效：签名相符，消息可用此 receive id 解密',
  },
};

/** What to do about each refusal, shown under the core's own message. */
const ADVICE = {
  en: {
    empty_secret: 'Fill in the secret: an empty secret would sign with an empty key.',
    invalid_timestamp: 'Use whole milliseconds since 1970 as plain digits (e.g. 1700000000000).',
    invalid_header_value: 'Header values must be visible ASCII, without line breaks or leading/trailing spaces.',
    invalid_header_name: "Header names are HTTP tokens: letters, digits and !#$%&'*+-.^_`|~ only.",
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
    signature_mismatch:
      "X-Api-Signature is not the one of this request and secret (gateway: HTTP 519). The doctor's verdict says which mistake the client made.",
    missing_header: 'A header the gateway needs (or one X-Api-SignHeaders names) is missing.',
    unsupported_auth_version: 'X-Api-Auth-Version must be 2.0.',
    invalid_signed_headers: 'X-Api-SignHeaders must name X-Api-Nonce and X-Api-TimeStamp, each header once.',
    unsigned_query_data:
      'A query pair without a name is not covered by the signature; remove it (or accept it as the vendor gateway does).',
    invalid_percent_encoding: 'A "%" must be followed by two hex digits.',
    invalid_user_name: 'RFC 7617 forbids ":" in the user name: the server would split there.',
    invalid_scheme: 'Expected "Basic <credentials>".',
    invalid_base64: 'The credentials must be strict, padded, standard Base64.',
    missing_separator: 'The decoded credentials need a ":" between user and password.',
    invalid_field: 'The pasted text is not a request of that format (curl command, raw HTTP request or HAR entry).',
    invalid_json: 'The HAR is not valid JSON: paste the whole entry as exported.',
    // Scoped to a section (`scope:kind`), where the general advice would mislead.
    'wecom:invalid_timestamp': 'The timestamp query parameter is whole seconds since 1970, plain digits.',
    'wecom:invalid_key_length': 'The EncodingAESKey is exactly 43 characters, as the admin console shows it.',
    'wecom:invalid_base64': 'The EncodingAESKey and the Encrypt text are standard Base64; URL-decode the query values first.',
    'wecom:undecryptable': 'The Encrypt text was not made with this EncodingAESKey.',
    'wecom:sign_mismatch': 'The message was encrypted for another receive id: use the corp id, app id or suite id it was sent to.',
    'wecom:signature_mismatch':
      'msg_signature does not match the Token, timestamp, nonce and Encrypt text: check the Token, and URL-decode the values.',
    'feishu:invalid_timestamp': 'The Feishu timestamp is whole seconds since 1970, plain digits.',
    'yonyou:invalid_url': 'The token URL is an http(s) URL without a query.',
    'yonyou:invalid_field': 'Fill in the appKey.',
    'k3cloud:empty_secret': 'Fill in the AppSecret shown with the AppID on the third-party login authorisation (第三方系统登录授权).',
    'k3cloud:invalid_field':
      'Fill in the account id and user name; neither may hold a comma, nor may the organisation number (X-Kd-Appdata is comma-separated). The AppID is "<client id>_<part>", copied whole; the LCID is a whole number.',
    'k3cloud:invalid_base64': 'The part of the AppID after "_" is not the Base64 Kingdee issues: copy the AppID whole.',
    'k3cloud:invalid_url':
      'The URL is the service\'s full http(s) address (…/Kingdee.BOS.WebApi.ServicesStub.….common.kdsvc), without spaces or a #fragment.',
    'k3login:invalid_timestamp': 'The LoginBySign timestamp is whole seconds since 1970, plain digits.',
    'ecology:invalid_base64':
      'Give the spk as the regist answer has it: bare standard Base64, without the -----BEGIN / -----END lines of a PEM file and without URL-safe "-" or "_".',
    'ecology:invalid_field':
      'The spk must be a whole RSA public key as the regist answer gives it (not a PKCS#1 key, not another algorithm); the appid, token and user id must be filled in.',
    'ecology:empty_secret': 'Fill in the secrit (sic) of the regist answer.',
    'ecology:invalid_url': 'The base URL is e-cology\'s http(s) address without a query, e.g. http://oa.example.com:8080.',
    'ecology:invalid_timestamp': 'The time header is a token lifetime in whole seconds, plain digits (or leave it empty).',
    'ecology:input_too_large': 'The text is longer than one RSA block takes: see the longest text above.',
  },
  zh: {
    empty_secret: '请填写密钥：空密钥相当于用空的键签名。',
    invalid_timestamp: '请使用自 1970 年起的整数毫秒，只写数字（例如 1700000000000）。',
    invalid_header_value: '请求头的值必须是可见的 ASCII 字符，不能有换行，首尾不能有空格。',
    invalid_header_name: "请求头名字是 HTTP token：只能是字母、数字和 !#$%&'*+-.^_`|~。",
    missing_header_value: '请给这个请求头一个值（"Name: value"），或从列表中删去。',
    reserved_header: 'X-Api-* 请求头由签名器自己设置；不要把它们列为额外请求头。',
    duplicate_header: '每个额外请求头只列一次（名字不区分大小写）。',
    duplicate_query_name: '网关对每个参数名只保留一个值：每个查询参数名只给一次。',
    unsupported_method: '请使用 GET、POST、PUT、DELETE、HEAD、PATCH 或 OPTIONS。',
    invalid_unicode: '文本不是有效的 Unicode。',
    input_too_large: '输入超出了 qianming 接受的大小。',
    invalid_key_length: 'AES 密钥必须是 16、24 或 32 个 UTF-8 字节（ASCII 字母算 1 个，“中”算 3 个）。',
    undecryptable: '这个 sign 不是用此 AES 密钥生成的十六进制（服务端：签名解密异常）。',
    malformed_sign: 'sign 能解密，但不是“<时间戳>_<MD5>”（服务端：appid或sign参数值异常）。',
    sign_mismatch: '其中的 MD5 来自另一个 appid 或 secret（服务端：appid或sign参数值异常）。',
    expired: 'sign 早于有效期窗口：请重新签名（服务端：签名已过期）。',
    future_timestamp: 'sign 的时间在未来：请检查客户端时钟（服务端：签名已过期）。',
    replayed: '每个 sign 只能用一次：请重新签名（服务端：禁用重复签名获取token）。',
    signature_mismatch: 'X-Api-Signature 与这个请求和密钥不符（网关：HTTP 519）。签名医生的结论会指出客户端犯了哪种错误。',
    missing_header: '缺少网关需要的请求头（或 X-Api-SignHeaders 列出的某个请求头）。',
    unsupported_auth_version: 'X-Api-Auth-Version 必须是 2.0。',
    invalid_signed_headers: 'X-Api-SignHeaders 必须包含 X-Api-Nonce 和 X-Api-TimeStamp，每个请求头只列一次。',
    unsigned_query_data: '没有参数名的查询参数不受签名保护；请删去（或像厂商网关那样接受它）。',
    invalid_percent_encoding: '"%" 后面必须跟两个十六进制数字。',
    invalid_user_name: 'RFC 7617 禁止用户名中出现 ":"：服务端会在那里拆分。',
    invalid_scheme: '应为 "Basic <凭据>"。',
    invalid_base64: '凭据必须是严格的、带填充的标准 Base64。',
    missing_separator: '解码后的凭据在用户名和密码之间需要一个 ":"。',
    invalid_field: '粘贴的文本不是该格式的请求（curl 命令、原始 HTTP 请求或 HAR 条目）。',
    invalid_json: 'HAR 不是有效的 JSON：请粘贴导出的完整条目。',
    'wecom:invalid_timestamp': 'timestamp 查询参数是自 1970 年起的整数秒，只写数字。',
    'wecom:invalid_key_length': 'EncodingAESKey 恰好 43 个字符，与管理后台显示的一致。',
    'wecom:invalid_base64': 'EncodingAESKey 和 Encrypt 密文都是标准 Base64；请先对查询参数做 URL 解码。',
    'wecom:undecryptable': '这段 Encrypt 密文不是用此 EncodingAESKey 加密的。',
    'wecom:sign_mismatch': '消息是为另一个 receive id 加密的：请使用它发往的企业 ID、AppID 或 SuiteID。',
    'wecom:signature_mismatch': 'msg_signature 与 Token、timestamp、nonce 和 Encrypt 密文不符：请检查 Token，并对各值做 URL 解码。',
    'feishu:invalid_timestamp': '飞书的时间戳是自 1970 年起的整数秒，只写数字。',
    'yonyou:invalid_url': 'token URL 必须是不带查询参数的 http(s) URL。',
    'yonyou:invalid_field': '请填写 appKey。',
    'k3cloud:empty_secret': '请填写 AppSecret：它和 AppID 一起显示在第三方系统登录授权中。',
    'k3cloud:invalid_field':
      '请填写账套 ID 和用户名；它们和组织编码都不能含有逗号（X-Kd-Appdata 以逗号分隔）。AppID 形如“<client id>_<部分>”，请完整复制；LCID 是整数。',
    'k3cloud:invalid_base64': 'AppID 中“_”后面的部分不是金蝶签发的 Base64：请完整复制 AppID。',
    'k3cloud:invalid_url': 'URL 是服务的完整 http(s) 地址（…/Kingdee.BOS.WebApi.ServicesStub.….common.kdsvc），不能有空格或 #片段。',
    'k3login:invalid_timestamp': 'LoginBySign 的时间戳是自 1970 年起的整数秒，只写数字。',
    'ecology:invalid_base64': '请按 regist 接口返回的样子填写 spk：纯标准 Base64，不要 PEM 文件的 -----BEGIN / -----END 行，也不要 URL 安全的“-”或“_”。',
    'ecology:invalid_field': 'spk 必须是 regist 接口返回的完整 RSA 公钥（不是 PKCS#1 公钥，也不是其他算法）；appid、token 和用户 ID 都必须填写。',
    'ecology:empty_secret': '请填写 regist 接口返回的 secrit（原文如此拼写）。',
    'ecology:invalid_url': '基础 URL 是 e-cology 的 http(s) 地址，不带查询参数，例如 http://oa.example.com:8080。',
    'ecology:invalid_timestamp': 'time 请求头是 token 有效期，整数秒，只写数字（或留空）。',
    'ecology:input_too_large': '文本超过了一个 RSA 块能容纳的长度：见上面的最长明文。',
  },
};

let language = 'en';

/** The language in use: `en` or `zh`. */
export function currentLanguage() {
  return language;
}

/** The language to start in: `?lang=` when given, else the browser's (zh for zh-*). */
export function initialLanguage() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'en' || asked === 'zh') return asked;
  return (navigator.language ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** A text the script writes, in the current language, with `{name}`s filled from `values`. */
export function t(key, values = {}) {
  const template = TEXTS[language][key] ?? TEXTS.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
}

/** What to do about a refusal of `kind` in the section `scope` (its own advice first), or undefined. */
export function advice(kind, scope) {
  const table = ADVICE[language];
  return (scope === undefined ? undefined : table[`${scope}:${kind}`]) ?? table[kind];
}

/** Switches every marked element to `lang`, remembering the English of each on first use. */
export function applyLanguage(lang) {
  language = lang === 'zh' ? 'zh' : 'en';
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  for (const element of document.querySelectorAll('[data-i18n]')) {
    const node = [...element.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== '');
    if (node === undefined) continue;
    element.dataset.en ??= node.textContent;
    node.textContent = language === 'zh' ? (ZH[element.dataset.i18n] ?? element.dataset.en) : element.dataset.en;
  }
  for (const element of document.querySelectorAll('[data-i18n-html]')) {
    element.dataset.en ??= element.innerHTML;
    // Markup of this file or of the page itself, never text from an input.
    element.innerHTML = language === 'zh' ? (ZH[element.dataset.i18nHtml] ?? element.dataset.en) : element.dataset.en;
  }
}
