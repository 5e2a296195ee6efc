//! One use of `/verifier`: a share code (the holder sees it) or a document's code.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "verification_checks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub share_code_id: Option<i32>,
    pub issued_document_id: Option<i32>,
    pub checked_at: DateTimeUtc,
    /// `shown`, or why nothing was shown (`wrong_birth_date`, `expired`, `revoked`).
    pub outcome: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
