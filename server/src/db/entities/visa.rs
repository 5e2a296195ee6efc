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
    /// The names as the agents' search matches them (`person::search_name`), kept by [`ActiveModel`].
    pub search_name: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

#[async_trait::async_trait]
impl ActiveModelBehavior for ActiveModel {
    /// Every save that sets the names sets what the search matches.
    async fn before_save<C: ConnectionTrait>(mut self, _db: &C, _insert: bool) -> Result<Self, DbErr> {
        if let (Some(given), Some(birth)) = (self.given_names.try_as_ref(), self.birth_name.try_as_ref()) {
            self.search_name = sea_orm::ActiveValue::Set(super::person::search_name(given, birth, None));
        }
        Ok(self)
    }
}
