//! Encryption at rest of stored objects: AES-256-GCM in the STREAM construction (64 KiB chunks,
//! each authenticated, the last one marked), so that a file can be sealed as it arrives and a
//! truncated or reordered object fails to open.
//!
//! An object starts with a header naming the key that sealed it, so that keys can rotate: the
//! first key of the [`Keyring`] seals new objects, every key of it opens old ones, and
//! `server rotate-storage-keys` reseals what an older key sealed. The object's storage key is
//! the associated data: a sealed file copied over another object's name does not open.
//!
//! Objects stored before encryption was configured (no header) are read as they are, and
//! resealed by the rotation.

use aes_gcm::aead::stream::{DecryptorBE32, EncryptorBE32};
use aes_gcm::aead::{KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Key};
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

const MAGIC: &[u8; 8] = b"ANEFENC1";
/// Plaintext bytes per sealed chunk.
pub const CHUNK: usize = 64 * 1024;
const TAG: usize = 16;
/// AES-GCM's 12-byte nonce less the STREAM counter (4 bytes) and last-chunk flag (1 byte).
const NONCE_PREFIX: usize = 7;

/// The id of the development key: published in this file, so production refuses it.
pub const DEVELOPMENT_KEY_ID: &str = "dev";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeyringError {
    #[error("expected id:base64 entries separated by commas, got {0:?}")]
    Malformed(String),
    #[error("key {0:?}: an id is 1 to 32 letters, digits, '-' or '_'")]
    BadId(String),
    #[error("key {0:?}: expected 32 bytes in standard base64")]
    BadKey(String),
    #[error("key id {0:?} is given twice")]
    DuplicateId(String),
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OpenError {
    #[error("sealed with key {0:?}, which the keyring does not hold")]
    UnknownKey(String),
    #[error("altered, truncated or sealed for another object")]
    Corrupt,
}

#[derive(Clone)]
struct SealingKey {
    id: String,
    cipher: Aes256Gcm,
}

/// The keys of the stored objects; the first one seals.
#[derive(Clone)]
pub struct Keyring {
    keys: Vec<SealingKey>,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids: Vec<&str> = self.keys.iter().map(|k| k.id.as_str()).collect();
        f.debug_struct("Keyring").field("ids", &ids).finish()
    }
}

