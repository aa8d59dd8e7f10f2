//! Property tests of the messaging and Yonyou modules (docs/spec/wecom.md, feishu.md,
//! yonyou.md): round trips, order independence, typed refusals and no panic on any input.

use proptest::prelude::*;
use qianming::{dingtalk, feishu, wecom, yonyou, ErrorKind};

const KEY: &str = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";

proptest! {
    #[test]
    fn wecom_round_trips_any_message_and_receive_id(
        message in "\\PC{0,200}",
        receive_id in "[a-zA-Z0-9]{0,24}",
        random in any::<[u8; 16]>(),
    ) {
        let crypt = wecom::MsgCrypt::new(KEY)?;
        let sealed = crypt.encrypt(&message, &receive_id, &random)?;
        prop_assert_eq!(crypt.decrypt(&sealed, &receive_id)?, message);
        let other = format!("{receive_id}0");
        prop_assert_eq!(
            crypt.decrypt(&sealed, &other).map_err(|e| e.kind()),
            Err(ErrorKind::SignMismatch)
        );
    }

    #[test]
    fn wecom_signature_ignores_the_order_of_its_inputs(
        texts in proptest::array::uniform3("[0-9a-zA-Z+/=]{0,16}"),
        timestamp in any::<u32>(),
    ) {
        let ts = timestamp.to_string();
        let [a, b, c] = &texts;
        // Sorting makes the role of each text irrelevant: swapping token and nonce changes nothing.
        prop_assert_eq!(
            wecom::msg_signature(a, &ts, b, c)?,
            wecom::msg_signature(b, &ts, a, c)?
        );
    }

    #[test]
    fn wecom_decrypt_never_panics(encrypt in "[A-Za-z0-9+/=]{0,200}|\\PC{0,64}", rid in "\\PC{0,8}") {
        let crypt = wecom::MsgCrypt::new(KEY)?;
        if let Err(e) = crypt.decrypt(&encrypt, &rid) {
            prop_assert!(matches!(
                e.kind(),
                ErrorKind::InvalidBase64 | ErrorKind::Undecryptable | ErrorKind::SignMismatch
            ));
        }
    }

    #[test]
    fn encoding_aes_keys_are_refused_with_typed_errors(key in "\\PC{0,50}") {
        if let Err(e) = wecom::MsgCrypt::new(&key) {
            prop_assert!(matches!(e.kind(), ErrorKind::InvalidKeyLength | ErrorKind::InvalidBase64));
        } else {
            prop_assert_eq!(key.len(), 43);
        }
    }

    #[test]
    fn feishu_decrypt_never_panics(key in "\\PC{0,16}", encrypt in "[A-Za-z0-9+/=]{0,200}") {
        if let Err(e) = feishu::decrypt(&key, &encrypt) {
            prop_assert!(matches!(
                e.kind(),
                ErrorKind::EmptySecret | ErrorKind::InvalidBase64 | ErrorKind::Undecryptable
            ));
        }
    }

    #[test]
    fn feishu_and_dingtalk_signs_differ(secret in "\\PC{1,32}", ts in any::<u32>()) {
        // The same secret and number never give the same sign: the key and message are swapped.
        let ts = u64::from(ts);
        prop_assert_ne!(feishu::bot_sign(&secret, ts)?, dingtalk::robot_sign(&secret, ts)?.sign);
    }

    #[test]
    fn url_encoded_forms_decode_to_the_bare_sign(secret in "\\PC{1,32}", ts in any::<u64>()) {
        let s = yonyou::signature("k", &secret, ts)?;
        prop_assert_eq!(qianming::encode::form_decode(&s.signature_urlencoded)?, s.signature);
        let d = dingtalk::robot_sign(&secret, ts)?;
        prop_assert_eq!(qianming::encode::form_decode(&d.sign_urlencoded)?, d.sign);
        prop_assert!(!d.sign_urlencoded.contains(['+', '/', '=']));
    }

    #[test]
    fn yonyou_answer_parser_never_panics(body in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = yonyou::parse_token_answer(&body, u64::MAX);
    }
}
