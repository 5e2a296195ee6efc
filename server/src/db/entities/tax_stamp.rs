//! An electronic tax stamp, used once by a filed file.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tax_stamps")]
pub struct Model {
    /// The 16 digits, without spaces.
    #[sea_orm(primary_key, auto_increment = false)]
    pub number: String,
    pub application_id: i32,
    pub used_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