impl Keyring {
    /// `ANEF_STORAGE_KEYS`: `id:base64,id:base64,…`, the sealing key first.
    pub fn parse(spec: &str) -> Result<Self, KeyringError> {
        let mut keys: Vec<SealingKey> = Vec::new();
        for entry in spec.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (id, encoded) = entry.split_once(':').ok_or_else(|| KeyringError::Malformed(entry.to_owned()))?;
            let id_ok = (1..=32).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !id_ok {
                return Err(KeyringError::BadId(id.to_owned()));
            }
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(encoded.trim())
                .ok()
                .filter(|b| b.len() == 32)
                .ok_or_else(|| KeyringError::BadKey(id.to_owned()))?;
            if keys.iter().any(|k| k.id == id) {
                return Err(KeyringError::DuplicateId(id.to_owned()));
            }
            keys.push(SealingKey { id: id.to_owned(), cipher: Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&bytes)) });
        }
        if keys.is_empty() {
            return Err(KeyringError::Malformed(spec.to_owned()));
        }
        Ok(Self { keys })
    }

    /// The key of development and tests, derived from a published phrase.
    pub fn development() -> Self {
        let key = Sha256::digest(b"anef-development-storage-key (not a secret)");
        let encoded = base64::engine::general_purpose::STANDARD.encode(key);
        Self::parse(&format!("{DEVELOPMENT_KEY_ID}:{encoded}")).expect("the development key is well formed")
    }

    /// The id of the key that seals new objects.
    pub fn sealing_id(&self) -> &str {
        &self.keys[0].id
    }

    pub fn holds(&self, id: &str) -> bool {
        self.keys.iter().any(|k| k.id == id)
    }

    /// Starts sealing the object stored under `object_key`: the header to write first, and the
    /// sealer that turns the content into chunks.
    pub fn sealer(&self, object_key: &str) -> (Vec<u8>, Sealer) {
        let key = &self.keys[0];
        let mut prefix = [0u8; NONCE_PREFIX];
        rand::thread_rng().fill_bytes(&mut prefix);
        let mut header = Vec::with_capacity(MAGIC.len() + 1 + key.id.len() + NONCE_PREFIX);
        header.extend_from_slice(MAGIC);
        header.push(key.id.len() as u8);
        header.extend_from_slice(key.id.as_bytes());
        header.extend_from_slice(&prefix);
        let encryptor = EncryptorBE32::from_aead(key.cipher.clone(), prefix.as_slice().into());
        (header, Sealer { encryptor: Some(encryptor), pending: Vec::with_capacity(CHUNK + 1), aad: object_key.as_bytes().to_vec() })
    }

    /// The whole of `content`, sealed for `object_key`.
    pub fn seal(&self, object_key: &str, content: &[u8]) -> Vec<u8> {
        let (mut sealed, mut sealer) = self.sealer(object_key);
        sealed.reserve(content.len() + (content.len() / CHUNK + 1) * TAG);
        sealed.extend(sealer.push(content));
        sealed.extend(sealer.finish());
        sealed
    }

    /// The content of a stored object (as it is when it has no header: stored before
    /// encryption).
    pub fn open(&self, object_key: &str, stored: &[u8]) -> Result<Vec<u8>, OpenError> {
        let Some((id, prefix, body)) = split_header(stored)? else { return Ok(stored.to_vec()) };
        let key = self.keys.iter().find(|k| k.id == id).ok_or_else(|| OpenError::UnknownKey(id.to_owned()))?;
        let mut decryptor = DecryptorBE32::from_aead(key.cipher.clone(), prefix.into());
        let mut content = Vec::with_capacity(body.len());
        let mut pieces = body.chunks(CHUNK + TAG).peekable();
        if body.is_empty() {
            return Err(OpenError::Corrupt);
        }
        while let Some(piece) = pieces.next() {
            let payload = Payload { msg: piece, aad: object_key.as_bytes() };
            if pieces.peek().is_some() {
                content.extend(decryptor.decrypt_next(payload).map_err(|_| OpenError::Corrupt)?);
            } else {
                content.extend(decryptor.decrypt_last(payload).map_err(|_| OpenError::Corrupt)?);
                break;
            }
        }
        Ok(content)
    }
}

/// Marks a sealed secret kept in a text column.
const TEXT_PREFIX: &str = "sealed:";

impl Keyring {
    /// A short secret sealed for a database column (e.g. an agent's TOTP key), bound to
    /// `context` (which row it belongs to), as text.
    pub fn seal_text(&self, context: &str, secret: &str) -> String {
        let sealed = self.seal(context, secret.as_bytes());
        format!("{TEXT_PREFIX}{}", base64::engine::general_purpose::STANDARD.encode(sealed))
    }

    /// The secret of a column [`Keyring::seal_text`] wrote (a value written before sealing
    /// existed is returned as it is).
    pub fn open_text(&self, context: &str, stored: &str) -> Result<String, OpenError> {
        let Some(encoded) = stored.strip_prefix(TEXT_PREFIX) else { return Ok(stored.to_owned()) };
        let sealed = base64::engine::general_purpose::STANDARD.decode(encoded).map_err(|_| OpenError::Corrupt)?;
        String::from_utf8(self.open(context, &sealed)?).map_err(|_| OpenError::Corrupt)
    }

    /// Whether a sealed column must be sealed again with the sealing key (older key, or clear).
    pub fn needs_resealing(&self, stored: &str) -> bool {
        let Some(encoded) = stored.strip_prefix(TEXT_PREFIX) else { return true };
        let Ok(sealed) = base64::engine::general_purpose::STANDARD.decode(encoded) else { return true };
        sealed_with(&sealed).ok().flatten() != Some(self.sealing_id())
    }
}

