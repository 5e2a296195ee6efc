//! Proof of lawful stay on the server: reminders before a title expires, the attestation de
//! prolongation d'instruction that follows a timely renewal until the decision, the warning to
//! agents before silence becomes an implicit rejection, and share codes. The rules are
//! `app::domain::lawful_stay`'s; the figures that are policy choices are [`Policy`].

pub mod attestations;
pub mod implicit;
pub mod reminders;
pub mod service;
pub mod share_codes;

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use app::domain::lawful_stay::{
    DEFAULT_ATTESTATION_RENEWAL_LEAD_DAYS, DEFAULT_IMPLICIT_WARNING_DAYS, DEFAULT_REMINDER_DAYS, DEFAULT_SHARE_CODE_DAYS,
};
use app::domain::lifecycle::FileStatus;

use crate::db::entities::{account, application, title};

/// The policy figures (settings `ANEF_*`, `docs/lawful-stay.md`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    /// Issue the attestation when a timely renewal is filed (the Défenseur des droits'
    /// recommendation), rather than when an agent takes the file in charge.
    pub attestation_at_filing: bool,
    pub reminder_days: Vec<i64>,
    pub attestation_renewal_lead_days: i64,
    pub implicit_warning_days: i64,
    pub share_code_days: i64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            attestation_at_filing: true,
            reminder_days: DEFAULT_REMINDER_DAYS.to_vec(),
            attestation_renewal_lead_days: DEFAULT_ATTESTATION_RENEWAL_LEAD_DAYS,
            implicit_warning_days: DEFAULT_IMPLICIT_WARNING_DAYS,
            share_code_days: DEFAULT_SHARE_CODE_DAYS,
        }
    }
}

/// The title the account's holder holds, or held last: the one of the title register that ends
/// last. A visa holder has none.
pub async fn current_title(db: &impl ConnectionTrait, owner: &account::Model) -> Result<Option<title::Model>, DbErr> {
    title_of_person(db, owner.person_id).await
}

/// The latest title of the AGDREF person `person_id` (none for an account without one).
pub async fn title_of_person(db: &impl ConnectionTrait, person_id: Option<i32>) -> Result<Option<title::Model>, DbErr> {
    let Some(person_id) = person_id else { return Ok(None) };
    title::Entity::find().filter(title::Column::PersonId.eq(person_id)).order_by_desc(title::Column::ValidTo).one(db).await
}

/// The account's filed renewal of `held`, if any: filed after the title began (the renewal that
/// produced it came before), and not abandoned.
pub async fn filed_renewal(db: &impl ConnectionTrait, account_id: i32, held: &title::Model) -> Result<Option<application::Model>, DbErr> {
    let began = held.valid_from.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    application::Entity::find()
        .filter(application::Column::AccountId.eq(account_id))
        .filter(application::Column::RequestKind.eq(app::filing::RequestKind::Renouvellement.as_str()))
        .filter(application::Column::SubmittedAt.gte(began))
        .filter(application::Column::Status.ne(FileStatus::Brouillon.as_str()))
        .filter(application::Column::Status.ne(FileStatus::Abandonnee.as_str()))
        .order_by_desc(application::Column::SubmittedAt)
        .one(db)
        .await
}
