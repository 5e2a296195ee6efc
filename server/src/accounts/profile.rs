//! The applicant's account page (SPEC §2): civil status, address and contact with their
//! update (a new e-mail address is confirmed by a link sent to it), notifications, the files
//! with their timeline and the documents issued for them.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use app::accounts::{paths, AccountFile, AccountView, TimelineEntry};
use app::backend::RequestCtx;
use app::domain::catalogue::common::CONTACT_STEP;
use app::domain::catalogue::common::{
    ADDRESS_CITY, ADDRESS_COMPLEMENT, ADDRESS_INSEE_CODE, ADDRESS_POSTAL_CODE, ADDRESS_STREET, MOBILE_PHONE,
};
use app::domain::catalogue::{validate_step, Answers};
use app::domain::identifiers::Email;
use app::domain::lifecycle::{history_label, FileStatus};
use app::domain::messages::Author;
use app::domain::notifications::NotificationKind;
use app::domain::validation::ValidationError;
use app::error::AppError;
use app::i18n::Lang;

use super::service::{AccountsService, Result};
use super::tokens::{self, Purpose};
use crate::db::entities::{account, application, application_event, issued_document, prefecture};
use crate::error::OrInternal;
use crate::filing::submission::paris_display;
use crate::filing::{holder, status};
use crate::mail::{outbox, templates};
use crate::notifications;
use crate::sessions;

impl AccountsService {
    pub(super) async fn account(&self, ctx: &RequestCtx) -> Result<AccountView> {
        let (account_id, session) = ctx.applicant()?;
        let db = &self.state.db;
        let holder = holder::of_account(db, account_id).await.or_internal()?.ok_or(AppError::Unauthenticated)?;
        let applicant = holder.context(self.state.clock.today());
        let mut contact = Answers::default();
        for (field, value) in holder.prefill {
            contact.set(field, value);
        }

        // Drafts and abandoned drafts live in "Mes démarches"; the account shows filed files.
        let files = application::Entity::find()
            .filter(application::Column::AccountId.eq(account_id))
            .filter(application::Column::SubmittedAt.is_not_null())
            .order_by_desc(application::Column::SubmittedAt)
            .all(db)
            .await
            .or_internal()?;
        let ids: Vec<i32> = files.iter().map(|f| f.id).collect();
        let events = application_event::Entity::find()
            .filter(application_event::Column::ApplicationId.is_in(ids.clone()))
            .order_by_asc(application_event::Column::Id)
            .all(db)
            .await
            .or_internal()?;
        let issued: Vec<(i32, String)> = issued_document::Entity::find()
            .select_only()
            .columns([issued_document::Column::ApplicationId, issued_document::Column::Kind])
            .filter(issued_document::Column::ApplicationId.is_in(ids.clone()))
            .order_by_asc(issued_document::Column::Id)
            .into_tuple()
            .all(db)
            .await
            .or_internal()?;
        let unread = crate::messages::unread_by_file(db, &ids, Author::Agent).await.or_internal()?;
        // Where to collect a card that is ready.
        let card_ready = |file: &application::Model| status::current(file) == Ok(FileStatus::TitreDisponible);
        let ready: Vec<i32> = files.iter().filter(|f| card_ready(f)).filter_map(|f| f.prefecture_id).collect();
        let offices: Vec<prefecture::Model> = if ready.is_empty() {
            Vec::new()
        } else {
            prefecture::Entity::find().filter(prefecture::Column::Id.is_in(ready)).all(db).await.or_internal()?
        };
        let lang = ctx.lang;
        let (now, today) = (self.state.clock.now(), self.state.clock.today_naive());
        let mut attestations = std::collections::HashMap::new();
        for file in &files {
            if let Some(attestation) = crate::lawful_stay::attestations::in_force(db, file.id, now, today).await.or_internal()? {
                attestations.insert(file.id, attestation);
            }
        }
        let mut trackers = std::collections::HashMap::new();
        // A closed file, and a validated visa (decided by its filing), have no stages to follow.
        let followed = |f: &&application::Model| {
            !matches!(status::current(f), Ok(FileStatus::Cloturee | FileStatus::Abandonnee | FileStatus::VlsTsValide))
        };
        for file in files.iter().filter(followed) {
            let history: Vec<_> = events.iter().filter(|e| e.application_id == file.id).cloned().collect();
            let tracker = crate::filing::tracker::view(db, file, &history, today, self.state.config.estimate_min_files, lang);
            trackers.insert(file.id, tracker.await.or_internal()?);
        }
        let files = files
            .into_iter()
            .map(|file| {
                Ok(AccountFile {
                    tracker: trackers.remove(&file.id),
                    unread_messages: unread.get(&file.id).copied().unwrap_or(0),
                    implicit_decision_on: file.implicit_decision_on.map(|d| crate::clock::to_domain_date(d).to_french()),
                    attestation_until: attestations
                        .get(&file.id)
                        .and_then(|a| a.valid_until)
                        .map(|d| crate::clock::to_domain_date(d).to_french()),
                    collect_at: card_ready(&file)
                        .then(|| offices.iter().find(|p| Some(p.id) == file.prefecture_id))
                        .flatten()
                        .map(|p| p.office()),
                    timeline: events.iter().filter(|e| e.application_id == file.id).filter_map(|e| timeline_entry(e, lang)).collect(),
                    issued: crate::filing::issued_kinds(&issued, file.id),
                    status: status::current(&file).or_internal()?,
                    id: file.public_id,
                    procedure: file.procedure.into(),
                    file_number: file.file_number,
                })
            })
            .collect::<Result<_>>()?;
        Ok(AccountView {
            civil_status: holder.civil_status,
            contact,
            applicant,
            files,
            notifications: notifications::list(db, account_id, lang).await.or_internal()?,
            unread_notifications: session.unread_notifications,
        })
    }

