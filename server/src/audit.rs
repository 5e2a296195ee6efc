//! Tamper-evident audit trails. Every line of a file's history (`application_events`) and of an
//! agent account's trail (`agent_events`) carries a keyed hash (HMAC-SHA256) of its content and
//! of the previous line of the same trail; the file or account row keeps the hash of the last
//! line (`audit_head`). Editing, inserting or removing a line in SQL therefore breaks the chain,
//! and recomputing it needs the key, which lives in the configuration, not in the database.
//! [`verify`] walks every trail and reports the first broken link (`server verify-audit`).
//!
//! Writers go through [`append`], inside the transaction that writes the line: the head is
//! moved with a compare-and-set, so two writers of one trail cannot fork it.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use chrono::{DateTime, SubsecRound, Utc};
use hmac::{Hmac, Mac};
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryOrder, StatementBuilder};
use sha2::Sha256;

use crate::db::entities::{agent, agent_event, application, application_event};

static KEY: OnceLock<Vec<u8>> = OnceLock::new();

/// Installs this process's key (at start-up, from `ANEF_AUDIT_KEY`). Every instance of the
/// service must use the same one.
pub fn install_key(key: &str) {
    if KEY.set(key.as_bytes().to_vec()).is_err() {
        tracing::debug!("audit key already installed");
    }
}

/// Until a key is installed (tests that build no configuration), the development one.
fn key() -> &'static [u8] {
    KEY.get_or_init(|| crate::config::Config::default_audit_key().as_bytes().to_vec())
}

/// Times are kept to the microsecond, the precision both databases store.
pub fn audit_time(at: DateTime<Utc>) -> DateTime<Utc> {
    at.trunc_subsecs(6)
}

/// The two kinds of trail, each kept per owner row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Trail {
    /// A file's history; the owner is the application.
    Application,
    /// An agent account's trail; the owner is the agent.
    Agent,
}

impl Trail {
    fn owner_table(self) -> &'static str {
        match self {
            Trail::Application => "applications",
            Trail::Agent => "agents",
        }
    }

    /// The column of a trail's lines naming their owner.
    fn owner_column(self) -> &'static str {
        match self {
            Trail::Application => "application_id",
            Trail::Agent => "agent_id",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Trail::Application => "application_events",
            Trail::Agent => "agent_events",
        }
    }
}

/// The content of a file-history line, in a fixed order (everything but its id and hashes).
pub fn application_line(line: &application_event::Model) -> String {
    serde_json::json!([
        line.application_id,
        line.actor_kind,
        line.actor_id,
        line.action,
        line.from_status,
        line.to_status,
        line.detail,
        line.created_at.timestamp_micros()
    ])
    .to_string()
}

/// The content of an agent-trail line, in a fixed order.
pub fn agent_line(line: &agent_event::Model) -> String {
    serde_json::json!([line.agent_id, line.source, line.actor_agent_id, line.action, line.detail, line.created_at.timestamp_micros()])
        .to_string()
}

