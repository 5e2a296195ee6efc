//! Rules for the files applicants join: accepted formats, recognised from the content (never
//! from the name), at most 10 MB per file and 3 files per document. The browser checks them
//! before sending, to say so at once; the server checks them again, and refuses an oversize
//! body at the HTTP layer before anything is stored.

use serde::{Deserialize, Serialize};

use super::validation::ValidationError;

pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;
pub const MAX_FILES_PER_DOCUMENT: u32 = 3;
/// How many leading bytes [`FileKind::sniff`] needs.
pub const SNIFF_BYTES: usize = 8;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    Jpeg,
    Png,
    Bmp,
    Tiff,
    Pdf,
}

impl FileKind {
    /// The format of a file from its first bytes (magic numbers).
    pub fn sniff(head: &[u8]) -> Option<FileKind> {
        match head {
            [0xFF, 0xD8, 0xFF, ..] => Some(FileKind::Jpeg),
            [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some(FileKind::Png),
            [b'B', b'M', ..] => Some(FileKind::Bmp),
            [b'I', b'I', 0x2A, 0x00, ..] | [b'M', b'M', 0x00, 0x2A, ..] => Some(FileKind::Tiff),
            [b'%', b'P', b'D', b'F', b'-', ..] => Some(FileKind::Pdf),
            _ => None,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
            FileKind::Bmp => "image/bmp",
            FileKind::Tiff => "image/tiff",
            FileKind::Pdf => "application/pdf",
        }
    }

    /// The `accept` attribute of the file input (a hint for the picker, not a check).
    pub const ACCEPT: &'static str = ".jpg,.jpeg,.png,.bmp,.tif,.tiff,.pdf,image/jpeg,image/png,image/bmp,image/tiff,application/pdf";
}

/// Checks a file before it is sent or stored: its size, its format from its first bytes, and
/// that the document does not already have the maximum number of files.
pub fn check_upload(size: u64, head: &[u8], files_already_joined: u32) -> Result<FileKind, ValidationError> {
    if files_already_joined >= MAX_FILES_PER_DOCUMENT {
        return Err(ValidationError::TooManyFiles { max: MAX_FILES_PER_DOCUMENT });
    }
    if size == 0 {
        return Err(ValidationError::FileEmpty);
    }
    if size > MAX_FILE_BYTES {
        return Err(ValidationError::FileTooLarge { max_mb: (MAX_FILE_BYTES / (1024 * 1024)) as u32 });
    }
    FileKind::sniff(head).ok_or(ValidationError::FileTypeNotAccepted)
}

/// Whether `new_bytes` more still fit in an account whose files take `used_bytes` of its
/// `quota_mb` (the service's storage is shared: one account cannot fill it).
pub fn check_account_quota(used_bytes: u64, new_bytes: u64, quota_mb: u32) -> Result<(), ValidationError> {
    if used_bytes.saturating_add(new_bytes) > u64::from(quota_mb) * 1024 * 1024 {
        return Err(ValidationError::AccountStorageFull { max_mb: quota_mb });
    }
    Ok(())
}

/// Characters that change how text around them is shown without being seen themselves: the
/// bidirectional controls (which make `facture\u{202E}fdp.exe` display as `facture.exe.pdf`),
/// zero-width characters and the byte-order mark.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// A file name safe to show and to send back in a download: no path, no control or invisible
/// formatting characters, at most 120 characters.
pub fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base.chars().filter(|&c| !c.is_control() && !is_invisible_format(c) && c != '"').take(120).collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        "document".to_owned()
    } else {
        cleaned.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_recognised_from_the_content() {
        assert_eq!(FileKind::sniff(b"%PDF-1.7\n"), Some(FileKind::Pdf));
        assert_eq!(FileKind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0, 0]), Some(FileKind::Jpeg));
        assert_eq!(FileKind::sniff(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]), Some(FileKind::Png));
        assert_eq!(FileKind::sniff(b"BM\x36\x00\x00\x00"), Some(FileKind::Bmp));
        assert_eq!(FileKind::sniff(b"II*\x00\x08\x00"), Some(FileKind::Tiff));
        assert_eq!(FileKind::sniff(b"MM\x00*\x00\x00"), Some(FileKind::Tiff));
        // A text file renamed .pdf, a Word document, nothing.
        assert_eq!(FileKind::sniff(b"Bonjour, ceci est un texte"), None);
        assert_eq!(FileKind::sniff(b"PK\x03\x04"), None);
        assert_eq!(FileKind::sniff(b""), None);
    }

    #[test]
    fn an_account_keeps_its_files_under_its_quota() {
        let mb = 1024 * 1024;
        assert_eq!(check_account_quota(0, 10 * mb, 200), Ok(()));
        assert_eq!(check_account_quota(190 * mb, 10 * mb, 200), Ok(()));
        assert_eq!(check_account_quota(190 * mb, 10 * mb + 1, 200), Err(ValidationError::AccountStorageFull { max_mb: 200 }));
    }

    #[test]
    fn uploads_are_limited_in_size_and_number() {
        assert_eq!(check_upload(1000, b"%PDF-1.4", 0), Ok(FileKind::Pdf));
        assert_eq!(check_upload(MAX_FILE_BYTES, b"%PDF-1.4", 2), Ok(FileKind::Pdf));
        assert_eq!(check_upload(MAX_FILE_BYTES + 1, b"%PDF-1.4", 0), Err(ValidationError::FileTooLarge { max_mb: 10 }));
        assert_eq!(check_upload(1000, b"%PDF-1.4", 3), Err(ValidationError::TooManyFiles { max: 3 }));
        assert_eq!(check_upload(0, b"", 0), Err(ValidationError::FileEmpty));
        assert_eq!(check_upload(1000, b"GIF89a", 0), Err(ValidationError::FileTypeNotAccepted));
    }

    #[test]
    fn file_names_are_cleaned() {
        assert_eq!(clean_file_name("C:\\Users\\ana\\passeport.pdf"), "passeport.pdf");
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("a\u{0}b\"c.pdf"), "abc.pdf");
        assert_eq!(clean_file_name("  "), "document");
        assert_eq!(clean_file_name("facture\u{202E}fdp.exe"), "facturefdp.exe");
        assert_eq!(clean_file_name("\u{2067}photo\u{2069}\u{200B}.jpg\u{FEFF}"), "photo.jpg");
    }
}
