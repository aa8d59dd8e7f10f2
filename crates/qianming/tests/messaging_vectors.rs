//! Runs every case of the WXBizMsgCrypt, DingTalk, Feishu and Yonyou vector files through the
//! core. A failing case prints its id and the whole case.

mod support;

use qianming::token::Answer;
use qianming::ErrorKind;
use qianming::{dingtalk, feishu, wecom, yonyou};
use serde_json::Value;

const FILES: &[(&str, &str)] = &[
    ("wecom.json", include_str!("../../../vectors/wecom.json")),
    (
        "dingtalk.json",
        include_str!("../../../vectors/dingtalk.json"),
    ),
    ("feishu.json", include_str!("../../../vectors/feishu.json")),
    ("yonyou.json", include_str!("../../../vectors/yonyou.json")),
];

fn wecom_signature(case: &Value) -> Result<(), String> {
    let (token, ts, nonce, encrypt) = (
        s(case, "token"),
        s(case, "timestamp"),
        s(case, "nonce"),
        s(case, "encrypt"),
    );
    let outcome = wecom::msg_signature(token, ts, nonce, encrypt);
    judge(case, outcome, |c, got| {
        same("signature", got.clone().into(), &c["signature"])?;
        // The verifier accepts exactly this signature.
        wecom::verify_msg_signature(token, ts, nonce, encrypt, &got).map_err(|e| e.to_string())?;
        let mut tampered = got.into_bytes();
        tampered[0] = if tampered[0] == b'0' { b'1' } else { b'0' };
        let tampered = String::from_utf8(tampered).unwrap_or_default();
        match wecom::verify_msg_signature(token, ts, nonce, encrypt, &tampered) {
            Err(e) if e.kind() == ErrorKind::SignatureMismatch => Ok(()),
            other => Err(format!("a tampered signature: {other:?}")),
        }
    })
}

fn wecom_decrypt(case: &Value) -> Result<(), String> {
    let outcome = wecom::MsgCrypt::new(s(case, "encoding_aes_key"))
        .and_then(|c| c.decrypt(s(case, "encrypt"), s(case, "receive_id")));
    judge(case, outcome, |c, got| {
        same("message", got.into(), &c["message"])
    })
}

fn wecom_encrypt(case: &Value) -> Result<(), String> {
    let outcome = wecom::random_from_hex(s(case, "random_hex")).and_then(|random| {
        wecom::encrypt_reply(
            s(case, "encoding_aes_key"),
            s(case, "receive_id"),
            s(case, "message"),
            &random,
            s(case, "token"),
            s(case, "timestamp"),
            s(case, "nonce"),
        )
    });
    judge(case, outcome, |c, got| {
        same("encrypt", got.encrypt.clone().into(), &c["encrypt"])?;
        same("signature", got.signature.clone().into(), &c["signature"])?;
        // And back: the receiver's whole check.
        let message = wecom::verify_and_decrypt(
            s(c, "token"),
            s(c, "encoding_aes_key"),
            s(c, "receive_id"),
            s(c, "timestamp"),
            s(c, "nonce"),
            &got.encrypt,
            &got.signature,
        )
        .map_err(|e| e.to_string())?;
        same("round trip", message.into(), &c["message"])
    })
}

fn dingtalk_robot_sign(case: &Value) -> Result<(), String> {
    let outcome = dingtalk::robot_sign(s(case, "secret"), n(case, "timestamp_ms"));
    judge(case, outcome, |c, got| {
        same("sign", got.sign.into(), &c["sign"])?;
        same(
            "sign_urlencoded",
            got.sign_urlencoded.into(),
            &c["sign_urlencoded"],
        )
    })
}

fn feishu_bot_sign(case: &Value) -> Result<(), String> {
    let outcome = feishu::bot_sign(s(case, "secret"), n(case, "timestamp"));
    judge(case, outcome, |c, got| same("sign", got.into(), &c["sign"]))
}

fn feishu_decrypt(case: &Value) -> Result<(), String> {
    let outcome = feishu::decrypt(s(case, "encrypt_key"), s(case, "encrypt"));
    judge(case, outcome, |c, got| {
        same("plaintext", got.into(), &c["plaintext"])
    })
}

fn feishu_event_signature(case: &Value) -> Result<(), String> {
    let (ts, nonce, key, body) = (
        s(case, "timestamp"),
        s(case, "nonce"),
        s(case, "encrypt_key"),
        s(case, "body").as_bytes(),
    );
    // Computing is allowed without a key; checking is not: the case's error is the verifier's.
    let outcome = feishu::event_signature(ts, nonce, key, body).and_then(|got| {
        feishu::verify_event_signature(ts, nonce, key, body, &got)?;
        Ok(got)
    });
    judge(case, outcome, |c, got| {
        same("signature", got.into(), &c["signature"])?;
        let other = format!("{}x", s(c, "body"));
        let wrong =
            feishu::event_signature(ts, nonce, key, other.as_bytes()).map_err(|e| e.to_string())?;
        match feishu::verify_event_signature(ts, nonce, key, body, &wrong) {
            Err(e) if e.kind() == ErrorKind::SignatureMismatch => Ok(()),
            other => Err(format!("another body's signature: {other:?}")),
        }
    })
}

