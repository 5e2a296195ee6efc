//! The server functions of a file's thread. An applicant reaches only their own filed files
//! (anything else is "not found"), an agent only their prefecture's; each side is told of the
//! other's message in the transaction that records it.

use std::collections::HashMap;

use async_trait::async_trait;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use app::backend::{AgentSession, MessagesBackend, RequestCtx};
use app::domain::catalogue::Text;
use app::domain::messages::{self, thread_open, Author};
use app::domain::notifications::NotificationKind;
use app::error::AppError;
use app::i18n::Lang;
use app::messages::{MessageView, ThreadView};

use super::{SendError, Writer};
use crate::clock::to_domain_date;
use crate::db::entities::{account, agent, application, message, prefecture};
use crate::error::{internal, OrInternal};
use crate::filing::submission::paris_display;
use crate::filing::{holder, status, store};
use crate::mail::{outbox, templates};
use crate::state::AppState;

pub struct MessagesService {
    state: AppState,
}

/// How a thread's reader names its authors.
struct Names {
    applicant: String,
    /// For the applicant, every agent is the prefecture.
    prefecture: Option<String>,
    /// For agents, each agent by name.
    agents: HashMap<i32, String>,
}

impl Names {
    fn of(&self, author: Author, agent_id: Option<i32>) -> String {
        match author {
            Author::Applicant => self.applicant.clone(),
            Author::Agent => self
                .prefecture
                .clone()
                .or_else(|| agent_id.and_then(|id| self.agents.get(&id).cloned()))
                .unwrap_or_else(|| "Agent".to_owned()),
        }
    }
}

impl From<SendError> for AppError {
    fn from(error: SendError) -> Self {
        match error {
            // The page is stale (sent from another tab, removed): reloading shows the thread.
            SendError::UnknownAttachment => AppError::Conflict,
            SendError::History(error) => error.into(),
            SendError::Db(error) => internal(error),
        }
    }
}

impl MessagesService {
    pub fn new(state: AppState) -> Self {
        Self { state }
    }