fn seal(prev: Option<&str>, content: &str) -> String {
    let mut mac = match Hmac::<Sha256>::new_from_slice(key()) {
        Ok(mac) => mac,
        // HMAC takes a key of any length; this branch cannot be reached.
        Err(_) => return String::new(),
    };
    mac.update(prev.unwrap_or_default().as_bytes());
    mac.update(b"\n");
    mac.update(content.as_bytes());
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

/// The hashes a new line gets.
pub struct Sealed {
    pub prev_hash: Option<String>,
    pub hash: String,
}

async fn head(db: &impl ConnectionTrait, trail: Trail, owner_id: i32) -> Result<Option<String>, DbErr> {
    let query = Query::select()
        .column(Alias::new("audit_head"))
        .from(Alias::new(trail.owner_table()))
        .and_where(Expr::col(Alias::new("id")).eq(owner_id))
        .to_owned();
    let row = db.query_one(StatementBuilder::build(&query, &db.get_database_backend())).await?;
    let row = row.ok_or_else(|| DbErr::RecordNotFound(format!("{} {owner_id}", trail.owner_table())))?;
    row.try_get("", "audit_head")
}

/// Seals a new line of `owner_id`'s trail whose content is `content`, and moves the owner's
/// head to it. Call it in the transaction that inserts the line.
pub async fn append(db: &impl ConnectionTrait, trail: Trail, owner_id: i32, content: &str) -> Result<Sealed, DbErr> {
    // The owner row is normally locked by the caller already; a concurrent writer that got
    // there first just means reading the head again.
    for _ in 0..3 {
        let prev = head(db, trail, owner_id).await?;
        let hash = seal(prev.as_deref(), content);
        let head_column = Expr::col(Alias::new("audit_head"));
        let unchanged = match &prev {
            Some(prev) => head_column.eq(prev.as_str()),
            None => head_column.is_null(),
        };
        let update = Query::update()
            .table(Alias::new(trail.owner_table()))
            .value(Alias::new("audit_head"), hash.clone())
            .and_where(Expr::col(Alias::new("id")).eq(owner_id))
            .and_where(unchanged)
            .to_owned();
        let moved = db.execute(StatementBuilder::build(&update, &db.get_database_backend())).await?;
        if moved.rows_affected() == 1 {
            return Ok(Sealed { prev_hash: prev, hash });
        }
    }
    Err(DbErr::Custom(format!("the audit trail of {} {owner_id} keeps moving", trail.owner_table())))
}

/// Where a chain breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokenLink {
    pub trail: Trail,
    pub owner_id: i32,
    /// The first line that does not follow; none when the trail's end was cut off.
    pub line_id: Option<i32>,
    pub reason: &'static str,
}

impl std::fmt::Display for BrokenLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let owner = self.trail.owner_table();
        match self.line_id {
            Some(line) => write!(f, "{} line {line} ({owner} {}): {}", self.trail.label(), self.owner_id, self.reason),
            None => write!(f, "{} of {owner} {}: {}", self.trail.label(), self.owner_id, self.reason),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditReport {
    pub lines_checked: usize,
    /// Lines written before the chain existed (the start of a trail only).
    pub lines_before_chain: usize,
    pub first_broken: Option<BrokenLink>,
}

/// One line as the verification reads it.
struct Link {
    id: i32,
    owner_id: i32,
    content: String,
    prev_hash: Option<String>,
    hash: Option<String>,
}

/// A trail's last hash, written outside the database (`server audit-anchor`): whoever can write
/// the database can cut a trail's end and point its row at an earlier hash (copying a hash
/// needs no key), but cannot bring back a line an anchor names.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Anchor {
    /// `application_events` or `agent_events`.
    pub trail: String,
    pub owner_id: i32,
    pub head: String,
}

/// The heads of every trail now, to be kept outside the database.
pub async fn anchors(db: &impl ConnectionTrait) -> Result<Vec<Anchor>, DbErr> {
    let mut anchors = Vec::new();
    for (id, head) in
        application::Entity::find().order_by_asc(application::Column::Id).all(db).await?.into_iter().map(|a| (a.id, a.audit_head))
    {
        if let Some(head) = head {
            anchors.push(Anchor { trail: Trail::Application.label().into(), owner_id: id, head });
        }
    }
    for (id, head) in agent::Entity::find().order_by_asc(agent::Column::Id).all(db).await?.into_iter().map(|a| (a.id, a.audit_head)) {
        if let Some(head) = head {
            anchors.push(Anchor { trail: Trail::Agent.label().into(), owner_id: id, head });
        }
    }
    Ok(anchors)
}

/// The first anchor whose line is no longer in its trail (the trail's end was cut since).
pub async fn check_anchors(db: &impl ConnectionTrait, anchors: &[Anchor]) -> Result<Option<BrokenLink>, DbErr> {
    for batch in anchors.chunks(500) {
        let mut found: HashSet<(Trail, i32, String)> = HashSet::new();
        for trail in [Trail::Application, Trail::Agent] {
            let heads: Vec<String> = batch.iter().filter(|a| a.trail == trail.label()).map(|a| a.head.clone()).collect();
            found.extend(lines_with_hashes(db, trail, heads).await?.into_iter().map(|(owner, hash)| (trail, owner, hash)));
        }
        for anchor in batch {
            let trail = if anchor.trail == Trail::Agent.label() { Trail::Agent } else { Trail::Application };
            if !found.contains(&(trail, anchor.owner_id, anchor.head.clone())) {
                let reason = "a line anchored outside the database is gone (the trail was cut)";
                return Ok(Some(BrokenLink { trail, owner_id: anchor.owner_id, line_id: None, reason }));
            }
        }
    }
    Ok(None)
}

