//! The account service (SPEC §2), implementing `app::backend::AccountsBackend`: sign-up,
//! activation, login, passwords, contact form; the account page is in `super::profile`.
//!
//! Non-enumeration policy: a failed document check says nothing about which part was wrong,
//! the e-mail step and the forgotten-password form answer the same way whether an account
//! exists or not, and a login failure never says whether the identifier exists.

use async_trait::async_trait;
use chrono::Duration;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use app::accounts::{paths, ActivationLink, ContactMessage, LoginOutcome};
use app::backend::{AccountsBackend, RequestCtx, SessionToken};
use app::domain::accounts::{validate_email_change, validate_login, validate_signup_email, DocumentCredentialInput};
use app::domain::identifiers::{Email, NumeroEtranger};
use app::domain::password;
use app::error::AppError;

use super::rate_limit::{self, Limit};
use super::tokens::{self, Purpose};
use crate::crypto::{new_token, token_hash};
use crate::db::entities::{account, contact_message, person, signup_request};
use crate::error::OrInternal;
use crate::mail::{outbox, templates};
use crate::registry::{self, DocumentMatch};
use crate::sessions;
use crate::state::AppState;

/// How long the ticket between the document check and the e-mail step lives.
const SIGNUP_TICKET_TTL: Duration = Duration::minutes(30);

pub(super) type Result<T> = std::result::Result<T, AppError>;

/// The form's errors as the service's answer: nothing is done unless there are none.
fn no_errors(errors: app::domain::validation::FieldErrors) -> Result<()> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

#[derive(Clone)]
pub struct AccountsService {
    pub(super) state: AppState,
}

impl AccountsService {
    pub fn new(state: AppState) -> Self {
        Self { state }
    }

    pub(super) async fn limit(&self, limit: Limit, key: &str) -> Result<()> {
        if rate_limit::hit(&self.state.db, &self.state.clock, limit, key).await.or_internal()? {
            Ok(())
        } else {
            tracing::warn!(limit = limit.name, key, "rate limit exceeded");
            Err(AppError::RateLimited)
        }
    }

    fn activation_url(&self, token: &str) -> String {
        self.state.url(&format!("{}?jeton={token}", paths::ACTIVATION))
    }

    /// Sends the activation link to `email`. With `beside`, the account's other open link stays
    /// valid and the link carries `email`, which becomes the account's address only if this
    /// link is the one followed.
    async fn send_activation(
        &self,
        txn: &impl sea_orm::ConnectionTrait,
        ctx: &RequestCtx,
        account_id: i32,
        visa_holder: bool,
        email: &Email,
        beside: bool,
    ) -> Result<()> {
        let clock = &self.state.clock;
        let token = if beside {
            tokens::issue_for_address(txn, clock, account_id, email.to_string()).await
        } else {
            tokens::issue(txn, clock, account_id, Purpose::Activation, None).await
        }
        .or_internal()?;
        let url = self.activation_url(&token);
        let content =
            if visa_holder { templates::activation_visa_holder(ctx.lang, url) } else { templates::activation_title_holder(ctx.lang, url) };
        outbox::enqueue(txn, clock, email.as_str(), content, vec![]).await.or_internal()?;
        Ok(())
    }

    /// Stores a new password, ends the account's other sessions and tells the owner.
    async fn set_password(
        &self,
        txn: &impl sea_orm::ConnectionTrait,
        owner: account::Model,
        new_password: &str,
        keep_session: Option<i32>,
    ) -> Result<()> {
        let clock = &self.state.clock;
        let hash = self.state.passwords.hash(new_password).await?;
        let (account_id, email) = (owner.id, owner.email.clone());
        let lang = app::i18n::Lang::from_code(&owner.lang).unwrap_or_default();
        let mut active: account::ActiveModel = owner.into();
        active.password_hash = Set(Some(hash));
        active.must_change_password = Set(false);
        active.temporary_password_expires_at = Set(None);
        active.updated_at = Set(clock.now());
        active.update(txn).await.or_internal()?;
        sessions::delete_others(txn, account_id, keep_session).await.or_internal()?;
        for open_link in [Purpose::PasswordReset, Purpose::EmailChange] {
            tokens::revoke(txn, clock, account_id, open_link).await.or_internal()?;
        }
        let content = templates::password_changed(lang, self.state.url(paths::FORGOT_PASSWORD));
        outbox::enqueue(txn, clock, &email, content, vec![]).await.or_internal()?;
        Ok(())
    }
}

