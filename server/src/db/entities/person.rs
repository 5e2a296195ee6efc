//! A person known in AGDREF (has a numéro étranger).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "persons")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub numero_etranger: String,
    pub birth_name: String,
    pub usage_name: Option<String>,
    pub given_names: String,
    pub sex: String,
    pub birth_date: Date,
    pub birth_country: String,
    pub birth_place: String,
    pub nationality: String,
    pub street: String,
    pub complement: Option<String>,
    pub postal_code: String,
    pub city: String,
    pub insee_code: String,
    pub phone: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
