//! An applicant'\''s account: attached to an AGDREF person (title holder) or, until registration, to a visa.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "accounts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub person_id: Option<i32>,
    #[sea_orm(unique)]
    pub visa_id: Option<i32>,
    pub email: String,
    pub email_verified_at: Option<DateTimeUtc>,
    /// Argon2id PHC string. Never leaves the server crate.
    pub password_hash: Option<String>,
    pub must_change_password: bool,
    /// When the temporary password stops working (`must_change_password` accounts only).
    pub temporary_password_expires_at: Option<DateTimeUtc>,
    pub lang: String,
    pub phone: Option<String>,
    /// The address declared on the account, replacing the register's when set.
    pub street: Option<String>,
    pub address_complement: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub insee_code: Option<String>,
    /// Reminders before the title expires (`lawful_stay::reminders`); the holder may turn them off.
    pub renewal_reminders: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
