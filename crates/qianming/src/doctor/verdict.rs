//! The doctor's verdicts: one table, whose stable names, codes and explanations in English and
//! Chinese are a public contract like the error kinds (docs/spec/doctor.md#verdicts).

macro_rules! verdicts {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $name:literal, [$($vendor:ident),+],
        $en:literal, $zh:literal; )*) => {
        /// What the doctor found a client did: the mistake that reproduces what it sent.
        ///
        /// Every verdict has a stable snake_case [`name`](Verdict::name) and numeric
        /// [`code`](Verdict::code), shared by every binding; verdicts are added, never renamed
        /// or renumbered. The table is docs/spec/doctor.md#verdicts (a test checks it against
        /// this one).
        #[non_exhaustive]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Verdict {
            $( $(#[$doc])* $variant, )*
        }

        impl Verdict {
            /// Every verdict, in code order.
            pub const ALL: &'static [Verdict] = &[ $( Verdict::$variant, )* ];

            /// The stable snake_case name.
            pub const fn name(self) -> &'static str {
                match self { $( Verdict::$variant => $name, )* }
            }

            /// The stable numeric code.
            pub const fn code(self) -> u32 {
                match self { $( Verdict::$variant => $code, )* }
            }

            /// What it means and what to do, in English.
            pub const fn explanation(self) -> &'static str {
                match self { $( Verdict::$variant => $en, )* }
            }

            /// What it means and what to do, in Chinese.
            pub const fn explanation_zh(self) -> &'static str {
                match self { $( Verdict::$variant => $zh, )* }
            }

            /// Whether the doctor of `vendor` can give this verdict.
            pub const fn applies_to(self, vendor: Vendor) -> bool {
                match self { $( Verdict::$variant => $( matches!(vendor, Vendor::$vendor) )||+, )* }
            }

            /// Looks a verdict up by its stable name.
            pub fn from_name(name: &str) -> Option<Verdict> {
                match name { $( $name => Some(Verdict::$variant), )* _ => None }
            }

            /// Looks a verdict up by its stable code.
            pub const fn from_code(code: u32) -> Option<Verdict> {
                match code { $( $code => Some(Verdict::$variant), )* _ => None }
            }
        }
    };
}

/// The systems that have a doctor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Vendor {
    /// The Kingdee gateway's request signature.
    Kingdee,
    /// The Weaver token sign.
    Weaver,
}

impl Vendor {
    /// The stable lower-case name (`kingdee`, `weaver`).
    pub const fn name(self) -> &'static str {
        match self {
            Vendor::Kingdee => "kingdee",
            Vendor::Weaver => "weaver",
        }
    }

    /// The verdicts this vendor's doctor can give, in code order.
    pub fn verdicts(self) -> impl Iterator<Item = Verdict> {
        Verdict::ALL
            .iter()
            .copied()
            .filter(move |v| v.applies_to(self))
    }
}

