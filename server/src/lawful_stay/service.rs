//! The server functions of `app::lawful_stay`: the holder's proofs and share codes, and the
//! public checks of `/verifier`.

use async_trait::async_trait;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set};

use app::backend::{LawfulStayBackend, Principal, RequestCtx};
use app::domain::catalogue;
use app::domain::date::Date;
use app::domain::lawful_stay::{display_code, parse_code, RenewalWindow, SharePurpose};
use app::domain::lifecycle::FileStatus;
use app::domain::validation::{FieldErrors, ValidationError};
use app::error::AppError;
use app::i18n::Lang;
use app::lawful_stay::{DocumentCheckView, ProofsView, RenewalNotice, ShareCodeState, ShareCodeView, Standing, StatusCheckView};

use super::attestations;
use super::share_codes;
use crate::accounts::rate_limit::{self, VERIFY_PER_CLIENT, VERIFY_PER_CODE};
use crate::clock::to_domain_date;
use crate::db::entities::{account, application, issued_document, share_code, verification_check};
use crate::error::{internal, OrInternal};
use crate::filing::holder;
use crate::filing::submission::paris_display;
use crate::state::AppState;

pub struct LawfulStayService {
    state: AppState,
}

/// Whose renewal notice: the account and its AGDREF person.
#[derive(Clone, Copy)]
struct Owner {
    account_id: i32,
    person_id: Option<i32>,
}

impl LawfulStayService {
    pub fn new(state: AppState) -> Self {
        Self { state }
    }

    async fn owner(&self, ctx: &RequestCtx) -> Result<account::Model, AppError> {
        let (account_id, _) = ctx.applicant()?;
        account::Entity::find_by_id(account_id).one(&self.state.db).await.or_internal()?.ok_or(AppError::Unauthenticated)
    }

    fn today(&self) -> Date {
        self.state.clock.today()
    }

    /// The renewal notice of `owner`'s current title (none without a title).
    async fn notice(&self, owner: Owner) -> Result<Option<RenewalNotice>, AppError> {
        let db = &self.state.db;
        let Some(held) = super::title_of_person(db, owner.person_id).await.or_internal()? else { return Ok(None) };
        let window = RenewalWindow::before(to_domain_date(held.valid_to));
        Ok(Some(RenewalNotice {
            expires_on: window.expires.to_french(),
            opens_on: window.opens.to_french(),
            closes_on: window.closes.to_french(),
            timing: window.timing(self.today()),
            filed: super::filed_renewal(db, owner.account_id, &held).await.or_internal()?.is_some(),
        }))
    }

    async fn limit_check(&self, ctx: &RequestCtx) -> Result<(), AppError> {
        rate_limit::enforce(&self.state.db, &self.state.clock, VERIFY_PER_CLIENT, &ctx.client_ip).await
    }

    /// What the holder of `account_id` can show: a valid title, else an application being
    /// examined (with its attestation in force), else nothing.
    async fn standing(&self, account_id: i32, lang: Lang) -> Result<Standing, AppError> {
        let db = &self.state.db;
        let owner = account::Entity::find_by_id(account_id).one(db).await.or_internal()?.ok_or(AppError::NotFound)?;
        let today = self.today();
        if let Some(held) = super::current_title(db, &owner).await.or_internal()? {
            if today <= to_domain_date(held.valid_to) {
                return Ok(Standing::Title { label: held.label, valid_until: to_domain_date(held.valid_to).to_french() });
            }
        }
        // Filed and not over: being examined, or decided and the card not yet handed over.
        let open = FileStatus::ALL.into_iter().filter(|s| *s != FileStatus::Brouillon && !s.is_terminal()).map(FileStatus::as_str);
        let pending = application::Entity::find()
            .filter(application::Column::AccountId.eq(account_id))
            .filter(application::Column::Status.is_in(open))
            .order_by_desc(application::Column::SubmittedAt)
            .one(db)
            .await
            .or_internal()?;
        let Some(file) = pending else { return Ok(Standing::Nothing) };
        let attestation =
            attestations::in_force(db, file.id, self.state.clock.now(), self.state.clock.today_naive()).await.or_internal()?;
        Ok(Standing::Pending {
            procedure: catalogue::procedure(&file.procedure).map(|p| p.title.get(lang).to_owned()).unwrap_or_default(),
            filed_on: file.submitted_at.map(|at| to_domain_date(at.date_naive()).to_french()).unwrap_or_default(),
            attestation_until: attestation.and_then(|a| a.valid_until).map(|d| to_domain_date(d).to_french()),
        })
    }
}