/// An activation link sent to another address than the pending account's makes that address
/// the account's, when it is the link followed.
fn adopt_link_address(account: &mut account::ActiveModel, link: &crate::db::entities::account_token::Model) {
    if let Some(address) = &link.new_email {
        account.email = Set(address.clone());
    }
}

#[async_trait]
impl AccountsBackend for AccountsService {
    async fn start_signup(&self, ctx: &RequestCtx, input: DocumentCredentialInput) -> Result<String> {
        let credential = input.validate()?;
        self.limit(rate_limit::SIGNUP_PER_CLIENT, &ctx.client_ip).await?;
        self.limit(rate_limit::SIGNUP_PER_NUMBER, credential.number.as_str()).await?;
        let db = &self.state.db;
        let Some(found) = registry::find_document(db, &credential).await.or_internal()? else {
            return Err(AppError::DocumentNotRecognised);
        };
        let (person_id, visa_id) = match found {
            DocumentMatch::Title { person_id } => (Some(person_id), None),
            DocumentMatch::Visa { person_id: Some(person_id), .. } => (Some(person_id), None),
            DocumentMatch::Visa { visa_id, person_id: None } => (None, Some(visa_id)),
        };
        let ticket = new_token();
        let now = self.state.clock.now();
        signup_request::ActiveModel {
            ticket_hash: Set(token_hash(&ticket)),
            person_id: Set(person_id),
            visa_id: Set(visa_id),
            created_at: Set(now),
            expires_at: Set(now + SIGNUP_TICKET_TTL),
            used_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await
        .or_internal()?;
        Ok(ticket)
    }

    async fn submit_signup_email(&self, ctx: &RequestCtx, ticket: &str, email: &str, confirmation: &str) -> Result<()> {
        let email = validate_signup_email(email, confirmation)?;
        let clock = &self.state.clock;
        let now = clock.now();
        let txn = crate::db::begin_write(&self.state.db).await.or_internal()?;
        let request = signup_request::Entity::find()
            .filter(signup_request::Column::TicketHash.eq(token_hash(ticket)))
            .one(&txn)
            .await
            .or_internal()?
            .filter(|r| r.used_at.is_none() && r.expires_at > now)
            .ok_or(AppError::SignupExpired)?;
        let (person_id, visa_id) = (request.person_id, request.visa_id);
        let mut used: signup_request::ActiveModel = request.into();
        used.used_at = Set(Some(now));
        used.update(&txn).await.or_internal()?;

        let existing = match person_id {
            Some(id) => account::Entity::find().filter(account::Column::PersonId.eq(id)).one(&txn).await.or_internal()?,
            None => account::Entity::find().filter(account::Column::VisaId.eq(visa_id)).one(&txn).await.or_internal()?,
        };
        let lang = ctx.lang;
        match existing {
            // An active title holder: tell the account's own address, change nothing.
            Some(found) if found.password_hash.is_some() => {
                let content = templates::account_already_exists(lang, self.state.url(paths::LOGIN), self.state.url(paths::FORGOT_PASSWORD));
                outbox::enqueue(&txn, clock, &found.email, content, vec![]).await.or_internal()?;
            }
            // A visa holder who already confirmed an address: a new access link goes there.
            Some(found) if found.person_id.is_none() && found.email_verified_at.is_some() => {
                let token = tokens::issue(&txn, clock, found.id, Purpose::Activation, None).await.or_internal()?;
                let content = templates::activation_visa_holder(lang, self.activation_url(&token));
                outbox::enqueue(&txn, clock, &found.email, content, vec![]).await.or_internal()?;
            }
            // Never activated, the same address again: a fresh link replaces the previous one.
            Some(found) if found.email.eq_ignore_ascii_case(email.as_str()) => {
                self.send_activation(&txn, ctx, found.id, found.person_id.is_none(), &email, false).await?;
            }
            // Never activated, another address (the holder's new one, or someone who has the
            // document's number and dates): it gets its own link, and the first address keeps
            // its link and is told. The first link followed makes the account.
            Some(found) => {
                self.send_activation(&txn, ctx, found.id, found.person_id.is_none(), &email, true).await?;
                let first_lang = app::i18n::Lang::from_code(&found.lang).unwrap_or(lang);
                let content = templates::signup_with_another_address(first_lang, self.state.url("/contact"));
                outbox::enqueue(&txn, clock, &found.email, content, vec![]).await.or_internal()?;
            }
            None => {
                let created = account::ActiveModel {
                    person_id: Set(person_id),
                    visa_id: Set(if person_id.is_some() { None } else { visa_id }),
                    email: Set(email.to_string()),
                    email_verified_at: Set(None),
                    password_hash: Set(None),
                    must_change_password: Set(false),
                    lang: Set(lang.code().into()),
                    phone: Set(None),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await
                .or_internal()?;
                self.send_activation(&txn, ctx, created.id, person_id.is_none(), &email, false).await?;
            }
        }
        txn.commit().await.or_internal()?;
        self.state.jobs_wakeup.notify_one();
        Ok(())
    }

    async fn activation_link(&self, _ctx: &RequestCtx, token: &str) -> Result<ActivationLink> {
        let db = &self.state.db;
        let found =
            tokens::find_valid(db, &self.state.clock, token, Purpose::Activation).await.or_internal()?.ok_or(AppError::LinkInvalid)?;
        let owner = account::Entity::find_by_id(found.account_id).one(db).await.or_internal()?.ok_or(AppError::LinkInvalid)?;
        match owner.person_id {
            Some(person_id) => {
                let holder = person::Entity::find_by_id(person_id).one(db).await.or_internal()?.ok_or(AppError::LinkInvalid)?;
                Ok(ActivationLink::CreatePassword { numero_etranger: holder.numero_etranger })
            }
            None => Ok(ActivationLink::ConfirmVisaEmail),
        }
    }

    async fn create_password(&self, _ctx: &RequestCtx, token: &str, new_password: &str, confirmation: &str) -> Result<NumeroEtranger> {
        no_errors(password::new_password_errors(new_password, confirmation))?;
        let clock = &self.state.clock;
        let txn = crate::db::begin_write(&self.state.db).await.or_internal()?;
        let found = tokens::consume(&txn, clock, token, Purpose::Activation).await.or_internal()?.ok_or(AppError::LinkInvalid)?;
        let owner = account::Entity::find_by_id(found.account_id).one(&txn).await.or_internal()?.ok_or(AppError::LinkInvalid)?;
        let person_id = owner.person_id.ok_or(AppError::LinkInvalid)?;
        let holder = person::Entity::find_by_id(person_id).one(&txn).await.or_internal()?.ok_or(AppError::LinkInvalid)?;
        let hash = self.state.passwords.hash(new_password).await?;
        let now = clock.now();
        let mut active: account::ActiveModel = owner.into();
        active.password_hash = Set(Some(hash));
        active.email_verified_at = Set(Some(now));
        active.must_change_password = Set(false);
        active.updated_at = Set(now);
        adopt_link_address(&mut active, &found);
        active.update(&txn).await.or_internal()?;
        tokens::revoke(&txn, clock, found.account_id, Purpose::Activation).await.or_internal()?;
        txn.commit().await.or_internal()?;
        NumeroEtranger::parse(&holder.numero_etranger).or_internal()
    }

    async fn confirm_visa_email(&self, _ctx: &RequestCtx, token: &str) -> Result<SessionToken> {
        let clock = &self.state.clock;
        let txn = crate::db::begin_write(&self.state.db).await.or_internal()?;
        let found = tokens::consume(&txn, clock, token, Purpose::Activation).await.or_internal()?.ok_or(AppError::LinkInvalid)?;
        let owner = account::Entity::find_by_id(found.account_id).one(&txn).await.or_internal()?.ok_or(AppError::LinkInvalid)?;
        if owner.person_id.is_some() {
            return Err(AppError::LinkInvalid);
        }
        let name = registry::holder_name(&txn, owner.person_id, owner.visa_id).await.or_internal()?;
        let account_id = owner.id;
        let mut active: account::ActiveModel = owner.into();
        active.email_verified_at = Set(Some(clock.now()));
        active.updated_at = Set(clock.now());
        adopt_link_address(&mut active, &found);
        active.update(&txn).await.or_internal()?;
        tokens::revoke(&txn, clock, account_id, Purpose::Activation).await.or_internal()?;
        let session = sessions::create(&txn, clock, account_id, &name, false).await.or_internal()?;
        txn.commit().await.or_internal()?;
        Ok(session)
    }

    async fn login(&self, ctx: &RequestCtx, identifier: &str, given_password: &str) -> Result<(SessionToken, LoginOutcome)> {
        let identifier = validate_login(identifier, given_password)?;
        self.limit(rate_limit::LOGIN_PER_CLIENT, &ctx.client_ip).await?;
        self.limit(rate_limit::LOGIN_PER_IDENTIFIER_FROM_CLIENT, &format!("{identifier}|{}", ctx.client_ip)).await?;
        rate_limit::slow_down(&self.state.db, &self.state.clock, rate_limit::LOGIN_PER_IDENTIFIER, identifier.as_str())
            .await
            .or_internal()?;
        let db = &self.state.db;
        let holder = registry::person_by_numero(db, &identifier).await.or_internal()?;
        let owner = match &holder {
            Some(p) => account::Entity::find().filter(account::Column::PersonId.eq(p.id)).one(db).await.or_internal()?,
            None => None,
        };
        let stored_hash = owner.as_ref().and_then(|a| a.password_hash.clone());
        let valid = self.state.passwords.verify(given_password, stored_hash).await?;
        let (Some(owner), Some(holder), true) = (owner, holder, valid) else {
            return Err(AppError::InvalidCredentials);
        };
        if owner.must_change_password && owner.temporary_password_expires_at.is_some_and(|until| until <= self.state.clock.now()) {
            return Err(AppError::TemporaryPasswordExpired);
        }
        let name = registry::display_name(&holder.given_names, &holder.birth_name, holder.usage_name.as_deref());
        let session = sessions::create(db, &self.state.clock, owner.id, &name, owner.must_change_password).await.or_internal()?;
        let next = if owner.must_change_password { paths::CHANGE_PASSWORD } else { paths::PROCEDURES };
        tracing::info!(account = owner.id, "login");
        Ok((session, LoginOutcome { next: next.to_owned() }))
    }

    async fn logout(&self, ctx: &RequestCtx) -> Result<()> {
        if let Some(session) = &ctx.session {
            sessions::delete(&self.state.db, session.session_id).await.or_internal()?;
        }
        Ok(())
    }

    async fn request_password_reset(&self, ctx: &RequestCtx, identifier: &str) -> Result<()> {
        let identifier = NumeroEtranger::parse(identifier).map_err(|error| AppError::field("identifier", error))?;
        self.limit(rate_limit::RESET_PER_CLIENT, &ctx.client_ip).await?;
        self.limit(rate_limit::RESET_PER_IDENTIFIER, identifier.as_str()).await?;
        let clock = &self.state.clock;
        let txn = crate::db::begin_write(&self.state.db).await.or_internal()?;
        if let Some(holder) = registry::person_by_numero(&txn, &identifier).await.or_internal()? {
            let owner = account::Entity::find().filter(account::Column::PersonId.eq(holder.id)).one(&txn).await.or_internal()?;
            if let Some(owner) = owner.filter(|a| a.password_hash.is_some()) {
                let token = tokens::issue(&txn, clock, owner.id, Purpose::PasswordReset, None).await.or_internal()?;
                let url = self.state.url(&format!("{}?jeton={token}", paths::RESET_PASSWORD));
                let lang = app::i18n::Lang::from_code(&owner.lang).unwrap_or(ctx.lang);
                outbox::enqueue(&txn, clock, &owner.email, templates::password_reset(lang, url), vec![]).await.or_internal()?;
            }
        }
        txn.commit().await.or_internal()?;
        self.state.jobs_wakeup.notify_one();
        Ok(())
    }

    async fn check_reset_link(&self, _ctx: &RequestCtx, token: &str) -> Result<()> {
        let found = tokens::find_valid(&self.state.db, &self.state.clock, token, Purpose::PasswordReset).await.or_internal()?;
        found.map(|_| ()).ok_or(AppError::LinkInvalid)
    }

    async fn reset_password(&self, _ctx: &RequestCtx, token: &str, new_password: &str, confirmation: &str) -> Result<()> {
        no_errors(password::new_password_errors(new_password, confirmation))?;
        let clock = &self.state.clock;
        let txn = crate::db::begin_write(&self.state.db).await.or_internal()?;
        let found = tokens::consume(&txn, clock, token, Purpose::PasswordReset).await.or_internal()?.ok_or(AppError::LinkInvalid)?;
        let owner = account::Entity::find_by_id(found.account_id).one(&txn).await.or_internal()?.ok_or(AppError::LinkInvalid)?;
        self.set_password(&txn, owner, new_password, None).await?;
        txn.commit().await.or_internal()?;
        self.state.jobs_wakeup.notify_one();
        Ok(())
    }

    async fn change_password(&self, ctx: &RequestCtx, current: &str, new_password: &str, confirmation: &str) -> Result<()> {
        no_errors(password::change_errors(current, new_password, confirmation))?;
        let session = ctx.session.as_ref().ok_or(AppError::Unauthenticated)?;
        let app::backend::Principal::Applicant { account_id, .. } = session.principal;
        let db = &self.state.db;
        let owner = account::Entity::find_by_id(account_id).one(db).await.or_internal()?.ok_or(AppError::Unauthenticated)?;
        let valid = self.state.passwords.verify(current, owner.password_hash.clone()).await?;
        if !valid {
            return Err(AppError::WrongCurrentPassword);
        }
        let txn = crate::db::begin_write(db).await.or_internal()?;
        self.set_password(&txn, owner, new_password, Some(session.session_id)).await?;
        let current_session = crate::db::entities::session::ActiveModel {
            id: Set(session.session_id),
            must_change_password: Set(false),
            ..Default::default()
        };
        current_session.update(&txn).await.or_internal()?;
        txn.commit().await.or_internal()?;
        self.state.jobs_wakeup.notify_one();
        Ok(())
    }

    async fn send_contact_message(&self, ctx: &RequestCtx, message: ContactMessage) -> Result<()> {
        self.limit(rate_limit::CONTACT_PER_CLIENT, &ctx.client_ip).await?;
        let message = message.validate()?;
        let clock = &self.state.clock;
        let txn = crate::db::begin_write(&self.state.db).await.or_internal()?;
        contact_message::ActiveModel {
            name: Set(message.name.clone()),
            email: Set(message.email.clone()),
            subject: Set(message.subject.clone()),
            message: Set(message.message.clone()),
            lang: Set(ctx.lang.code().into()),
            created_at: Set(clock.now()),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .or_internal()?;
        let forward = templates::contact_forward(&message.name, &message.email, &message.subject, &message.message);
        outbox::enqueue(&txn, clock, &self.state.config.support_email, forward, vec![]).await.or_internal()?;
        outbox::enqueue(&txn, clock, &message.email, templates::contact_acknowledgement(ctx.lang, &message.name), vec![])
            .await
            .or_internal()?;
        txn.commit().await.or_internal()?;
        self.state.jobs_wakeup.notify_one();
        Ok(())
    }

    async fn account(&self, ctx: &RequestCtx) -> Result<app::accounts::AccountView> {
        AccountsService::account(self, ctx).await
    }

    async fn update_contact(&self, ctx: &RequestCtx, contact: app::domain::catalogue::Answers) -> Result<app::domain::catalogue::Answers> {
        AccountsService::update_contact(self, ctx, contact).await
    }

    async fn request_email_change(&self, ctx: &RequestCtx, email: &str, confirmation: &str, current: &str) -> Result<()> {
        let email = validate_email_change(email, confirmation, current)?;
        AccountsService::request_email_change(self, ctx, email, current).await
    }

    async fn confirm_email_change(&self, ctx: &RequestCtx, token: &str) -> Result<String> {
        AccountsService::confirm_email_change(self, ctx, token).await
    }

    async fn open_notification(&self, ctx: &RequestCtx, id: i32) -> Result<String> {
        AccountsService::open_notification(self, ctx, id).await
    }

    async fn mark_notifications_read(&self, ctx: &RequestCtx) -> Result<()> {
        let (account_id, _) = ctx.applicant()?;
        crate::notifications::mark_all_read(&self.state.db, &self.state.clock, account_id).await.map(|_| ()).or_internal()
    }
}
