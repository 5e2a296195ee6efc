//! A file an applicant joined to an application, as one of its documents.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application_files")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    /// Code of the catalogue's document rule.
    pub document_code: String,
    pub original_name: String,
    /// Detected from the content, never taken from the browser.
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub storage_key: String,
    pub uploaded_at: DateTimeUtc,
    /// Kept while the virus scan was down: not shown to agents until a scan clears it.
    pub held_for_scan: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
