//! Application files on the server side: drafts, joined documents, submission (file number,
//! routing to the competent prefecture, receipt, e-mail) and the audit trail.

pub mod numbers;
pub mod receipt;
pub mod store;
