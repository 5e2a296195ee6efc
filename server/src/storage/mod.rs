//! Storage of the files applicants join (and of generated documents), behind one small API so
//! that the backend can change without touching its callers: a local folder by default; an
//! S3-compatible object store is another variant of [`Storage`].
//!
//! Objects are immutable and named by a random key; the database records the key with the
//! content hash and size, so a file is never overwritten in place and a half-written file is
//! never visible (write to a temporary name, then rename). The file and its folder are flushed
//! to disk before `put` returns, so a row committed after it never points at an object a power
//! cut lost. [`check`] compares the rows with the objects (`server check-storage`).

pub mod check;
pub mod encryption;

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

pub use encryption::Keyring;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("storage I/O: {0}")]
    Io(#[from] std::io::Error),
    #[error("no stored object {0}")]
    NotFound(String),
    #[error("invalid storage key {0:?}")]
    InvalidKey(String),
    #[error("stored object {0} cannot be read: {1}")]
    Unreadable(String, encryption::OpenError),
}

/// What the database records about a stored object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredObject {
    pub key: String,
    pub size: u64,
    /// Lower-case hexadecimal SHA-256 of the content.
    pub sha256: String,
}

/// The stored objects: where they are kept, and the keys that seal them.
#[derive(Clone, Debug)]
pub struct Storage {
    backend: Backend,
    keyring: Keyring,
}

#[derive(Clone, Debug)]
enum Backend {
    Local(LocalStorage),
}

/// What a rotation of the storage keys did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct RotationReport {
    /// Objects resealed with the sealing key (sealed with an older key, or stored in clear).
    pub resealed: usize,
    /// Objects already sealed with it.
    pub current: usize,
}

impl Storage {
    pub fn local(root: impl Into<PathBuf>, keyring: Keyring) -> Self {
        Storage { backend: Backend::Local(LocalStorage { root: root.into() }), keyring }
    }

    pub async fn put(&self, content: &[u8]) -> Result<StoredObject, StorageError> {
        let mut writer = self.writer().await?;
        writer.write(content).await?;
        writer.finish().await
    }

    /// A new object written piece by piece (an upload as it arrives).
    pub async fn writer(&self) -> Result<ObjectWriter, StorageError> {
        let key = new_key();
        let Backend::Local(local) = &self.backend;
        let path = local.path(&key)?;
        let folder = path.parent().unwrap_or(Path::new(".")).to_owned();
        tokio::fs::create_dir_all(&folder).await?;
        let temporary = local.temporary_path(&key)?;
        let mut file = tokio::fs::File::create(&temporary).await?;
        let (header, sealer) = self.keyring.sealer(&key);
        tokio::io::AsyncWriteExt::write_all(&mut file, &header).await?;
        Ok(ObjectWriter { key, sealer, file, temporary, path, hasher: Sha256::new(), size: 0, finished: false })
    }

    pub async fn get(&self, key: &str) -> Result<Vec<u8>, StorageError> {
        let stored = self.read_sealed(key).await?;
        self.keyring.open(key, &stored).map_err(|error| StorageError::Unreadable(key.to_owned(), error))
    }

    /// An object as stored (sealed): what a backup copies.
    pub async fn read_sealed(&self, key: &str) -> Result<Vec<u8>, StorageError> {
        match &self.backend {
            Backend::Local(local) => local.read(key).await,
        }
    }

    /// Writes an object as it was stored (sealed) under its key: what a restore does.
    pub async fn write_sealed(&self, key: &str, sealed: &[u8]) -> Result<(), StorageError> {
        match &self.backend {
            Backend::Local(local) => local.write(key, sealed).await,
        }
    }

    pub async fn delete(&self, key: &str) -> Result<(), StorageError> {
        match &self.backend {
            Backend::Local(local) => local.delete(key).await,
        }
    }

    /// Removes what [`Storage::list`] found (an object, or a left-over temporary file).
    pub async fn remove_listed(&self, listed: &Listed) -> Result<(), StorageError> {
        match &self.backend {
            Backend::Local(local) => local.remove_listed(listed).await,
        }
    }

    /// Every object, with when it was last written (and left-over temporary files, named by
    /// their path under the root).
    pub async fn list(&self) -> Result<Vec<Listed>, StorageError> {
        match &self.backend {
            Backend::Local(local) => local.list().await,
        }
    }

    /// Reseals with the keyring's first key every object an older key sealed (or stored in
    /// clear), in place: the content is unchanged, so the rows that point at it stay true.
    /// Once it has run, the older keys can leave the configuration.
    pub async fn rotate_keys(&self) -> Result<RotationReport, StorageError> {
        let mut report = RotationReport::default();
        for listed in self.list().await?.into_iter().filter(|l| !l.unfinished) {
            let stored = self.read_sealed(&listed.key).await?;
            let sealed_with = encryption::sealed_with(&stored).map_err(|e| StorageError::Unreadable(listed.key.clone(), e))?;
            if sealed_with == Some(self.keyring.sealing_id()) {
                report.current += 1;
                continue;
            }
            let content = self.keyring.open(&listed.key, &stored).map_err(|e| StorageError::Unreadable(listed.key.clone(), e))?;
            self.write_sealed(&listed.key, &self.keyring.seal(&listed.key, &content)).await?;
            report.resealed += 1;
        }
        Ok(report)
    }
}

