//! An application file, from draft to decision.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "applications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The identifier in URLs (never the sequential id).
    #[sea_orm(unique)]
    pub public_id: String,
    pub account_id: i32,
    pub procedure: String,
    pub request_kind: String,
    pub status: String,
    #[sea_orm(column_type = "Text")]
    pub answers: String,
    pub current_step: String,
    #[sea_orm(column_type = "Text")]
    pub recap_validated: String,
    pub version: i32,
    #[sea_orm(column_type = "Text", nullable)]
    pub observations: Option<String>,
    #[sea_orm(unique)]
    pub file_number: Option<String>,
    pub prefecture_id: Option<i32>,
    pub submitted_at: Option<DateTimeUtc>,
    pub deadline_on: Option<Date>,
    /// The day the prefecture's silence becomes an implicit rejection; none while documents
    /// are awaited or once decided (`lawful_stay::implicit`).
    pub implicit_decision_on: Option<Date>,
    /// The implicit-decision day the prefecture's agents were warned of (once per day set).
    pub implicit_warned_for: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The hash of the last line of its audit trail (`audit`): a removed last line shows.
    pub audit_head: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
