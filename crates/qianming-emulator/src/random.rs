//! Random tokens and codes (the emulator's RNG; the core has none).

/// `n` random bytes from the operating system.
fn bytes(n: usize) -> Vec<u8> {
    let mut out = vec![0u8; n];
    // The OS RNG failing is not something an emulator can serve through.
    if let Err(e) = getrandom::getrandom(&mut out) {
        panic!("no random bytes from the operating system: {e}");
    }
    out
}

/// `n` random bytes as lower-case hex.
pub fn hex(n: usize) -> String {
    bytes(n).iter().map(|b| format!("{b:02x}")).collect()
}

/// A UUID-shaped random token, as Weaver's (`fdca51c0-2225-4ad9-ac18-bd2b61408b99`).
pub fn uuid() -> String {
    let h = hex(16);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// `n` random lower-case letters and digits (Weaver's batchkey suffix).
pub fn alnum(n: usize) -> String {
    const SET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    bytes(n)
        .iter()
        .map(|b| char::from(SET[usize::from(*b) % SET.len()]))
        .collect()
}