/// An object being written: sealed, hashed and counted on the way, written to a temporary
/// name and visible under its key only once finished (and then durably). Dropped unfinished,
/// it leaves nothing behind.
pub struct ObjectWriter {
    key: String,
    sealer: encryption::Sealer,
    file: tokio::fs::File,
    temporary: PathBuf,
    path: PathBuf,
    hasher: Sha256,
    size: u64,
    finished: bool,
}

impl ObjectWriter {
    pub async fn write(&mut self, content: &[u8]) -> Result<(), StorageError> {
        self.hasher.update(content);
        self.size += content.len() as u64;
        let sealed = self.sealer.push(content);
        if !sealed.is_empty() {
            tokio::io::AsyncWriteExt::write_all(&mut self.file, &sealed).await?;
        }
        Ok(())
    }

    /// Bytes written so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    pub async fn finish(mut self) -> Result<StoredObject, StorageError> {
        let last = self.sealer.finish();
        tokio::io::AsyncWriteExt::write_all(&mut self.file, &last).await?;
        self.file.sync_all().await?;
        tokio::fs::rename(&self.temporary, &self.path).await?;
        self.finished = true;
        // The rename is durable only once the folder itself is flushed.
        let folder = self.path.parent().unwrap_or(Path::new("."));
        tokio::fs::File::open(folder).await?.sync_all().await?;
        let sha256 = std::mem::take(&mut self.hasher).finalize().iter().map(|b| format!("{b:02x}")).collect();
        Ok(StoredObject { key: std::mem::take(&mut self.key), size: self.size, sha256 })
    }
}

impl Drop for ObjectWriter {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_file(&self.temporary);
        }
    }
}

/// A new object's key: random, in one of 256 folders ("ab/<uuid>").
fn new_key() -> String {
    let id = uuid::Uuid::new_v4().to_string();
    format!("{}/{id}", &id[..2])
}

/// An object (or a left-over temporary file) found in storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    pub key: String,
    pub written_at: chrono::DateTime<chrono::Utc>,
    /// A write that never finished (`.part`): never pointed at, always safe to remove.
    pub unfinished: bool,
}

pub fn sha256_hex(content: &[u8]) -> String {
    Sha256::digest(content).iter().map(|b| format!("{b:02x}")).collect()
}

/// Objects as files under `root`, in 256 sub-folders so no folder grows too large.
#[derive(Clone, Debug)]
pub struct LocalStorage {
    root: PathBuf,
}

impl LocalStorage {
    fn path(&self, key: &str) -> Result<PathBuf, StorageError> {
        // Keys are ours ("ab/<uuid>"), but they come back from the database: refuse anything
        // that could leave the root.
        let valid = key.len() == 39
            && key.as_bytes()[2] == b'/'
            && key.bytes().enumerate().all(|(i, b)| i == 2 || b.is_ascii_hexdigit() || b == b'-');
        if !valid {
            return Err(StorageError::InvalidKey(key.to_owned()));
        }
        Ok(self.root.join(key))
    }

    /// Where an object is written before it is renamed to its key (`.part`: listed as
    /// unfinished, never read).
    fn temporary_path(&self, key: &str) -> Result<PathBuf, StorageError> {
        let path = self.path(key)?;
        let name = key.rsplit('/').next().unwrap_or(key);
        Ok(path.with_file_name(format!(".{name}.{}.part", uuid::Uuid::new_v4().simple())))
    }

    /// Writes `bytes` under `key` whole or not at all (a temporary name, then a rename), and
    /// durably.
    async fn write(&self, key: &str, bytes: &[u8]) -> Result<(), StorageError> {
        let path = self.path(key)?;
        let folder = path.parent().unwrap_or(Path::new("."));
        tokio::fs::create_dir_all(folder).await?;
        let temporary = self.temporary_path(key)?;
        let mut file = tokio::fs::File::create(&temporary).await?;
        tokio::io::AsyncWriteExt::write_all(&mut file, bytes).await?;
        file.sync_all().await?;
        drop(file);
        tokio::fs::rename(&temporary, &path).await?;
        // The rename is durable only once the folder itself is flushed.
        tokio::fs::File::open(folder).await?.sync_all().await?;
        Ok(())
    }

