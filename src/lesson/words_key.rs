//! The key of a piece of interface text: its two languages hashed (FNV-1a, 64 bits), computed
//! by `t!` at compile time and by build.rs when it writes the words files. One file, included by
//! both (build.rs with `#[path]`), so the two cannot disagree.

/// FNV-1a over the Chinese, a byte no UTF-8 text has (0xff), and the English.
pub const fn key(zh: &str, en: &str) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let (zh, en) = (zh.as_bytes(), en.as_bytes());
    let mut i = 0;
    while i < zh.len() + 1 + en.len() {
        let byte = if i < zh.len() {
            zh[i]
        } else if i == zh.len() {
            0xff
        } else {
            en[i - zh.len() - 1]
        };
        hash = (hash ^ byte as u64).wrapping_mul(PRIME);
        i += 1;
    }
    hash
}
