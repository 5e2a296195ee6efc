//! The outbox: e-mails are rows written in the transaction of the action that causes them, and
//! delivered by the `send_email` job.

use lettre::message::header::ContentType;
use lettre::message::{Attachment as LettreAttachment, Mailbox, MultiPart};
use lettre::Message;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::clock::Clock;
use crate::db::entities::{email, email_attachment};
use crate::jobs::{self, JobError};
use crate::state::AppState;

/// Subject and bodies of a message, in the recipient's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmailContent {
    pub subject: String,
    pub text: String,
    pub html: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    pub filename: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

/// Writes the e-mail and its delivery job with `db` (pass the action's transaction).
pub async fn enqueue(
    db: &impl ConnectionTrait,
    clock: &Clock,
    to: &str,
    content: EmailContent,
    attachments: Vec<Attachment>,
) -> Result<i32, sea_orm::DbErr> {
    let now = clock.now();
    let saved = email::ActiveModel {
        to_address: Set(to.to_owned()),
        subject: Set(content.subject),
        text_body: Set(content.text),
        html_body: Set(content.html),
        created_at: Set(now),
        sent_at: Set(None),
        last_error: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for attachment in attachments {
        email_attachment::ActiveModel {
            email_id: Set(saved.id),
            filename: Set(attachment.filename),
            content_type: Set(attachment.content_type),
            data: Set(attachment.data),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    jobs::enqueue(db, clock, jobs::Kind::SendEmail, &jobs::SendEmail { email_id: saved.id }, None).await?;
    Ok(saved.id)
}

/// Builds the MIME message of a stored e-mail.
pub fn build_message(from: &str, stored: &email::Model, attachments: &[email_attachment::Model]) -> Result<Message, String> {
    let from: Mailbox = from.parse().map_err(|e| format!("sender {from:?}: {e}"))?;
    let to: Mailbox = stored.to_address.parse().map_err(|e| format!("recipient {:?}: {e}", stored.to_address))?;
    let alternative = MultiPart::alternative_plain_html(stored.text_body.clone(), stored.html_body.clone());
    let body = if attachments.is_empty() {
        alternative
    } else {
        let mut mixed = MultiPart::mixed().multipart(alternative);
        for attachment in attachments {
            let content_type = ContentType::parse(&attachment.content_type).map_err(|e| e.to_string())?;
            mixed = mixed.singlepart(LettreAttachment::new(attachment.filename.clone()).body(attachment.data.clone(), content_type));
        }
        mixed
    };
    Message::builder().from(from).to(to).subject(stored.subject.clone()).multipart(body).map_err(|e| e.to_string())
}

/// Delivers one stored e-mail (the `send_email` job). Already-sent e-mails are skipped, so a
/// job that runs twice never sends twice.
pub async fn deliver(state: &AppState, email_id: i32) -> Result<(), JobError> {
    let db = &state.db;
    let stored = email::Entity::find_by_id(email_id).one(db).await.map_err(JobError::retry)?;
    let Some(stored) = stored else {
        return Err(JobError::Permanent(format!("e-mail {email_id} does not exist")));
    };
    if stored.sent_at.is_some() {
        return Ok(());
    }
    let attachments =
        email_attachment::Entity::find().filter(email_attachment::Column::EmailId.eq(email_id)).all(db).await.map_err(JobError::retry)?;
    let message = build_message(&state.config.mail_from, &stored, &attachments).map_err(JobError::Permanent)?;
    let result = state.mailer.send(message).await;
    let mut active: email::ActiveModel = stored.into();
    match result {
        Ok(()) => {
            // Once delivered, the outbox keeps who, what subject and when, never the body: the
            // links and temporary passwords it carried must not stay readable in the database.
            active.sent_at = Set(Some(state.clock.now()));
            active.last_error = Set(None);
            active.text_body = Set(String::new());
            active.html_body = Set(String::new());
            let txn = crate::db::begin_write(db).await.map_err(JobError::retry)?;
            active.update(&txn).await.map_err(JobError::retry)?;
            email_attachment::Entity::delete_many()
                .filter(email_attachment::Column::EmailId.eq(email_id))
                .exec(&txn)
                .await
                .map_err(JobError::retry)?;
            txn.commit().await.map_err(JobError::retry)?;
            Ok(())
        }
        Err(error) => {
            active.last_error = Set(Some(error.to_string()));
            active.update(db).await.map_err(JobError::retry)?;
            Err(JobError::Retry(error.to_string()))
        }
    }
}
