//! A document the service issued for an application (receipt, attestation, decision).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "issued_documents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    pub kind: String,
    pub file_name: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub storage_key: String,
    pub created_at: DateTimeUtc,
    /// Printed on the PDF with the address of `/verifier`, where anyone holding the paper checks
    /// it is authentic and still valid.
    #[sea_orm(unique)]
    pub verification_code: Option<String>,
    /// The period a document proves something for (an attestation de prolongation d'instruction).
    pub valid_from: Option<Date>,
    pub valid_until: Option<Date>,
    /// When it stopped proving anything before `valid_until` (a successor, a decision…) and why.
    pub ended_at: Option<DateTimeUtc>,
    pub ended_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