verdicts! {
    /// The signature is right and the timestamp inside the window.
    Valid = 1, "valid", [Kingdee, Weaver],
        "The signature is right and the timestamp is inside the window: the request is genuine.",
        "签名正确，时间戳在有效期内：请求有效。";
    /// No known mistake reproduces what the client sent.
    Unexplained = 2, "unexplained", [Kingdee, Weaver],
        "No known mistake reproduces what the client sent: most likely another secret (or, for Weaver, another appid or AES key), or a mistake the doctor does not know. Compare the client's parts with the canonical parts shown.",
        "没有任何已知错误能复现客户端发送的内容：最可能是密钥不同（泛微还可能是 appid 或 AES 密钥不同），或是医生尚不认识的错误。请把客户端的各部分与这里给出的规范化结果逐项对比。";
    /// The signature is right but the timestamp is older than the window.
    Expired = 3, "expired", [Kingdee, Weaver],
        "The signature is right but the timestamp is older than the window allows: the client's clock is behind, or the request was signed long before it was sent. Sign right before sending and keep the clock synchronised (NTP).",
        "签名正确，但时间戳早于有效期：客户端时钟偏慢，或签名后过了很久才发送。请在发送前即时签名，并保持时钟同步（NTP）。";
    /// The signature is right but the timestamp lies too far in the future.
    FromTheFuture = 4, "from_the_future", [Kingdee, Weaver],
        "The signature is right but the timestamp lies further in the future than the window allows: the client's clock is ahead. Synchronise it (NTP).",
        "签名正确，但时间戳超前于有效期：客户端时钟偏快。请同步时钟（NTP）。";
    /// The timestamp is in seconds (10 digits) and was signed as such.
    TimestampInSeconds = 5, "timestamp_in_seconds", [Kingdee, Weaver],
        "The timestamp is in seconds (10 digits); it must be milliseconds since the epoch (13 digits), e.g. System.currentTimeMillis(), not time() or Date.now()/1000.",
        "时间戳用了秒（10 位）；必须是自纪元起的毫秒数（13 位），例如 System.currentTimeMillis()，而不是 time() 或 Date.now()/1000。";
    /// Everything is right, but this exact request was already accepted once.
    Replayed = 6, "replayed", [Kingdee, Weaver],
        "The request is right but was already accepted once: each signed request works once (Kingdee: each client id and nonce; Weaver: each sign). Sign again, with a fresh nonce, for every request and every retry.",
        "请求正确，但已被接受过一次：每个签名请求只能使用一次（金蝶按 client id 与 nonce，泛微按 sign）。每次请求和每次重试都要重新签名（使用新的 nonce）。";
    /// Kingdee: the canonical query was encoded once, as on the wire, instead of twice.
    QueryEncodedOnce = 7, "query_encoded_once", [Kingdee],
        "The canonical query was encoded once, as it travels on the wire. The gateway encodes each name and value twice: URLEncoder first, then its own encoder again, so '=' in a value is signed as %253D and a space as %2B.",
        "规范化查询串只编码了一次（即线上传输的形式）。网关会对每个参数名和值编码两次：先 URLEncoder，再用网关自己的编码器编码一次，所以值中的 '=' 要签成 %253D，空格签成 %2B。";
    /// Kingdee: the canonical path was signed unencoded.
    PathNotEncoded = 8, "path_not_encoded", [Kingdee],
        "The path was signed as it is (/jdy/v2/...). The canonical path is the whole path percent-encoded, '/' included: %2Fjdy%2Fv2%2F...",
        "路径未编码就参与了签名（/jdy/v2/...）。规范化路径是对整个路径（包括 '/'）做百分号编码：%2Fjdy%2Fv2%2F...";
    /// Kingdee: spaces were encoded as `%20` instead of `+`.
    SpaceAsPercent20 = 9, "space_as_percent20", [Kingdee],
        "A space was encoded as %20 (RFC 3986, encodeURIComponent). The gateway's encoders write a space as '+': a space in the path is signed as '+', in a query value as %2B.",
        "空格被编码成了 %20（RFC 3986、encodeURIComponent 的做法）。网关的编码器把空格写成 '+'：路径中的空格签成 '+'，查询值中的空格签成 %2B。";
    /// Kingdee: the query pairs were signed in the order sent, not sorted.
    QueryUnsorted = 10, "query_unsorted", [Kingdee],
        "The query parameters were signed in the order they were sent. The canonical query sorts them by the bytes of their encoded name=value text.",
        "查询参数按发送顺序参与了签名。规范化查询串要按编码后的 name=value 文本的字节顺序排序。";
    /// Kingdee: the Base64 was taken over the hex written in upper case.
    HexUppercase = 11, "hex_uppercase", [Kingdee],
        "The HMAC was written as upper-case hex before Base64. The signature is Base64 of the lower-case hex of the HMAC.",
        "HMAC 先写成了大写十六进制再做 Base64。签名是 HMAC 的小写十六进制字符串的 Base64。";
    /// Kingdee: Base64 of the 32 HMAC bytes instead of its hex.
    Base64OfRawHmac = 12, "base64_of_raw_hmac", [Kingdee],
        "The signature is Base64 of the 32 raw HMAC bytes (44 characters). The gateway wants Base64 of the HMAC's 64 lower-case hex characters (88 characters).",
        "签名是对 HMAC 原始 32 字节做的 Base64（44 个字符）。网关要求对 HMAC 的 64 个小写十六进制字符做 Base64（88 个字符）。";
    /// Kingdee: header names were not lower-cased in the string to sign.
    HeaderNamesNotLowercased = 13, "header_names_not_lowercased", [Kingdee],
        "The header lines of the string to sign kept the names' capitals (X-Api-Nonce:...). Each line is the lower-case name, ':' and the value: x-api-nonce:...",
        "待签名字符串中的请求头行保留了名字的大写（X-Api-Nonce:...）。每一行应为小写的名字、':' 和值：x-api-nonce:...";
    /// Kingdee: the string to sign lacks its final line feed.
    MissingFinalNewline = 14, "missing_final_newline", [Kingdee],
        "The string to sign lacks its final line feed. Every line ends with \\n, the last header line too.",
        "待签名字符串缺少末尾的换行。每一行都以 \\n 结尾，最后一个请求头行也不例外。";
    /// Kingdee: the path was signed as it travels, already percent-encoded.
    EncodedPathSigned = 15, "encoded_path_signed", [Kingdee],
        "The path was signed as it travels on the request line (already percent-encoded), so its escapes were encoded again (%2520). Sign the decoded path.",
        "参与签名的是请求行上已做过百分号编码的路径，其中的转义被再次编码（%2520）。应对解码后的路径签名。";
    /// Kingdee: the query pairs were sorted by their raw names.
    QuerySortedByRawName = 16, "query_sorted_by_raw_name", [Kingdee],
        "The query parameters were sorted by their raw names. The canonical query sorts the encoded name=value texts, so a0=1 comes before a=1.",
        "查询参数按原始参数名排序了。规范化查询串按编码后的 name=value 文本排序，所以 a0=1 排在 a=1 之前。";
    /// Kingdee: the header lines follow `X-Api-SignHeaders` as sent instead of sorted names.
    SignedHeadersUnsorted = 17, "signed_headers_unsorted", [Kingdee],
        "The header lines of the string to sign follow the order of X-Api-SignHeaders as sent. They must be sorted by the bytes of the header names (X-Api-Nonce before X-Api-TimeStamp), whatever order the list has.",
        "待签名字符串中的请求头行沿用了 X-Api-SignHeaders 中的顺序。无论列表顺序如何，都必须按请求头名字的字节顺序排序（X-Api-Nonce 在 X-Api-TimeStamp 之前）。";
    /// Kingdee: the signature is the HMAC's hex, without Base64.
    HexNotBase64 = 18, "hex_not_base64", [Kingdee],
        "The signature is the HMAC's hex itself. The gateway wants Base64 of that hex (88 characters).",
        "签名直接用了 HMAC 的十六进制字符串。网关要求再对该十六进制字符串做 Base64（88 个字符）。";
    /// Kingdee: the query was left out of the string to sign.
    QueryLeftOut = 19, "query_left_out", [Kingdee],
        "The query was left out of the string to sign (an empty third line). Every query parameter is signed, in the canonical query.",
        "查询参数没有参与签名（第三行为空）。所有查询参数都必须以规范化查询串的形式参与签名。";
    /// Weaver: the MD5 was written in lower-case hex.
    Md5Lowercase = 20, "md5_lowercase", [Weaver],
        "The MD5 of appid:secret was written in lower-case hex. The server compares 32 upper-case hex digits.",
        "appid:secret 的 MD5 写成了小写十六进制。服务端比较的是 32 位大写十六进制。";
    /// Weaver: MD5 of `secret:appid` instead of `appid:secret`.
    SecretAppidSwapped = 21, "secret_appid_swapped", [Weaver],
        "The MD5 was taken of secret:appid. It must be MD5 of appid:secret, the appid first.",
        "MD5 取的是 secret:appid。必须是 appid:secret 的 MD5，appid 在前。";
    /// Weaver: the ciphertext was Base64-encoded instead of hex.
    Base64InsteadOfHex = 22, "base64_instead_of_hex", [Weaver],
        "The ciphertext was sent as Base64. The sign is the ciphertext in hex (hutool encryptHex).",
        "密文以 Base64 发送。sign 应为密文的十六进制（hutool 的 encryptHex）。";
    /// Weaver: the sign does not decrypt to the expected layout with this AES key.
    WrongAesKey = 23, "wrong_aes_key", [Weaver],
        "The sign does not decrypt with this AES key (in any mode or padding the doctor tries): the client uses another key. The key is the UTF-8 bytes of the key text, 16, 24 or 32 bytes, not hex- or Base64-decoded.",
        "用这个 AES 密钥无法解密该 sign（医生尝试的各种模式和填充都不行）：客户端用的是另一个密钥。密钥是密钥文本的 UTF-8 字节（16、24 或 32 字节），不要做十六进制或 Base64 解码。";
    /// Weaver: MD5 of `appid` and `secret` joined without the `:`.
    Md5WithoutColon = 24, "md5_without_colon", [Weaver],
        "The MD5 was taken of appid and secret joined without the ':'. It must be MD5 of appid:secret.",
        "MD5 取的是 appid 与 secret 直接拼接（缺少 ':'）。必须是 appid:secret 的 MD5。";
    /// Weaver: AES in CBC mode instead of ECB.
    CbcInsteadOfEcb = 25, "cbc_instead_of_ecb", [Weaver],
        "The plaintext was encrypted with AES in CBC mode (with a zero IV or the key as IV). The server uses ECB: AES/ECB/PKCS5Padding, no IV.",
        "明文用了 AES 的 CBC 模式加密（IV 为全零或等于密钥）。服务端使用 ECB：AES/ECB/PKCS5Padding，没有 IV。";
    /// Weaver: zero bytes as padding instead of PKCS#7.
    ZeroPadding = 26, "zero_padding", [Weaver],
        "The plaintext was padded with zero bytes (as PHP mcrypt does). The server wants PKCS#7 (Java's PKCS5Padding): n bytes of value n.",
        "明文用零字节填充（PHP mcrypt 的做法）。服务端要求 PKCS#7（Java 的 PKCS5Padding）：填充 n 个值为 n 的字节。";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_codes_are_unique_and_round_trip() {
        for (i, verdict) in Verdict::ALL.iter().enumerate() {
            assert_eq!(verdict.code() as usize, i + 1, "{}", verdict.name());
            assert_eq!(Verdict::from_name(verdict.name()), Some(*verdict));
            assert_eq!(Verdict::from_code(verdict.code()), Some(*verdict));
            assert!(verdict.applies_to(Vendor::Kingdee) || verdict.applies_to(Vendor::Weaver));
            assert!(!verdict.explanation().is_empty() && !verdict.explanation_zh().is_empty());
        }
    }
}
