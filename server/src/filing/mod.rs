//! Application files on the server side: drafts, joined documents, submission (file number,
//! routing to the competent prefecture, receipt, e-mail) and the audit trail.

pub mod numbers;
pub mod receipt;
pub mod service;
pub mod store;
pub mod submission;

/// Status codes stored in `applications.status` that the server code sets itself.
// Until the lifecycle state machine of the shared domain exists (issue 4), the codes live here.
pub mod status {
    pub const DRAFT: &str = "brouillon";
    pub const SUBMITTED: &str = "deposee";
}