fn share_code_view(
    code: share_code::Model,
    checks: Vec<verification_check::Model>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<ShareCodeView, AppError> {
    let state = match share_codes::in_force(&code, now) {
        Ok(()) => ShareCodeState::Active,
        Err(share_codes::Outcome::Revoked) => ShareCodeState::Revoked,
        Err(_) => ShareCodeState::Expired,
    };
    Ok(ShareCodeView {
        code: display_code(&code.code),
        purpose: code.purpose.parse::<SharePurpose>().map_err(internal)?,
        created_on: to_domain_date(code.created_at.date_naive()).to_french(),
        // The last moment it works is the day before `expires_at`'s instant, at the same hour.
        expires_on: to_domain_date((code.expires_at - chrono::Duration::seconds(1)).date_naive()).to_french(),
        state,
        checks: checks.into_iter().map(|c| paris_display(c.checked_at)).collect(),
    })
}

#[async_trait]
impl LawfulStayBackend for LawfulStayService {
    async fn proofs(&self, ctx: &RequestCtx) -> Result<ProofsView, AppError> {
        let owner = self.owner(ctx).await?;
        let now = self.state.clock.now();
        let codes = share_codes::list(&self.state.db, owner.id)
            .await
            .or_internal()?
            .into_iter()
            .map(|(code, checks)| share_code_view(code, checks, now))
            .collect::<Result<_, _>>()?;
        let policy = &self.state.config.lawful_stay;
        Ok(ProofsView {
            renewal: self.notice(Owner { account_id: owner.id, person_id: owner.person_id }).await?,
            reminders: owner.renewal_reminders,
            reminder_days: policy.reminder_days.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
            share_code_days: policy.share_code_days,
            codes,
        })
    }

    async fn renewal_notice(&self, ctx: &RequestCtx) -> Result<Option<RenewalNotice>, AppError> {
        // The home page asks for every visitor: one without an applicant's session has no title,
        // rather than an error that would make the page itself a 401.
        if ctx.applicant().is_err() {
            return Ok(None);
        }
        // The session knows the account's register entry: no read of the account.
        let (account_id, session) = ctx.applicant()?;
        let Principal::Applicant { person_id, .. } = session.principal;
        self.notice(Owner { account_id, person_id }).await
    }

    async fn set_reminders(&self, ctx: &RequestCtx, enabled: bool) -> Result<(), AppError> {
        let owner = self.owner(ctx).await?;
        let mut active = owner.into_active_model();
        active.renewal_reminders = Set(enabled);
        active.updated_at = Set(self.state.clock.now());
        active.update(&self.state.db).await.or_internal()?;
        Ok(())
    }

    async fn create_share_code(&self, ctx: &RequestCtx, purpose: &str) -> Result<ShareCodeView, AppError> {
        let owner = self.owner(ctx).await?;
        let purpose = purpose.parse::<SharePurpose>().map_err(|e| AppError::field("purpose", e))?;
        let days = self.state.config.lawful_stay.share_code_days;
        let code = share_codes::create(&self.state.db, &self.state.clock, owner.id, purpose, days).await.or_internal()?;
        share_code_view(code, Vec::new(), self.state.clock.now())
    }

    async fn revoke_share_code(&self, ctx: &RequestCtx, code: &str) -> Result<(), AppError> {
        let owner = self.owner(ctx).await?;
        let code = parse_code(code).map_err(|_| AppError::NotFound)?;
        match share_codes::revoke(&self.state.db, &self.state.clock, owner.id, &code).await.or_internal()? {
            true => Ok(()),
            false => Err(AppError::NotFound),
        }
    }

    async fn verify_status(
        &self,
        ctx: &RequestCtx,
        code: &str,
        (day, month, year): (&str, &str, &str),
    ) -> Result<Option<StatusCheckView>, AppError> {
        let mut errors = FieldErrors::new();
        let code = errors.check("code", parse_code(code));
        let birth_date = errors.check("birth_date", Date::from_parts(day, month, year));
        let (Some(code), Some(birth_date)) = (code, birth_date) else { return Err(errors.into()) };
        if birth_date > self.today() {
            return Err(AppError::field("birth_date", ValidationError::DateInFuture));
        }
        self.limit_check(ctx).await?;
        rate_limit::enforce(&self.state.db, &self.state.clock, VERIFY_PER_CODE, &code).await?;
        let Some(account_id) = share_codes::check(&self.state.db, &self.state.clock, &code, birth_date).await.or_internal()? else {
            return Ok(None);
        };
        let holder = holder::of_account(&self.state.db, account_id).await.or_internal()?.ok_or(AppError::NotFound)?;
        let civil = holder.civil_status;
        let full_name = holder::display_name(&civil);
        Ok(Some(StatusCheckView {
            full_name,
            nationality: holder::nationality(&civil, ctx.lang),
            checked_on: self.today().to_french(),
            standing: self.standing(account_id, ctx.lang).await?,
        }))
    }

    async fn verify_document(&self, ctx: &RequestCtx, code: &str) -> Result<Option<DocumentCheckView>, AppError> {
        let code = parse_code(code).map_err(|e| AppError::field("document", e))?;
        self.limit_check(ctx).await?;
        let db = &self.state.db;
        let Some(document) =
            issued_document::Entity::find().filter(issued_document::Column::VerificationCode.eq(code)).one(db).await.or_internal()?
        else {
            return Ok(None);
        };
        share_codes::record_document_check(db, &self.state.clock, document.id).await.or_internal()?;
        let file = application::Entity::find_by_id(document.application_id).one(db).await.or_internal()?.ok_or(AppError::NotFound)?;
        let holder = holder::of_account(db, file.account_id).await.or_internal()?.ok_or(AppError::NotFound)?;
        let civil = holder.civil_status;
        let today = self.state.clock.today_naive();
        Ok(Some(DocumentCheckView {
            kind: document.kind.clone(),
            holder: holder::display_name(&civil),
            file_number: file.file_number.clone().unwrap_or_default(),
            issued_on: to_domain_date(document.created_at.date_naive()).to_french(),
            valid_until: document.valid_until.map(|d| to_domain_date(d).to_french()),
            valid: attestations::proves_on(&document, self.state.clock.now(), today),
        }))
    }
}
