//! Registration of a visa holder in AGDREF during instruction (SPEC §2 "titulaire d'un visa" and
//! §6): the agent creates the person from the visa's civil status and the address declared in
//! the file, with a new numéro étranger; the applicant's account (the same row, so the files stay
//! attached) gets a temporary password that must be changed at the first login, and two e-mails
//! go out: the identifier, then the temporary password.
//!
//! Everything happens in one transaction. Two agents registering the same holder at once cannot
//! both succeed: the account and the visa are attached with a compare-and-set on
//! `person_id IS NULL`, and the loser's transaction (with its person row) is rolled back.

use rand::Rng;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, Set, SqlErr, TransactionTrait,
};

use app::backend::AgentSession;
use app::domain::catalogue::common::{
    ADDRESS_CITY, ADDRESS_COMPLEMENT, ADDRESS_INSEE_CODE, ADDRESS_POSTAL_CODE, ADDRESS_STREET, MOBILE_PHONE,
};
use app::domain::catalogue::Answers;
use app::domain::identifiers::NumeroEtranger;
use app::domain::lifecycle::{FileEvent, FileStatus};
use app::domain::notifications::NotificationKind;
use app::i18n::Lang;
use app::instruction::RegistrationRefusal;

use crate::crypto::{temporary_password, PasswordWorkError};
use crate::db::entities::{account, application, person, prefecture, visa};
use crate::filing::status;
use crate::filing::status::ChangeError;
use crate::filing::store::Actor;
use crate::mail::{outbox, templates};
use crate::sessions;
use crate::state::AppState;

/// Draws of a numéro étranger before giving up: with 10⁸ numbers per département, a second
/// draw is already rare; running out means something else is wrong.
const NUMBER_ATTEMPTS: usize = 20;

