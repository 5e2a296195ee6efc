//! Addresses of the filing pages and of the file routes, in one place.

/// The orientation page ("Je demande ou renouvelle un titre de séjour").
pub const NEW: &str = "/demarches/nouvelle";

/// "Je valide mon VLS-TS".
pub const VISA_VALIDATION: &str = "/demarches/valider-vls-ts";

pub fn preamble(id: &str) -> String {
    format!("/demarches/demande/{id}/preambule")
}

pub fn step(id: &str, step: &str) -> String {
    format!("/demarches/demande/{id}/{step}")
}

/// Where the files of a document are posted (`?nom=` names each).
pub fn documents(id: &str, document: &str) -> String {
    format!("/api/demandes/{id}/pieces/{document}")
}

pub fn joined_file(id: &str, file: i32) -> String {
    format!("/api/demandes/{id}/fichiers/{file}")
}

/// The document issued at filing: the "confirmation de dépôt" of an application, the
/// attestation of validation of a VLS-TS.
pub fn receipt(id: &str, filing: crate::domain::catalogue::FilingKind) -> String {
    issued(id, filing.receipt_kind())
}

/// A document the service issued for the application (receipt, decision…).
pub fn issued(id: &str, kind: &str) -> String {
    format!("/api/demandes/{id}/documents/{kind}")
}

/// The list of supporting documents of a procedure, as a PDF built from the catalogue.
pub fn documents_list(procedure: &str) -> String {
    format!("/api/procedures/{procedure}/justificatifs.pdf")
}

/// A model attestation (see `domain::catalogue::models`).
pub fn model(code: &str) -> String {
    format!("/api/modeles/{code}.pdf")
}
