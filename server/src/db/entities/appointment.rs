//! A booking of a collection slot for a file whose card is available.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "appointments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    /// The file's id while the booking stands (unique: one per file), empty once cancelled or
    /// settled.
    pub active_application_id: Option<i32>,
    pub slot_id: i32,
    pub booked_at: DateTimeUtc,
    pub cancelled_at: Option<DateTimeUtc>,
    /// `Outcome::as_str`, recorded by the agent on the day.
    pub outcome: Option<String>,
    pub settled_at: Option<DateTimeUtc>,
    pub settled_by: Option<i32>,
    pub reminder_sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
