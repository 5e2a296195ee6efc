//! A message of a file's thread (`app::domain::messages`). Never changed once sent, but for
//! the time the other side read it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    /// `Author::as_str`.
    pub author: String,
    /// The agent who wrote it (none for the applicant's).
    pub agent_id: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// "Awaiting your answer" before this day (an agent's message only).
    pub awaiting_until: Option<Date>,
    pub sent_at: DateTimeUtc,
    /// When the other side first opened the thread after it was sent.
    pub read_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
