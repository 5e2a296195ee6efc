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
    /// The names as the agents' search matches them ([`search_name`]), kept by [`ActiveModel`].
    pub search_name: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

#[async_trait::async_trait]
impl ActiveModelBehavior for ActiveModel {
    /// Every save that sets the names sets what the search matches.
    async fn before_save<C: ConnectionTrait>(mut self, _db: &C, _insert: bool) -> Result<Self, DbErr> {
        if let (Some(given), Some(birth), Some(usage)) =
            (self.given_names.try_as_ref(), self.birth_name.try_as_ref(), self.usage_name.try_as_ref())
        {
            self.search_name = sea_orm::ActiveValue::Set(search_name(given, birth, usage.as_deref()));
        }
        Ok(self)
    }
}

/// Given, birth and usage names as the search matches them (`text::search_text`).
pub fn search_name(given_names: &str, birth_name: &str, usage_name: Option<&str>) -> String {
    crate::text::search_text(&format!("{given_names} {birth_name} {}", usage_name.unwrap_or_default()))
}
