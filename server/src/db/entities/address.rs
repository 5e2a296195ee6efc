//! One address of the national address base (BAN), as imported for the address completion.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "addresses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The BAN's own identifier (`91477_0410_00012`): importing again updates the row.
    #[sea_orm(unique)]
    pub ban_id: String,
    /// "12 Rue de la Hunière 91120 Palaiseau", as suggested.
    pub label: String,
    /// Number, repetition index and street ("12 bis Rue de la Hunière").
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub insee_code: String,
    /// The label without accents, in lower case: what the full-text index reads.
    pub search_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
