//! A prefecture agent of the back-office.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub prefecture_id: i32,
    pub is_admin: bool,
    /// With `is_admin`: administers every prefecture's agents, not only its own.
    pub national_admin: bool,
    /// The password was issued by an administrator: it must be replaced at the next login.
    pub must_change_password: bool,
    /// When the temporary password stops working (`must_change_password` agents only).
    pub temporary_password_expires_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The hash of the last line of its audit trail (`audit`): a removed last line shows.
    pub audit_head: Option<String>,
    /// The second factor's secret (base32), once enrolled (`instruction::second_factor`).
    pub totp_secret: Option<String>,
    /// The secret shown during an enrolment, until a code of it confirms it.
    pub totp_pending_secret: Option<String>,
    pub totp_enabled_at: Option<DateTimeUtc>,
    /// The last time step whose code was accepted: a code serves once.
    pub totp_last_step: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
