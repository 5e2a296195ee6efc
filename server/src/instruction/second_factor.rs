//! Agents' second factor: time-based one-time passwords (TOTP, RFC 6238, over HOTP, RFC 4226:
//! HMAC-SHA1, 30-second steps, 6 digits), as every authenticator application computes them.
//!
//! Enrolment: the agent asks for a secret, which is kept as pending and shown once (a QR code
//! of its `otpauth://` address, and the secret in letters); a code of it confirms it, and ten
//! recovery codes are shown once (only their SHA-256 is kept). Then every new session of the
//! agent is held until a code (or an unused recovery code) is given. A code serves once: the
//! step of the last accepted one is kept. Failures are limited like passwords.

use hmac::{Hmac, Mac};
use rand::{Rng, RngCore};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, Set};
use sha1::Sha1;
use subtle::ConstantTimeEq;

use crate::clock::Clock;
use crate::crypto::token_hash;
use crate::db::entities::{agent, agent_recovery_code, agent_session};

pub const STEP_SECONDS: i64 = 30;
const DIGITS: u32 = 6;
/// A code of the step before or after is accepted: a phone's clock drifts.
const DRIFT_STEPS: i64 = 1;
/// 160 bits, the size of an HMAC-SHA1 key (RFC 4226 §4).
const SECRET_BYTES: usize = 20;
pub const RECOVERY_CODES: usize = 10;
/// Shown in the authenticator application.
const ISSUER: &str = "ANEF séjour";

/// The HOTP value of `counter` (RFC 4226 §5.3).
pub fn hotp(secret: &[u8], counter: u64) -> u32 {
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(secret) else { return u32::MAX };
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let binary = u32::from_be_bytes([digest[offset] & 0x7f, digest[offset + 1], digest[offset + 2], digest[offset + 3]]);
    binary % 10u32.pow(DIGITS)
}

/// The time step of a Unix time.
pub fn step_at(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP_SECONDS)
}

/// The code of `secret` at a Unix time, as the application shows it ("004823").
pub fn code_at(secret: &[u8], unix_seconds: i64) -> String {
    format!("{:06}", hotp(secret, step_at(unix_seconds).max(0) as u64))
}

/// The step whose code `code` is, around `unix_seconds`, later than `last_used`: `None` when
/// it is malformed, wrong, or already used.
pub fn verify(secret: &[u8], code: &str, unix_seconds: i64, last_used: Option<i64>) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != DIGITS as usize || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let now = step_at(unix_seconds);
    (now - DRIFT_STEPS..=now + DRIFT_STEPS)
        .filter(|step| *step >= 0 && last_used.is_none_or(|last| *step > last))
        .find(|step| bool::from(format!("{:06}", hotp(secret, *step as u64)).as_bytes().ct_eq(code.as_bytes())))
}