fn yonyou_signature(case: &Value) -> Result<(), String> {
    let outcome = yonyou::signature(
        s(case, "app_key"),
        s(case, "app_secret"),
        n(case, "timestamp_ms"),
    );
    judge(case, outcome, |c, got| {
        same("signature", got.signature.into(), &c["signature"])?;
        same(
            "signature_urlencoded",
            got.signature_urlencoded.into(),
            &c["signature_urlencoded"],
        )
    })
}

fn yonyou_token_request(case: &Value) -> Result<(), String> {
    let outcome = yonyou::token_request(
        s(case, "token_url"),
        s(case, "app_key"),
        s(case, "app_secret"),
        n(case, "timestamp_ms"),
    );
    judge(case, outcome, |c, got| {
        let want = &c["expected"];
        same("method", got.method.as_str().into(), &want["method"])?;
        same("url", got.url.as_str().into(), &want["url"])?;
        let headers: Vec<Value> = got
            .headers
            .iter()
            .map(|(n, v)| Value::from(vec![n.as_str(), v.as_str()]))
            .collect();
        same("headers", headers.into(), &want["headers"])?;
        same("body", got.body.into(), &want["body"])
    })
}

fn yonyou_token_answer(case: &Value) -> Result<(), String> {
    let outcome = yonyou::parse_token_answer(s(case, "body").as_bytes(), n(case, "received_at_ms"));
    refusal_check(case, &outcome)?;
    judge(case, outcome.and_then(Answer::into_result), |c, got| {
        let want = &c["expected"];
        same(
            "access_token",
            got.access_token.expose().into(),
            &want["access_token"],
        )?;
        same("expire_s", got.expire_s.into(), &want["expire_s"])?;
        same("message", got.message.into(), &want["message"])?;
        same(
            "expires_at_ms",
            got.lifetime.expires_at_ms.into(),
            &want["expires_at_ms"],
        )
    })
}

use support::{judge, n, refusal_check, s, same, Runner};

fn runner(section: &str) -> Option<Runner> {
    Some(match section {
        "wecom_signature" => wecom_signature,
        "wecom_decrypt" => wecom_decrypt,
        "wecom_encrypt" => wecom_encrypt,
        "dingtalk_robot_sign" => dingtalk_robot_sign,
        "feishu_bot_sign" => feishu_bot_sign,
        "feishu_decrypt" => feishu_decrypt,
        "feishu_event_signature" => feishu_event_signature,
        "yonyou_signature" => yonyou_signature,
        "yonyou_token_request" => yonyou_token_request,
        "yonyou_token_answer" => yonyou_token_answer,
        _ => return None,
    })
}

#[test]
fn every_case_of_every_messaging_vector_file() {
    support::run_every_case(FILES, runner, 90);
}

#[test]
fn these_files_are_the_ones_vectors_rs_leaves_out() {
    let names: Vec<&str> = FILES.iter().map(|(n, _)| *n).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(sorted, support::MESSAGING_FILES);
}

/// Random prefixes change the ciphertext, never the message; any one bit flipped in the
/// ciphertext is refused or (in a block the padding does not cover) yields other bytes, but
/// never panics.
#[test]
fn wecom_round_trips_and_bit_flips_never_panic() {
    let crypt = wecom::MsgCrypt::new("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C")
        .unwrap_or_else(|e| panic!("{e}"));
    for len in 0..80 {
        let message: String = "字a".chars().cycle().take(len).collect();
        let a = crypt
            .encrypt(&message, "ww1", &[len as u8; 16])
            .unwrap_or_else(|e| panic!("{e}"));
        let b = crypt
            .encrypt(&message, "ww1", &[!(len as u8); 16])
            .unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(a, b);
        assert_eq!(crypt.decrypt(&a, "ww1").ok().as_deref(), Some(&*message));
        assert_eq!(crypt.decrypt(&b, "ww1").ok().as_deref(), Some(&*message));
        use base64::Engine;
        let raw = base64::engine::general_purpose::STANDARD
            .decode(&a)
            .unwrap_or_default();
        assert_eq!(raw.len() % 32, 0, "padded to 32 bytes");
        for bit in (0..raw.len() * 8).step_by(7) {
            let mut flipped = raw.clone();
            flipped[bit / 8] ^= 1 << (bit % 8);
            let text = base64::engine::general_purpose::STANDARD.encode(&flipped);
            let _ = crypt.decrypt(&text, "ww1");
        }
    }
}
