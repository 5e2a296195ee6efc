//! A visa of VISABIO, with the civil status of its holder (who may not be in AGDREF yet).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "visas")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub visa_number: String,
    pub person_id: Option<i32>,
    pub doc_type: String,
    pub category: String,
    pub label: String,
    pub mention: String,
    pub valid_from: Date,
    pub valid_to: Date,
    pub birth_name: String,
    pub given_names: String,
    pub sex: String,
    pub birth_date: Date,
    pub birth_country: String,
    pub birth_place: String,
    pub nationality: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
