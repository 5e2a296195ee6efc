//! A slot a prefecture opened to hand over cards (`app::domain::appointments`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "collection_slots")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub prefecture_id: i32,
    pub day: Date,
    /// Paris wall-clock minutes after midnight.
    pub start_minute: i32,
    pub length_minutes: i32,
    pub capacity: i32,
    /// Standing bookings; only ever changed by a conditional update (`appointments::store`).
    pub booked: i32,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// When it starts, in Paris wall-clock minutes after midnight.
    pub fn start(&self) -> u32 {
        u32::try_from(self.start_minute).unwrap_or(0)
    }

    /// When it starts, as `HH:MM`.
    pub fn start_time(&self) -> String {
        app::domain::appointments::format_time(self.start())
    }
}
