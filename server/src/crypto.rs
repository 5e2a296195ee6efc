//! Secrets: random tokens for links and sessions (stored hashed), and password hashing with
//! Argon2id.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use app::error::AppError;
use tokio::sync::Semaphore;

use crate::error::internal;

/// Why bounded password work did not run.
#[derive(Debug, thiserror::Error)]
pub enum PasswordWorkError {
    #[error("too many password checks at once")]
    Busy,
    #[error("password work failed: {0}")]
    Failed(String),
}

impl From<PasswordWorkError> for AppError {
    fn from(error: PasswordWorkError) -> Self {
        match error {
            PasswordWorkError::Busy => AppError::RateLimited,
            PasswordWorkError::Failed(cause) => internal(cause),
        }
    }
}

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

/// Argon2 work, bounded. Each hash takes 19 MiB and a core for tens of milliseconds, so a
/// flood of logins (from as many forged addresses as it likes) must queue rather than use every
/// core and gigabytes of memory: at most `limit` run at once, off the async workers, and a
/// request that cannot start within `wait` is told to come back later.
/// It also knows how long a temporary password lasts, the other password policy of the service.
#[derive(Clone, Debug)]
pub struct PasswordWork {
    permits: Arc<Semaphore>,
    wait: Duration,
    temporary_lifetime: chrono::Duration,
}

impl PasswordWork {
    pub fn new(limit: usize, wait: Duration, temporary_lifetime: chrono::Duration) -> Self {
        Self { permits: Arc::new(Semaphore::new(limit.max(1))), wait, temporary_lifetime }
    }

    /// One hash at a time per core: more would only slow each of them down.
    pub fn for_this_machine(temporary_password_hours: i64) -> Self {
        let cores = std::thread::available_parallelism().map(usize::from).unwrap_or(1);
        Self::new(cores, Duration::from_secs(5), chrono::Duration::hours(temporary_password_hours))
    }

    /// When a temporary password issued at `now` stops working.
    pub fn temporary_until(&self, now: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
        now + self.temporary_lifetime
    }

    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, PasswordWorkError> {
        let permit = match tokio::time::timeout(self.wait, self.permits.clone().acquire_owned()).await {
            Ok(Ok(permit)) => permit,
            Ok(Err(closed)) => return Err(PasswordWorkError::Failed(closed.to_string())),
            Err(_) => {
                tracing::warn!("password work saturated: request refused");
                return Err(PasswordWorkError::Busy);
            }
        };
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        })
        .await
        .map_err(|e| PasswordWorkError::Failed(e.to_string()))
    }

    /// [`verify_password`], bounded.
    pub async fn verify(&self, password: &str, stored: Option<String>) -> Result<bool, PasswordWorkError> {
        let password = password.to_owned();
        self.run(move || verify_password(&password, stored.as_deref())).await
    }

    /// [`hash_password`], bounded.
    pub async fn hash(&self, password: &str) -> Result<String, PasswordWorkError> {
        let password = password.to_owned();
        self.run(move || hash_password(&password)).await?.map_err(|e| PasswordWorkError::Failed(e.to_string()))
    }
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

    /// With every permit taken, the next check waits `wait` and is refused: a flood queues
    /// behind the permits instead of running thousands of hashes at once.
    #[tokio::test]
    async fn password_work_is_bounded_and_a_flood_is_refused() {
        let work = PasswordWork::new(1, Duration::from_millis(50), chrono::Duration::hours(72));
        let busy = work.clone();
        let running = tokio::spawn(async move { busy.run(|| std::thread::sleep(Duration::from_millis(500))).await });
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert!(matches!(work.verify("x", None).await, Err(PasswordWorkError::Busy)));
        assert_eq!(AppError::from(PasswordWorkError::Busy), AppError::RateLimited);
        running.await.expect("join").expect("the first one ran");
        let hash = work.hash("Secret-2026!").await.expect("free again");
        assert!(work.verify("Secret-2026!", Some(hash)).await.expect("verify"));
    }

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
