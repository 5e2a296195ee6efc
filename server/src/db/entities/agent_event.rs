//! One line of the agent accounts' audit trail: an account created or a password reset, by
//! whom and from where.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agent_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agent_id: i32,
    /// `admin`, `cli` or `seed` (`instruction::agents::Origin`).
    pub source: String,
    pub actor_agent_id: Option<i32>,
    /// `created` or `password_reset`.
    pub action: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub detail: Option<String>,
    pub created_at: DateTimeUtc,
    /// The hash of the line before it in the same trail (`audit`); none for the first.
    pub prev_hash: Option<String>,
    /// The keyed hash of this line and `prev_hash`; none for lines older than the chain.
    pub hash: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
