//! `qianming basic …`.

use crate::args::{BasicDecodeArgs, BasicEncodeArgs};
use crate::jsonl::{self, fields};
use crate::Failure;
use qianming::basic::{self, AuthorizationMode};

/// `basic encode`.
pub fn encode(args: BasicEncodeArgs) -> Result<(), Failure> {
    if args.jsonl.jsonl {
        return jsonl::run(|obj| {
            let (user, password) = (jsonl::string(obj, "user")?, jsonl::string(obj, "password")?);
            let credentials = basic::credentials(user, password)?;
            let header = basic::authorization_header(user, password, AuthorizationMode::Basic)?;
            let raw = basic::authorization_header(user, password, AuthorizationMode::Raw)?;
            Ok(fields([
                ("credentials", credentials.into()),
                ("authorization", header.into()),
                ("authorization_raw", raw.into()),
            ]))
        });
    }
    let password = args.password.resolve()?;
    let mode = if args.raw {
        AuthorizationMode::Raw
    } else {
        AuthorizationMode::Basic
    };
    let header = basic::authorization_header(
        args.user.as_deref().unwrap_or_default(),
        password.expose(),
        mode,
    )?;
    println!("Authorization: {header}");
    Ok(())
}

/// `basic decode`.
pub fn decode(args: BasicDecodeArgs) -> Result<(), Failure> {
    if args.jsonl.jsonl {
        return jsonl::run(|obj| {
            let c = basic::parse_authorization(jsonl::string(obj, "authorization")?)?;
            Ok(fields([
                ("user", c.user.as_str().into()),
                ("password", c.password.expose().into()),
            ]))
        });
    }
    let c = basic::parse_authorization(args.authorization.as_deref().unwrap_or_default())?;
    println!("user: {}", c.user);
    println!("password: {}", c.password.expose());
    Ok(())
}