/// The id of the key that sealed a stored object (`None`: stored in clear).
pub fn sealed_with(stored: &[u8]) -> Result<Option<&str>, OpenError> {
    Ok(split_header(stored)?.map(|(id, _, _)| id))
}

type Header<'a> = (&'a str, &'a [u8], &'a [u8]);

fn split_header(stored: &[u8]) -> Result<Option<Header<'_>>, OpenError> {
    let Some(rest) = stored.strip_prefix(MAGIC.as_slice()) else { return Ok(None) };
    let (&len, rest) = rest.split_first().ok_or(OpenError::Corrupt)?;
    let len = usize::from(len);
    if rest.len() < len + NONCE_PREFIX {
        return Err(OpenError::Corrupt);
    }
    let id = std::str::from_utf8(&rest[..len]).map_err(|_| OpenError::Corrupt)?;
    Ok(Some((id, &rest[len..len + NONCE_PREFIX], &rest[len + NONCE_PREFIX..])))
}

/// Seals a content given in pieces of any size (an upload as it arrives).
pub struct Sealer {
    encryptor: Option<EncryptorBE32<Aes256Gcm>>,
    /// Content not sealed yet: a full chunk is sealed only once more follows, since the last
    /// chunk is sealed differently.
    pending: Vec<u8>,
    aad: Vec<u8>,
}

impl Sealer {
    /// Sealed bytes for `content` (possibly none yet).
    pub fn push(&mut self, mut content: &[u8]) -> Vec<u8> {
        let mut sealed = Vec::new();
        while !content.is_empty() {
            let room = CHUNK + 1 - self.pending.len();
            let (taken, rest) = content.split_at(room.min(content.len()));
            self.pending.extend_from_slice(taken);
            content = rest;
            if self.pending.len() > CHUNK {
                let encryptor = self.encryptor.as_mut().expect("sealing after finish");
                let chunk = encryptor
                    .encrypt_next(Payload { msg: &self.pending[..CHUNK], aad: &self.aad })
                    .expect("AES-GCM seals any chunk under 4 GiB");
                sealed.extend(chunk);
                self.pending.drain(..CHUNK);
            }
        }
        sealed
    }

    /// The last sealed bytes.
    pub fn finish(&mut self) -> Vec<u8> {
        let encryptor = self.encryptor.take().expect("finished twice");
        encryptor.encrypt_last(Payload { msg: &self.pending, aad: &self.aad }).expect("AES-GCM seals any chunk under 4 GiB")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keyring(spec: &[(&str, u8)]) -> Keyring {
        let entries: Vec<String> =
            spec.iter().map(|(id, byte)| format!("{id}:{}", base64::engine::general_purpose::STANDARD.encode([*byte; 32]))).collect();
        Keyring::parse(&entries.join(",")).expect("keyring")
    }

    #[test]
    fn seals_and_opens_any_length_and_hides_the_content() {
        let keys = keyring(&[("k1", 1)]);
        for len in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17] {
            let content: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let sealed = keys.seal("ab/object", &content);
            assert_eq!(sealed_with(&sealed), Ok(Some("k1")));
            assert_eq!(keys.open("ab/object", &sealed).expect("open"), content, "{len}");
            if len > 64 {
                assert!(!sealed.windows(32).any(|w| w == &content[..32]), "the content does not appear in clear");
            }
        }
    }

    #[test]
    fn pieces_of_any_size_seal_like_the_whole() {
        let keys = keyring(&[("k1", 1)]);
        let content: Vec<u8> = (0..(2 * CHUNK + 5)).map(|i| (i % 7) as u8).collect();
        let (mut sealed, mut sealer) = keys.sealer("ab/object");
        for piece in content.chunks(1000) {
            sealed.extend(sealer.push(piece));
        }
        sealed.extend(sealer.finish());
        assert_eq!(keys.open("ab/object", &sealed).expect("open"), content);
    }