    async fn list(&self) -> Result<Vec<Listed>, StorageError> {
        let mut found = Vec::new();
        let Ok(mut folders) = tokio::fs::read_dir(&self.root).await else { return Ok(found) };
        while let Some(folder) = folders.next_entry().await? {
            if !folder.file_type().await?.is_dir() {
                continue;
            }
            let prefix = folder.file_name().to_string_lossy().into_owned();
            let mut files = tokio::fs::read_dir(folder.path()).await?;
            while let Some(file) = files.next_entry().await? {
                let name = file.file_name().to_string_lossy().into_owned();
                let written_at = file.metadata().await?.modified().map(chrono::DateTime::<chrono::Utc>::from)?;
                found.push(Listed { unfinished: name.ends_with(".part"), key: format!("{prefix}/{name}"), written_at });
            }
        }
        found.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(found)
    }

    /// Removes a listed entry (an object by its key, or a left-over temporary file).
    async fn remove_listed(&self, listed: &Listed) -> Result<(), StorageError> {
        if listed.unfinished {
            let (folder, name) = listed.key.split_once('/').ok_or_else(|| StorageError::InvalidKey(listed.key.clone()))?;
            let valid = folder.len() == 2 && name.starts_with('.') && !name.contains('/');
            if !valid {
                return Err(StorageError::InvalidKey(listed.key.clone()));
            }
            return Ok(tokio::fs::remove_file(self.root.join(folder).join(name)).await?);
        }
        self.delete(&listed.key).await
    }

    async fn read(&self, key: &str) -> Result<Vec<u8>, StorageError> {
        match tokio::fs::read(self.path(key)?).await {
            Ok(bytes) => Ok(bytes),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Err(StorageError::NotFound(key.to_owned())),
            Err(error) => Err(error.into()),
        }
    }

    async fn delete(&self, key: &str) -> Result<(), StorageError> {
        match tokio::fs::remove_file(self.path(key)?).await {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error.into()),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn stores_reads_and_deletes_with_hash_and_size() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let storage = Storage::local(dir.path(), Keyring::development());
        let stored = storage.put(b"%PDF-1.7 contenu").await.expect("put");
        assert_eq!(stored.size, 16);
        assert_eq!(stored.sha256, sha256_hex(b"%PDF-1.7 contenu"));
        assert_eq!(stored.sha256.len(), 64);
        assert_eq!(storage.get(&stored.key).await.expect("get"), b"%PDF-1.7 contenu");

        let other = storage.put(b"%PDF-1.7 contenu").await.expect("put again");
        assert_ne!(other.key, stored.key, "objects are never overwritten");

        storage.delete(&stored.key).await.expect("delete");
        assert!(matches!(storage.get(&stored.key).await, Err(StorageError::NotFound(_))));
        storage.delete(&stored.key).await.expect("deleting twice is not an error");
        assert_eq!(storage.get(&other.key).await.expect("the other one stays"), b"%PDF-1.7 contenu");
    }

    #[tokio::test]
    async fn refuses_keys_that_leave_the_root() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let storage = Storage::local(dir.path(), Keyring::development());
        for key in ["../etc/passwd", "ab/../../x", "/etc/passwd", "", "ab/0123456789abcdef0123456789abcdef012/"] {
            assert!(matches!(storage.get(key).await, Err(StorageError::InvalidKey(_))), "{key:?}");
        }
    }

    #[tokio::test]
    async fn objects_are_sealed_on_disk_and_rotation_reseals_them_under_the_new_key() {
        use base64::Engine;
        let dir = tempfile::tempdir().expect("temporary folder");
        let key = |byte: u8| base64::engine::general_purpose::STANDARD.encode([byte; 32]);
        let old = Storage::local(dir.path(), Keyring::parse(&format!("k1:{}", key(1))).expect("keys"));
        let stored = old.put(b"%PDF-1.7 passeport de Sofia").await.expect("put");
        let on_disk = std::fs::read(dir.path().join(&stored.key)).expect("the object's file");
        assert!(!on_disk.windows(8).any(|w| w == b"passeport"), "no clear text on disk");
        // A file stored before encryption was configured.
        let clear = "ab/0123456789abcdef0123456789abcdef0123";
        old.write_sealed(clear, b"%PDF-1.4 ancien").await.expect("clear object");

        let both = Storage::local(dir.path(), Keyring::parse(&format!("k2:{},k1:{}", key(2), key(1))).expect("keys"));
        assert_eq!(both.rotate_keys().await.expect("rotate"), RotationReport { resealed: 2, current: 0 });
        assert_eq!(both.rotate_keys().await.expect("again"), RotationReport { resealed: 0, current: 2 });
        let new_only = Storage::local(dir.path(), Keyring::parse(&format!("k2:{}", key(2))).expect("keys"));
        assert_eq!(new_only.get(&stored.key).await.expect("read with the new key"), b"%PDF-1.7 passeport de Sofia");
        assert_eq!(new_only.get(clear).await.expect("sealed too"), b"%PDF-1.4 ancien");
        assert!(matches!(old.get(&stored.key).await, Err(StorageError::Unreadable(_, _))), "the old key alone no longer opens it");
    }
}