#[derive(Debug, thiserror::Error)]
pub enum RegistrationError {
    #[error(transparent)]
    Db(#[from] DbErr),
    #[error("registration refused: {0:?}")]
    Refused(RegistrationRefusal),
    /// A submitted file always has an address; one without is a corrupt row.
    #[error("the file has no {0} in its answers")]
    MissingAnswer(&'static str),
    #[error("the account {0} has no visa")]
    VisaMissing(i32),
    #[error("no free numéro étranger after {NUMBER_ATTEMPTS} draws")]
    NumbersExhausted,
    #[error(transparent)]
    Password(#[from] PasswordWorkError),
}

impl From<RegistrationRefusal> for RegistrationError {
    fn from(refusal: RegistrationRefusal) -> Self {
        RegistrationError::Refused(refusal)
    }
}

/// What the agent is told once the transaction is committed.
#[derive(Debug)]
pub struct Registered {
    pub numero_etranger: NumeroEtranger,
    pub email: String,
}

/// The two first digits of a numéro étranger issued by `departement`'s prefecture, as in the
/// seeded AGDREF (`91…` in Essonne, `59…` in the Nord): Corsica (`2A`, `2B`) is `20`, the
/// overseas départements (`971`…) `97`.
pub fn number_prefix(departement: &str) -> String {
    let digits: String = departement.chars().take(2).map(|c| if c.is_ascii_digit() { c } else { '0' }).collect();
    format!("{digits:0<2}")
}

/// A random numéro étranger with `prefix`: 10 digits, as [`NumeroEtranger`] requires.
fn draw_number(prefix: &str) -> Result<NumeroEtranger, RegistrationError> {
    let suffix: u32 = rand::rngs::OsRng.gen_range(0..100_000_000);
    NumeroEtranger::parse(&format!("{prefix}{suffix:08}")).map_err(|_| RegistrationError::NumbersExhausted)
}

/// Registers the holder of `application` (already checked to belong to `agent`'s prefecture).
pub async fn register(state: &AppState, agent: &AgentSession, application: &application::Model) -> Result<Registered, RegistrationError> {
    if matches!(status::current(application), Ok(FileStatus::Brouillon | FileStatus::Abandonnee)) || application.submitted_at.is_none() {
        return Err(RegistrationRefusal::NotSubmitted.into());
    }
    let answers: Answers =
        serde_json::from_str(&application.answers).map_err(|e| DbErr::Custom(format!("answers of file {}: {e}", application.id)))?;
    let answer = |field: &'static str| answers.get(field).map(str::to_owned).ok_or(RegistrationError::MissingAnswer(field));
    let (street, postal_code, city, insee_code) =
        (answer(ADDRESS_STREET.id)?, answer(ADDRESS_POSTAL_CODE.id)?, answer(ADDRESS_CITY.id)?, answer(ADDRESS_INSEE_CODE.id)?);

    // Argon2 takes a while and a CPU: done before the write lock, off the async workers.
    let password = temporary_password();
    let hash = state.passwords.hash(&password).await?;

    let clock = &state.clock;
    let now = clock.now();
    let txn = crate::db::begin_write(&state.db).await?;
    let owner = account::Entity::find_by_id(application.account_id).one(&txn).await?.ok_or(DbErr::RecordNotFound("account".into()))?;
    let visa_id = match (owner.person_id, owner.visa_id) {
        (None, Some(visa_id)) => visa_id,
        (Some(_), Some(_)) => return Err(RegistrationRefusal::AlreadyRegistered.into()),
        (_, None) => return Err(RegistrationRefusal::NotVisaHolder.into()),
    };
    let visa = visa::Entity::find_by_id(visa_id).one(&txn).await?.ok_or(RegistrationError::VisaMissing(owner.id))?;
    if visa.person_id.is_some() {
        // Validated in VISABIO meanwhile: the person is already in AGDREF.
        return Err(RegistrationRefusal::AlreadyRegistered.into());
    }
    let departement = prefecture::Entity::find_by_id(agent.prefecture_id).one(&txn).await?.map(|p| p.departement).unwrap_or_default();
    let prefix = number_prefix(&departement);

    let template = person::ActiveModel {
        birth_name: Set(visa.birth_name.clone()),
        usage_name: Set(answers.get("nom_usage").map(str::to_owned)),
        given_names: Set(visa.given_names.clone()),
        sex: Set(visa.sex.clone()),
        birth_date: Set(visa.birth_date),
        birth_country: Set(visa.birth_country.clone()),
        birth_place: Set(visa.birth_place.clone()),
        nationality: Set(visa.nationality.clone()),
        street: Set(street),
        complement: Set(answers.get(ADDRESS_COMPLEMENT.id).map(str::to_owned)),
        postal_code: Set(postal_code),
        city: Set(city),
        insee_code: Set(insee_code),
        phone: Set(answers.get(MOBILE_PHONE.id).map(str::to_owned)),
        created_at: Set(now),
        ..Default::default()
    };
    let (person_id, numero) = insert_with_new_number(&txn, template, &prefix).await?;

    // Compare-and-set: only the first of two simultaneous registrations attaches the person.
    let attached = account::Entity::update_many()
        .col_expr(account::Column::PersonId, Expr::value(person_id))
        .filter(account::Column::Id.eq(owner.id))
        .filter(account::Column::PersonId.is_null())
        .exec(&txn)
        .await?;
    let visa_attached = visa::Entity::update_many()
        .col_expr(visa::Column::PersonId, Expr::value(person_id))
        .filter(visa::Column::Id.eq(visa.id))
        .filter(visa::Column::PersonId.is_null())
        .exec(&txn)
        .await?;
    if attached.rows_affected == 0 || visa_attached.rows_affected == 0 {
        return Err(RegistrationRefusal::AlreadyRegistered.into());
    }

    // The account keeps its id (its files, its e-mail) and its visa (the history of how it was
    // opened); it now logs in with the numéro étranger and the temporary password.
    let lang = Lang::from_code(&owner.lang).unwrap_or_default();
    let (account_id, email) = (owner.id, owner.email.clone());
    let mut active: account::ActiveModel = owner.into();
    active.password_hash = Set(Some(hash));
    active.must_change_password = Set(true);
    active.temporary_password_expires_at = Set(Some(state.passwords.temporary_until(now)));
    active.updated_at = Set(now);
    active.update(&txn).await?;
    // The sessions opened with the visa end: the next one starts with the new identifier and
    // goes through the password change.
    sessions::delete_others(&txn, account_id, None).await?;

    let detail = format!("Numéro étranger {numero} ; identifiant et mot de passe provisoire envoyés à {email}");
    status::record_file_event(&txn, clock, application, FileEvent::AgdrefRegistration, Actor::Agent(agent.agent_id), Some(detail))
        .await
        .map_err(|error| match error {
            ChangeError::Db(error) => RegistrationError::Db(error),
            other => RegistrationError::Db(DbErr::Custom(other.to_string())),
        })?;

    let login_url = state.url(app::accounts::paths::LOGIN);
    outbox::enqueue(&txn, clock, &email, templates::agdref_identifier(lang, numero.as_str(), login_url.clone()), vec![]).await?;
    outbox::enqueue(&txn, clock, &email, templates::agdref_temporary_password(lang, &password, login_url), vec![]).await?;
    crate::notifications::notify(&txn, clock, account_id, Some(application.id), NotificationKind::Registered).await?;
    txn.commit().await?;
    state.jobs_wakeup.notify_one();
    tracing::info!(agent = agent.agent_id, account = account_id, file = application.id, "visa holder registered in AGDREF");
    Ok(Registered { numero_etranger: numero, email })
}

/// Inserts the person with a fresh numéro étranger. The unique index on `numero_etranger` is
/// the arbiter (two registrations may draw the same number at once): each attempt runs in a
/// savepoint, so a collision on PostgreSQL does not abort the whole transaction.
async fn insert_with_new_number(
    txn: &DatabaseTransaction,
    template: person::ActiveModel,
    prefix: &str,
) -> Result<(i32, NumeroEtranger), RegistrationError> {
    for _ in 0..NUMBER_ATTEMPTS {
        let numero = draw_number(prefix)?;
        if person::Entity::find().filter(person::Column::NumeroEtranger.eq(numero.as_str())).one(txn).await?.is_some() {
            continue;
        }
        let mut row = template.clone();
        row.numero_etranger = Set(numero.as_str().to_owned());
        let savepoint = txn.begin().await?;
        match row.insert(&savepoint).await {
            Ok(created) => {
                savepoint.commit().await?;
                return Ok((created.id, numero));
            }
            Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                savepoint.rollback().await?;
            }
            Err(error) => return Err(error.into()),
        }
    }
    Err(RegistrationError::NumbersExhausted)
}

/// Whether `application`'s holder may be registered now (for the file view's button).
pub async fn can_register(db: &impl ConnectionTrait, application: &application::Model) -> Result<bool, DbErr> {
    if matches!(status::current(application), Ok(FileStatus::Brouillon | FileStatus::Abandonnee)) {
        return Ok(false);
    }
    let Some(owner) = account::Entity::find_by_id(application.account_id).one(db).await? else { return Ok(false) };
    Ok(owner.person_id.is_none() && owner.visa_id.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_start_with_the_departement() {
        assert_eq!(number_prefix("91"), "91");
        assert_eq!(number_prefix("2A"), "20");
        assert_eq!(number_prefix("971"), "97");
        assert_eq!(number_prefix(""), "00");
        for _ in 0..100 {
            let numero = draw_number("59").expect("number");
            assert_eq!(numero.as_str().len(), 10);
            assert!(numero.as_str().starts_with("59"));
            assert_eq!(NumeroEtranger::parse(numero.as_str()).as_ref(), Ok(&numero));
        }
    }
}
