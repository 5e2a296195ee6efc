//! E-mail: the transports ([`Mailer`]), the persisted outbox ([`outbox`]) and the messages'
//! texts ([`templates`]).
//!
//! Nothing sends an e-mail directly: actions call [`outbox::enqueue`] inside their own
//! transaction, and the `send_email` job delivers it with retries. So a message is sent if and
//! only if its cause was committed, even when the SMTP server is down or the process restarts.

pub mod outbox;
pub mod templates;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::MailTransport;

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid message: {0}")]
    Build(String),
    #[error("SMTP: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("file transport: {0}")]
    File(#[from] lettre::transport::file::Error),
}

/// Where e-mails go. Production refuses anything but SMTP (see `Config`).
#[derive(Clone)]
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// `.eml` files in a folder, for development: the links can be clicked from there.
    File {
        transport: AsyncFileTransport<Tokio1Executor>,
        dir: PathBuf,
    },
    /// Kept in memory, for tests.
    Memory(Arc<Mutex<Vec<Message>>>),
}

impl Mailer {
    pub fn from_config(transport: &MailTransport) -> Result<Self, MailError> {
        Ok(match transport {
            MailTransport::Smtp(url) => Mailer::Smtp(AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?.build()),
            MailTransport::File(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| MailError::Build(format!("cannot create {}: {e}", dir.display())))?;
                Mailer::File { transport: AsyncFileTransport::new(dir), dir: dir.clone() }
            }
        })
    }

    pub async fn send(&self, message: Message) -> Result<(), MailError> {
        match self {
            Mailer::Smtp(transport) => transport.send(message).await.map(|_| ())?,
            Mailer::File { transport, .. } => transport.send(message).await.map(|_| ())?,
            Mailer::Memory(sent) => {
                if let Ok(mut sent) = sent.lock() {
                    sent.push(message);
                }
            }
        }
        Ok(())
    }

    /// A description for the start-up log.
    pub fn describe(&self) -> String {
        match self {
            Mailer::Smtp(_) => "SMTP".into(),
            Mailer::File { dir, .. } => format!(".eml files in {}", dir.display()),
            Mailer::Memory(_) => "memory".into(),
        }
    }
}
