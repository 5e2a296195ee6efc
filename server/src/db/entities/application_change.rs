//! One change the applicant made to a filed application: an answer (before, after) or a
//! document added (after only). Never changed once written.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "application_changes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    pub changed_at: DateTimeUtc,
    /// The step and the question, or the document, in French (the file's language).
    pub label: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub before_value: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub after_value: Option<String>,
    /// The agent's request it answered, if any.
    pub request_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