/// The (owner, hash) of the lines of `trail` whose hash is one of `hashes`.
async fn lines_with_hashes(db: &impl ConnectionTrait, trail: Trail, hashes: Vec<String>) -> Result<Vec<(i32, String)>, DbErr> {
    if hashes.is_empty() {
        return Ok(Vec::new());
    }
    let query = Query::select()
        .column(Alias::new(trail.owner_column()))
        .column(Alias::new("hash"))
        .from(Alias::new(trail.label()))
        .and_where(Expr::col(Alias::new("hash")).is_in(hashes))
        .to_owned();
    let backend = db.get_database_backend();
    let rows = db.query_all(StatementBuilder::build(&query, &backend)).await?;
    rows.into_iter().map(|row| Ok((row.try_get_by_index(0)?, row.try_get_by_index(1)?))).collect()
}

/// Checks every trail; stops at the first broken link.
pub async fn verify(db: &impl ConnectionTrait) -> Result<AuditReport, DbErr> {
    let mut report = AuditReport::default();
    let lines = application_event::Entity::find()
        .order_by_asc(application_event::Column::ApplicationId)
        .order_by_asc(application_event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|l| Link { id: l.id, owner_id: l.application_id, content: application_line(&l), prev_hash: l.prev_hash, hash: l.hash })
        .collect();
    let heads = application::Entity::find().all(db).await?.into_iter().map(|a| (a.id, a.audit_head)).collect();
    let broken = check_trails(Trail::Application, lines, heads, &mut report);
    report.first_broken = broken;
    if report.first_broken.is_some() {
        return Ok(report);
    }
    let lines = agent_event::Entity::find()
        .order_by_asc(agent_event::Column::AgentId)
        .order_by_asc(agent_event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|l| Link { id: l.id, owner_id: l.agent_id, content: agent_line(&l), prev_hash: l.prev_hash, hash: l.hash })
        .collect();
    let heads = agent::Entity::find().all(db).await?.into_iter().map(|a| (a.id, a.audit_head)).collect();
    let broken = check_trails(Trail::Agent, lines, heads, &mut report);
    report.first_broken = broken;
    Ok(report)
}

/// Walks the lines of one kind of trail (sorted by owner, then id) against the owners' heads;
/// the first broken link, if any.
fn check_trails(trail: Trail, lines: Vec<Link>, mut heads: HashMap<i32, Option<String>>, report: &mut AuditReport) -> Option<BrokenLink> {
    let broken = |owner_id, line_id, reason| Some(BrokenLink { trail, owner_id, line_id, reason });
    for owner_lines in lines.chunk_by(|a, b| a.owner_id == b.owner_id) {
        let owner_id = owner_lines[0].owner_id;
        let mut last: Option<String> = None;
        for line in owner_lines {
            report.lines_checked += 1;
            match &line.hash {
                None if last.is_none() => report.lines_before_chain += 1,
                None => return broken(owner_id, Some(line.id), "a line without its hash after sealed lines"),
                Some(hash) => {
                    if line.prev_hash != last {
                        return broken(owner_id, Some(line.id), "does not follow the line before it");
                    }
                    if *hash != seal(last.as_deref(), &line.content) {
                        return broken(owner_id, Some(line.id), "its content does not match its hash");
                    }
                    last = Some(hash.clone());
                }
            }
        }
        match heads.remove(&owner_id) {
            None => return broken(owner_id, None, "lines of an owner that does not exist"),
            Some(head) if head != last => return broken(owner_id, None, "the trail's last line is missing or was replaced"),
            Some(_) => {}
        }
    }
    // Owners whose every line was removed still point at their last one.
    let emptied = heads.into_iter().filter(|(_, head)| head.is_some()).map(|(id, _)| id).min();
    emptied.and_then(|owner_id| broken(owner_id, None, "every line of the trail is missing"))
}
