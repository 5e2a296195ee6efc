//! An applicant's rating and comment on a filed application ("Je donne mon avis").

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "feedback")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub application_id: i32,
    pub rating: i16,
    pub comment: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::application::Entity", from = "Column::ApplicationId", to = "super::application::Column::Id")]
    Application,
}

impl ActiveModelBehavior for ActiveModel {}
