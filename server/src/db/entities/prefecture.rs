//! A prefecture or sub-prefecture and what it serves.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "prefectures")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    /// `prefecture`, `sous-prefecture` or `prefecture-police`.
    pub kind: String,
    pub departement: String,
    pub parent_id: Option<i32>,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub email: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// "street, postal code town", as letters and notices print it.
    pub fn address(&self) -> String {
        format!("{}, {} {}", self.street, self.postal_code, self.city)
    }

    /// Its name and address: where to go.
    pub fn office(&self) -> String {
        format!("{}, {}", self.name, self.address())
    }
}
