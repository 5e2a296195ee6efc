//! One document of a complementary-document request, with the agent's reason and the
//! applicant's answer.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "complement_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub request_id: i32,
    pub document_code: String,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub answer: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub justification: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
