//! Application files on the server side: drafts, joined documents, submission (file number,
//! routing to the competent prefecture, receipt, e-mail) and the audit trail.

pub mod numbers;
pub mod receipt;
pub mod service;
pub mod store;
pub mod submission;

/// Status codes stored in `applications.status`, from the lifecycle of the shared domain.
pub mod status {
    use app::domain::lifecycle::FileStatus;

    pub const DRAFT: &str = FileStatus::Brouillon.as_str();
    pub const SUBMITTED: &str = FileStatus::Deposee.as_str();
    pub const ABANDONED: &str = FileStatus::Abandonnee.as_str();
}
