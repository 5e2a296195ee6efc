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

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("storage I/O: {0}")]
    Io(#[from] std::io::Error),
    #[error("no stored object {0}")]
    NotFound(String),
    #[error("invalid storage key {0:?}")]
    InvalidKey(String),
}

/// What the database records about a stored object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredObject {
    pub key: String,
    pub size: u64,
    /// Lower-case hexadecimal SHA-256 of the content.
    pub sha256: String,
}

#[derive(Clone, Debug)]
pub enum Storage {
    Local(LocalStorage),
}

impl Storage {
    pub fn local(root: impl Into<PathBuf>) -> Self {
        Storage::Local(LocalStorage { root: root.into() })
    }

    pub async fn put(&self, content: &[u8]) -> Result<StoredObject, StorageError> {
        match self {
            Storage::Local(local) => local.put(content).await,
        }
    }

    pub async fn get(&self, key: &str) -> Result<Vec<u8>, StorageError> {
        match self {
            Storage::Local(local) => local.get(key).await,
        }
    }

    pub async fn delete(&self, key: &str) -> Result<(), StorageError> {
        match self {
            Storage::Local(local) => local.delete(key).await,
        }
    }

    /// Removes what [`Storage::list`] found (an object, or a left-over temporary file).
    pub async fn remove_listed(&self, listed: &Listed) -> Result<(), StorageError> {
        match self {
            Storage::Local(local) => local.remove_listed(listed).await,
        }
    }

    /// Every object, with when it was last written (and left-over temporary files, named by
    /// their path under the root).
    pub async fn list(&self) -> Result<Vec<Listed>, StorageError> {
        match self {
            Storage::Local(local) => local.list().await,
        }
    }
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

    async fn put(&self, content: &[u8]) -> Result<StoredObject, StorageError> {
        let id = uuid::Uuid::new_v4().to_string();
        let key = format!("{}/{id}", &id[..2]);
        let path = self.path(&key)?;
        let folder = path.parent().unwrap_or(Path::new("."));
        tokio::fs::create_dir_all(folder).await?;
        let temporary = folder.join(format!(".{id}.part"));
        let mut file = tokio::fs::File::create(&temporary).await?;
        tokio::io::AsyncWriteExt::write_all(&mut file, content).await?;
        file.sync_all().await?;
        drop(file);
        tokio::fs::rename(&temporary, &path).await?;
        // The rename is durable only once the folder itself is flushed.
        tokio::fs::File::open(folder).await?.sync_all().await?;
        Ok(StoredObject { key, size: content.len() as u64, sha256: sha256_hex(content) })
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

    async fn get(&self, key: &str) -> Result<Vec<u8>, StorageError> {
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
        let storage = Storage::local(dir.path());
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
        let storage = Storage::local(dir.path());
        for key in ["../etc/passwd", "ab/../../x", "/etc/passwd", "", "ab/0123456789abcdef0123456789abcdef012/"] {
            assert!(matches!(storage.get(key).await, Err(StorageError::InvalidKey(_))), "{key:?}");
        }
    }
}
