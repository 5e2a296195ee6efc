//! Secrets: random tokens for links and sessions (stored hashed), and password hashing with
//! Argon2id.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// A fresh 256-bit random token, URL-safe. Only its [`token_hash`] is stored, so a database
/// leak does not leak usable links or sessions.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// SHA-256 of a token, hex-encoded. Lookups by hash are not timing-sensitive: the hash of an
/// unknown token reveals nothing about stored ones.
pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn argon2() -> Argon2<'static> {
    // OWASP's recommended Argon2id parameters: 19 MiB, 2 iterations, 1 lane.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

/// A PHC-format Argon2id hash. The type is deliberately not `Serialize`.
pub fn hash_password(password: &str) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| HashError(e.to_string()))
}

/// Verifies in constant time (argon2's comparison). With `None`, a dummy hash is verified so
/// that an unknown identifier takes as long as a wrong password.
pub fn verify_password(password: &str, stored: Option<&str>) -> bool {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash_password("dummy-password-for-timing").unwrap_or_default());
    let (hash, real) = match stored {
        Some(hash) => (hash, true),
        None => (dummy.as_str(), false),
    };
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    argon2().verify_password(password.as_bytes(), &parsed).is_ok() && real
}

/// A random temporary password satisfying the service's password rule.
pub fn temporary_password() -> String {
    const LOWER: &[u8] = b"abcdefghijkmnopqrstuvwxyz";
    const UPPER: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
    const DIGITS: &[u8] = b"23456789";
    const SPECIAL: &[u8] = b"#%*-=?@_";
    let mut rng = rand::rngs::OsRng;
    let mut pick = |set: &[u8]| set[(rng.next_u32() as usize) % set.len()] as char;
    let mut chars: Vec<char> = (0..4).map(|_| pick(LOWER)).collect();
    chars.extend((0..3).map(|_| pick(UPPER)));
    chars.extend((0..3).map(|_| pick(DIGITS)));
    chars.extend((0..2).map(|_| pick(SPECIAL)));
    // Fisher–Yates so the classes are not always in the same places.
    for i in (1..chars.len()).rev() {
        let j = (rng.next_u32() as usize) % (i + 1);
        chars.swap(i, j);
    }
    chars.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), token_hash(&b));
        assert_eq!(token_hash(&a).len(), 64);
    }

    #[test]
    fn passwords_verify_only_against_their_hash() {
        let hash = hash_password("Demo-2026!").expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("Demo-2026!", Some(&hash)));
        assert!(!verify_password("Demo-2026?", Some(&hash)));
        assert!(!verify_password("Demo-2026!", None));
        assert!(!verify_password("Demo-2026!", Some("not a hash")));
    }

    #[test]
    fn temporary_passwords_follow_the_rule() {
        for _ in 0..50 {
            let password = temporary_password();
            assert_eq!(app::domain::password::check(&password), Ok(()), "{password}");
        }
    }
}