    #[test]
    fn altered_truncated_or_moved_objects_do_not_open() {
        let keys = keyring(&[("k1", 1)]);
        let content = vec![7u8; 2 * CHUNK + 3];
        let sealed = keys.seal("ab/object", &content);
        let mut altered = sealed.clone();
        let middle = altered.len() / 2;
        altered[middle] ^= 1;
        assert_eq!(keys.open("ab/object", &altered), Err(OpenError::Corrupt));
        // Dropping the last chunk leaves a stream whose last piece was not sealed as the last.
        let truncated = &sealed[..sealed.len() - (3 + TAG)];
        assert_eq!(keys.open("ab/object", truncated), Err(OpenError::Corrupt));
        assert_eq!(keys.open("cd/other", &sealed), Err(OpenError::Corrupt));
        assert_eq!(keys.open("ab/object", &sealed[..12]), Err(OpenError::Corrupt));
    }

    #[test]
    fn old_keys_open_and_the_first_one_seals() {
        let old = keyring(&[("k1", 1)]);
        let sealed = old.seal("ab/object", b"%PDF-1.7");
        let rotated = keyring(&[("k2", 2), ("k1", 1)]);
        assert_eq!(rotated.sealing_id(), "k2");
        assert_eq!(rotated.open("ab/object", &sealed).expect("the old key still opens"), b"%PDF-1.7");
        let without_old = keyring(&[("k2", 2)]);
        assert_eq!(without_old.open("ab/object", &sealed), Err(OpenError::UnknownKey("k1".into())));
        // Objects stored before encryption are read as they are.
        assert_eq!(without_old.open("ab/object", b"%PDF-1.4 clair").expect("clear"), b"%PDF-1.4 clair");
        assert_eq!(sealed_with(b"%PDF-1.4 clair"), Ok(None));
    }

    #[test]
    fn secrets_in_columns_are_sealed_bound_to_their_row_and_resealed_on_rotation() {
        let old = keyring(&[("k1", 1)]);
        let stored = old.seal_text("agent-totp:7", "JBSWY3DPEHPK3PXP");
        assert!(stored.starts_with("sealed:") && !stored.contains("JBSWY3DP"));
        assert_eq!(old.open_text("agent-totp:7", &stored).expect("open"), "JBSWY3DPEHPK3PXP");
        assert_eq!(old.open_text("agent-totp:8", &stored), Err(OpenError::Corrupt), "another row's secret");
        assert_eq!(old.open_text("agent-totp:7", "JBSWY3DPEHPK3PXP").expect("clear"), "JBSWY3DPEHPK3PXP");
        let rotated = keyring(&[("k2", 2), ("k1", 1)]);
        assert!(rotated.needs_resealing(&stored) && rotated.needs_resealing("JBSWY3DPEHPK3PXP"));
        assert!(!old.needs_resealing(&stored));
    }

    #[test]
    fn the_keyring_refuses_what_it_cannot_use() {
        let key = base64::engine::general_purpose::STANDARD.encode([1u8; 32]);
        let short = base64::engine::general_purpose::STANDARD.encode([1u8; 16]);
        assert!(matches!(Keyring::parse(""), Err(KeyringError::Malformed(_))));
        assert!(matches!(Keyring::parse(&key), Err(KeyringError::Malformed(_))));
        assert_eq!(Keyring::parse(&format!("k 1:{key}")).err(), Some(KeyringError::BadId("k 1".into())));
        assert_eq!(Keyring::parse(&format!("k1:{short}")).err(), Some(KeyringError::BadKey("k1".into())));
        assert_eq!(Keyring::parse(&format!("k1:{key},k1:{key}")).err(), Some(KeyringError::DuplicateId("k1".into())));
        assert_eq!(Keyring::development().sealing_id(), DEVELOPMENT_KEY_ID);
    }
}