    pub(super) async fn update_contact(&self, ctx: &RequestCtx, submitted: Answers) -> Result<Answers> {
        let (account_id, _) = ctx.applicant()?;
        let db = &self.state.db;
        let holder = holder::of_account(db, account_id).await.or_internal()?.ok_or(AppError::Unauthenticated)?;
        let applicant = holder.context(self.state.clock.today());
        // Only the contact fields are kept: the same rules as the wizard's personal step.
        let contact = app::domain::catalogue::answers::retain_step_answers(&CONTACT_STEP, &submitted, &applicant);
        validate_step(&CONTACT_STEP, &contact, &applicant).map_err(AppError::Validation)?;
        let value = |field: &str| contact.get(field).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let owner = account::Entity::find_by_id(account_id).one(db).await.or_internal()?.ok_or(AppError::Unauthenticated)?;
        let mut active: account::ActiveModel = owner.into();
        active.street = Set(value(ADDRESS_STREET.id));
        active.address_complement = Set(value(ADDRESS_COMPLEMENT.id));
        active.postal_code = Set(value(ADDRESS_POSTAL_CODE.id));
        active.city = Set(value(ADDRESS_CITY.id));
        active.insee_code = Set(value(ADDRESS_INSEE_CODE.id));
        active.phone = Set(value(MOBILE_PHONE.id));
        active.updated_at = Set(self.state.clock.now());
        active.update(db).await.or_internal()?;
        tracing::info!(account = account_id, "contact details updated");
        Ok(contact)
    }

    pub(super) async fn request_email_change(&self, ctx: &RequestCtx, email: Email, current_password: &str) -> Result<()> {
        let (account_id, _) = ctx.applicant()?;
        self.limit(super::rate_limit::RESET_PER_CLIENT, &ctx.client_ip).await?;
        let stored = account::Entity::find_by_id(account_id).one(&self.state.db).await.or_internal()?.ok_or(AppError::Unauthenticated)?;
        if !self.state.passwords.verify(current_password, stored.password_hash).await? {
            return Err(AppError::WrongCurrentPassword);
        }
        let clock = &self.state.clock;
        let txn = crate::db::begin_write(&self.state.db).await.or_internal()?;
        let owner = account::Entity::find_by_id(account_id).one(&txn).await.or_internal()?.ok_or(AppError::Unauthenticated)?;
        if owner.email.eq_ignore_ascii_case(email.as_str()) {
            return Err(AppError::field("email", ValidationError::EmailUnchanged));
        }
        let token = tokens::issue(&txn, clock, account_id, Purpose::EmailChange, Some(email.to_string())).await.or_internal()?;
        let link = self.state.url(&format!("{}?jeton={token}", paths::CONFIRM_EMAIL));
        let lang = Lang::from_code(&owner.lang).unwrap_or(ctx.lang);
        outbox::enqueue(&txn, clock, email.as_str(), templates::email_change_confirmation(lang, link), vec![]).await.or_internal()?;
        txn.commit().await.or_internal()?;
        self.state.jobs_wakeup.notify_one();
        Ok(())
    }

    /// The new address takes effect; reset links sent to the former one and every other session
    /// end (the browser that confirms keeps its own, if it is the owner's).
    pub(super) async fn confirm_email_change(&self, ctx: &RequestCtx, token: &str) -> Result<String> {
        let clock = &self.state.clock;
        let txn = crate::db::begin_write(&self.state.db).await.or_internal()?;
        let found = tokens::consume(&txn, clock, token, Purpose::EmailChange).await.or_internal()?.ok_or(AppError::LinkInvalid)?;
        let new_email = found.new_email.clone().ok_or(AppError::LinkInvalid)?;
        let owner = account::Entity::find_by_id(found.account_id).one(&txn).await.or_internal()?.ok_or(AppError::LinkInvalid)?;
        let (account_id, former) = (owner.id, owner.email.clone());
        let lang = Lang::from_code(&owner.lang).unwrap_or_default();
        let mut active: account::ActiveModel = owner.into();
        active.email = Set(new_email.clone());
        active.updated_at = Set(clock.now());
        active.update(&txn).await.or_internal()?;
        let keep = ctx.applicant().ok().filter(|(owner, _)| *owner == account_id).map(|(_, session)| session.session_id);
        sessions::delete_others(&txn, account_id, keep).await.or_internal()?;
        tokens::revoke(&txn, clock, account_id, Purpose::PasswordReset).await.or_internal()?;
        notifications::notify(&txn, clock, account_id, None, NotificationKind::EmailChanged).await.or_internal()?;
        outbox::enqueue(&txn, clock, &former, templates::email_changed(lang, self.state.url("/contact")), vec![]).await.or_internal()?;
        txn.commit().await.or_internal()?;
        self.state.jobs_wakeup.notify_one();
        tracing::info!(account = account_id, "e-mail address changed");
        Ok(new_email)
    }

    pub(super) async fn open_notification(&self, ctx: &RequestCtx, id: i32) -> Result<String> {
        let (account_id, _) = ctx.applicant()?;
        notifications::open(&self.state.db, &self.state.clock, account_id, id).await.or_internal()?.ok_or(AppError::NotFound)
    }
}

/// How an event of the file's history reads for the applicant: what happened and when. Who
/// acted is not shown (the agents' names stay in the back-office).
fn timeline_entry(event: &application_event::Model, lang: Lang) -> Option<TimelineEntry> {
    let label = history_label(&event.action)?.get(lang).to_owned();
    Some(TimelineEntry { at: paris_display(event.created_at), label })
}
