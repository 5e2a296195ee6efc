//! An agent's request to correct a file (`app::domain::corrections`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "correction_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    pub agent_id: i32,
    pub requested_at: DateTimeUtc,
    /// `Vec<CorrectionItem>` as JSON.
    #[sea_orm(column_type = "Text")]
    pub items: String,
    /// When the applicant sent the corrected file back.
    pub answered_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