const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// RFC 4648 base32 without padding, as authenticator applications read secrets.
pub fn base32(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for byte in bytes {
        buffer = (buffer << 8) | u32::from(*byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(BASE32[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(BASE32[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.bytes().filter(|b| *b != b'=' && !b.is_ascii_whitespace()) {
        let value = BASE32.iter().position(|x| *x == c.to_ascii_uppercase())? as u32;
        buffer = (buffer << 5) | value;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

/// A new secret, in base32.
pub fn new_secret() -> String {
    let mut bytes = [0u8; SECRET_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base32(&bytes)
}

/// The `otpauth://` address the QR code carries (Key Uri Format of the authenticator
/// applications).
pub fn otpauth_uri(secret: &str, email: &str) -> String {
    format!(
        "otpauth://totp/{}:{}?secret={secret}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
        percent(ISSUER),
        percent(email),
        percent(ISSUER)
    )
}

fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'@' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The QR code of `text`, as an SVG image (dark modules on white, with its quiet zone).
pub fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    Some(code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(200, 200).quiet_zone(true).build())
}

/// Ten recovery codes ("K7QX-M2PA"), from letters and digits people do not confuse.
pub fn new_recovery_codes() -> Vec<String> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rngs::OsRng;
    (0..RECOVERY_CODES)
        .map(|_| {
            let mut code: String = (0..8).map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())])).collect();
            code.insert(4, '-');
            code
        })
        .collect()
}

/// A recovery code as typed: case, spaces and the dash aside.
fn recovery_key(code: &str) -> String {
    let compact: String = code.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect();
    token_hash(&compact)
}

/// Replaces the agent's recovery codes by `codes`.
pub async fn store_recovery_codes(db: &impl ConnectionTrait, agent_id: i32, codes: &[String]) -> Result<(), DbErr> {
    agent_recovery_code::Entity::delete_many().filter(agent_recovery_code::Column::AgentId.eq(agent_id)).exec(db).await?;
    for code in codes {
        agent_recovery_code::ActiveModel {
            agent_id: Set(agent_id),
            code_hash: Set(recovery_key(code)),
            used_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Whether `code` is one of the agent's unused recovery codes; it is then used up.
pub async fn use_recovery_code(db: &impl ConnectionTrait, clock: &Clock, agent_id: i32, code: &str) -> Result<bool, DbErr> {
    let found = agent_recovery_code::Entity::find()
        .filter(agent_recovery_code::Column::AgentId.eq(agent_id))
        .filter(agent_recovery_code::Column::CodeHash.eq(recovery_key(code)))
        .filter(agent_recovery_code::Column::UsedAt.is_null())
        .one(db)
        .await?;
    let Some(found) = found else { return Ok(false) };
    // Used once, even by two requests at once: the update counts only if it found it unused.
    let used = agent_recovery_code::Entity::update_many()
        .col_expr(agent_recovery_code::Column::UsedAt, sea_orm::sea_query::Expr::value(clock.now()))
        .filter(agent_recovery_code::Column::Id.eq(found.id))
        .filter(agent_recovery_code::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(used.rows_affected == 1)
}

/// How many recovery codes the agent has not used.
pub async fn recovery_codes_left(db: &impl ConnectionTrait, agent_id: i32) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    agent_recovery_code::Entity::find()
        .filter(agent_recovery_code::Column::AgentId.eq(agent_id))
        .filter(agent_recovery_code::Column::UsedAt.is_null())
        .count(db)
        .await
}

/// Accepts a TOTP code of the agent's secret: its step is recorded, so the same code cannot
/// serve again. `false` for a wrong, late or used code.
pub async fn accept_code(db: &impl ConnectionTrait, clock: &Clock, agent: &agent::Model, secret: &str, code: &str) -> Result<bool, DbErr> {
    let Some(key) = base32_decode(secret) else { return Ok(false) };
    let Some(step) = verify(&key, code, clock.now().timestamp(), agent.totp_last_step) else { return Ok(false) };
    // Compare-and-set on the last step: two requests with the same code, one wins.
    let updated = agent::Entity::update_many()
        .col_expr(agent::Column::TotpLastStep, sea_orm::sea_query::Expr::value(step))
        .filter(agent::Column::Id.eq(agent.id))
        .filter(agent::Column::TotpLastStep.is_null().or(agent::Column::TotpLastStep.lt(step)))
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// Marks the session as having proven the second factor.
/// The context a TOTP secret is sealed under: it opens only on its agent's row.
pub fn sealing_context(agent_id: i32) -> String {
    format!("agent-totp:{agent_id}")
}

/// Reseals with the keyring's sealing key the agents' secrets an older key sealed (or that
/// were kept in clear before sealing existed); returns how many.
pub async fn reseal_secrets(db: &impl ConnectionTrait, keys: &crate::storage::Keyring) -> Result<usize, ResealError> {
    let agents = agent::Entity::find()
        .filter(agent::Column::TotpSecret.is_not_null().or(agent::Column::TotpPendingSecret.is_not_null()))
        .all(db)
        .await?;
    let mut resealed = 0;
    for agent in agents {
        let context = sealing_context(agent.id);
        let reseal = |stored: &Option<String>| -> Result<Option<String>, ResealError> {
            match stored {
                Some(value) if keys.needs_resealing(value) => Ok(Some(keys.seal_text(&context, &keys.open_text(&context, value)?))),
                _ => Ok(None),
            }
        };
        let (secret, pending) = (reseal(&agent.totp_secret)?, reseal(&agent.totp_pending_secret)?);
        if secret.is_none() && pending.is_none() {
            continue;
        }
        let mut active = agent.into_active_model();
        if let Some(secret) = secret {
            active.totp_secret = Set(Some(secret));
        }
        if let Some(pending) = pending {
            active.totp_pending_secret = Set(Some(pending));
        }
        active.update(db).await?;
        resealed += 1;
    }
    Ok(resealed)
}

#[derive(Debug, thiserror::Error)]
pub enum ResealError {
    #[error(transparent)]
    Db(#[from] DbErr),
    #[error("an agent's second-factor secret cannot be opened: {0}")]
    Open(#[from] crate::storage::encryption::OpenError),
}

pub async fn mark_session(db: &impl ConnectionTrait, clock: &Clock, session_id: i32) -> Result<(), DbErr> {
    if let Some(session) = agent_session::Entity::find_by_id(session_id).one(db).await? {
        let mut active = session.into_active_model();
        active.second_factor_at = Set(Some(clock.now()));
        active.update(db).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1, truncated to 6 digits.
    #[test]
    fn codes_follow_the_rfc_test_vectors() {
        let secret = b"12345678901234567890";
        for (time, code) in
            [(59, "287082"), (1_111_111_109, "081804"), (1_111_111_111, "050471"), (1_234_567_890, "005924"), (2_000_000_000, "279037")]
        {
            assert_eq!(code_at(secret, time), code, "{time}");
        }
        // RFC 4226 appendix D.
        assert_eq!(hotp(secret, 0), 755_224);
        assert_eq!(hotp(secret, 9), 520_489);
    }

    #[test]
    fn a_code_is_accepted_around_its_step_once() {
        let secret = b"12345678901234567890";
        let now = 1_234_567_890;
        let code = code_at(secret, now);
        let step = step_at(now);
        assert_eq!(verify(secret, &code, now, None), Some(step));
        assert_eq!(verify(secret, &format!("{} {}", &code[..3], &code[3..]), now + 30, None), Some(step), "a step late, spaced");
        assert_eq!(verify(secret, &code, now + 90, None), None, "too late");
        assert_eq!(verify(secret, &code, now, Some(step)), None, "already used");
        assert_eq!(verify(secret, "12345", now, None), None);
        assert_eq!(verify(secret, "abcdef", now, None), None);
    }

    #[test]
    fn secrets_read_back_from_base32() {
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32_decode("MZXW6YTBOI").as_deref(), Some(&b"foobar"[..]));
        let secret = new_secret();
        assert_eq!(secret.len(), 32);
        assert_eq!(base32_decode(&secret).map(|b| b.len()), Some(SECRET_BYTES));
        assert!(base32_decode("not base32!").is_none());
        let uri = otpauth_uri(&secret, "agent.palaiseau@demo.localhost");
        assert!(uri.starts_with("otpauth://totp/ANEF%20s%C3%A9jour:agent.palaiseau@demo.localhost?secret="), "{uri}");
        assert!(qr_svg(&uri).is_some_and(|svg| svg.contains("<svg")));
    }

    #[test]
    fn recovery_codes_are_distinct_and_read_loosely() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        assert!(codes.iter().all(|c| c.len() == 9 && c.as_bytes()[4] == b'-'));
        assert_eq!(recovery_key(&codes[0]), recovery_key(&codes[0].to_lowercase().replace('-', " ")));
    }
}