    /// A filed file of the agent's prefecture.
    pub async fn agent_file<'c>(
        state: &AppState,
        ctx: &'c RequestCtx,
        id: &str,
    ) -> Result<(&'c AgentSession, application::Model), AppError> {
        let agent = ctx.agent()?;
        let application = application::Entity::find()
            .filter(application::Column::PublicId.eq(id))
            .filter(application::Column::PrefectureId.eq(agent.prefecture_id))
            .one(&state.db)
            .await
            .or_internal()?
            .ok_or(AppError::NotFound)?;
        Ok((agent, application))
    }

    /// The thread as `reader` sees it, after marking the other side's messages read.
    async fn view(&self, application: &application::Model, reader: Writer, lang: Lang) -> Result<ThreadView, AppError> {
        let db = &self.state.db;
        super::mark_read(db, application.id, reader.author(), self.state.clock.now()).await.or_internal()?;
        let (rows, attachments) = super::thread(db, application.id).await.or_internal()?;
        let names = self.author_names(application, &rows, reader, lang).await?;
        let last_from_applicant = rows.iter().filter(|m| m.author == Author::Applicant.as_str()).map(|m| m.id).max();
        let messages = rows
            .iter()
            .filter_map(|row| {
                let author = Author::from_code(&row.author)?;
                Some(MessageView {
                    id: row.id,
                    author,
                    author_name: names.of(author, row.agent_id),
                    at: paris_display(row.sent_at),
                    body: row.body.clone(),
                    attachments: attachments.iter().filter(|a| a.message_id == Some(row.id)).map(super::joined).collect(),
                    awaiting_until: row.awaiting_until.map(|day| to_domain_date(day).to_french()),
                    answered: last_from_applicant.is_some_and(|last| last > row.id),
                    read: row.read_at.is_some(),
                })
            })
            .collect();
        Ok(ThreadView {
            id: application.public_id.clone(),
            file_number: application.file_number.clone().unwrap_or_default(),
            procedure: application.procedure.clone().into(),
            open: thread_open(status::current(application).or_internal()?),
            messages,
            unsent: attachments.iter().filter(|a| a.message_id.is_none() && super::visible_to(a, reader)).map(super::joined).collect(),
            today: self.state.clock.today(),
        })
    }

    /// Who wrote, as `reader` names them: the applicant reads "Vous" and the prefecture's
    /// name; agents read the holder's name and each agent's.
    async fn author_names(
        &self,
        application: &application::Model,
        rows: &[message::Model],
        reader: Writer,
        lang: Lang,
    ) -> Result<Names, AppError> {
        let db = &self.state.db;
        if reader == Writer::Applicant {
            let office = match application.prefecture_id {
                Some(id) => prefecture::Entity::find_by_id(id).one(db).await.or_internal()?.map(|p| p.name),
                None => None,
            };
            return Ok(Names {
                applicant: Text::new("Vous", "You").get(lang).to_owned(),
                prefecture: Some(office.unwrap_or_else(|| Text::new("La préfecture", "The prefecture").get(lang).to_owned())),
                agents: HashMap::new(),
            });
        }
        let holder = holder::of_account(db, application.account_id).await.or_internal()?;
        let ids: Vec<i32> = rows.iter().filter_map(|m| m.agent_id).collect();
        let agents = if ids.is_empty() {
            HashMap::new()
        } else {
            agent::Entity::find()
                .filter(agent::Column::Id.is_in(ids))
                .all(db)
                .await
                .or_internal()?
                .into_iter()
                .map(|a| (a.id, a.display_name))
                .collect()
        };
        Ok(Names { applicant: holder.map(|h| holder::display_name(&h.civil_status)).unwrap_or_default(), prefecture: None, agents })
    }

    /// Checks and records the message, and tells the other side, in one transaction.
    async fn send(
        &self,
        application: &application::Model,
        writer: Writer,
        body: &str,
        attachments: &[i32],
        awaiting_until: &str,
    ) -> Result<(), AppError> {
        let state = &self.state;
        if !thread_open(status::current(application).or_internal()?) {
            return Err(AppError::Conflict);
        }
        let checked = messages::validate(body, attachments.len(), awaiting_until, state.clock.today()).map_err(AppError::Validation)?;
        let awaiting = checked.awaiting_until.map(|day| day.to_french());
        let txn = crate::db::begin_write(&state.db).await.or_internal()?;
        super::send(&txn, &state.clock, application, writer, checked, attachments).await?;
        match writer {
            Writer::Applicant => self.tell_agents(&txn, application).await?,
            Writer::Agent(_) => self.tell_applicant(&txn, application, awaiting.as_deref()).await?,
        }
        txn.commit().await.or_internal()?;
        state.jobs_wakeup.notify_one();
        Ok(())
    }

    /// The agent in charge, or before anyone took the file, the prefecture's agents.
    async fn tell_agents(&self, txn: &impl ConnectionTrait, application: &application::Model) -> Result<(), AppError> {
        let recipients = match store::agent_in_charge(txn, application.id).await.or_internal()? {
            Some(agent) => vec![agent],
            None => match application.prefecture_id {
                Some(id) => agent::Entity::find().filter(agent::Column::PrefectureId.eq(id)).all(txn).await.or_internal()?,
                None => Vec::new(),
            },
        };
        let file_number = application.file_number.as_deref().unwrap_or_default();
        let url = self.state.url(&app::instruction::paths::file(&application.public_id));
        for agent in recipients {
            let content = templates::message_from_applicant(file_number, url.clone());
            outbox::enqueue(txn, &self.state.clock, &agent.email, content, vec![]).await.or_internal()?;
        }
        Ok(())
    }

    /// A notification and an e-mail that say only that there is a message.
    async fn tell_applicant(
        &self,
        txn: &impl ConnectionTrait,
        application: &application::Model,
        awaiting: Option<&str>,
    ) -> Result<(), AppError> {
        let Some(owner) = account::Entity::find_by_id(application.account_id).one(txn).await.or_internal()? else {
            return Ok(());
        };
        let clock = &self.state.clock;
        crate::notifications::notify(txn, clock, owner.id, Some(application.id), NotificationKind::Message).await.or_internal()?;
        let lang = Lang::from_code(&owner.lang).unwrap_or_default();
        let url = self.state.url(&app::messages::paths::page(&application.public_id));
        let content = templates::new_message(lang, application.file_number.as_deref().unwrap_or_default(), awaiting, url);
        outbox::enqueue(txn, clock, &owner.email, content, vec![]).await.map(|_| ()).or_internal()
    }
}

#[async_trait]
impl MessagesBackend for MessagesService {
    async fn applicant_thread(&self, ctx: &RequestCtx, id: &str) -> Result<ThreadView, AppError> {
        let application = crate::filing::filed_application(&self.state.db, ctx, id).await?;
        let (state, message) = (&self.state, NotificationKind::Message);
        crate::notifications::mark_read_about(&state.db, &state.clock, application.account_id, application.id, message)
            .await
            .or_internal()?;
        self.view(&application, Writer::Applicant, ctx.lang).await
    }

    async fn applicant_send(&self, ctx: &RequestCtx, id: &str, body: &str, attachments: &[i32]) -> Result<ThreadView, AppError> {
        let application = crate::filing::filed_application(&self.state.db, ctx, id).await?;
        // The applicant sets no deadline: only the prefecture awaits an answer.
        self.send(&application, Writer::Applicant, body, attachments, "").await?;
        tracing::info!(file = ?application.file_number, "message from the applicant");
        self.view(&application, Writer::Applicant, ctx.lang).await
    }

    async fn agent_thread(&self, ctx: &RequestCtx, id: &str) -> Result<ThreadView, AppError> {
        let (agent, application) = Self::agent_file(&self.state, ctx, id).await?;
        self.view(&application, Writer::Agent(agent.agent_id), ctx.lang).await
    }

    async fn agent_send(
        &self,
        ctx: &RequestCtx,
        id: &str,
        body: &str,
        attachments: &[i32],
        awaiting_until: &str,
    ) -> Result<ThreadView, AppError> {
        let (agent, application) = Self::agent_file(&self.state, ctx, id).await?;
        self.send(&application, Writer::Agent(agent.agent_id), body, attachments, awaiting_until).await?;
        tracing::info!(agent = agent.agent_id, file = ?application.file_number, "message from an agent");
        self.view(&application, Writer::Agent(agent.agent_id), ctx.lang).await
    }
}
