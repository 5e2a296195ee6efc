//! The prefecture's queue (SPEC §6): filters (status, procedure, filing dates, deadline),
//! search by name, numéro étranger or file number, counts per status, one page of files with
//! their holders. Only ever reads files of the agent's prefecture.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveTime};
use sea_orm::sea_query::{Alias, Expr, Query, SimpleExpr};
use sea_orm::DbBackend;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, FromQueryResult, JoinType, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select, TransactionTrait,
};

use app::backend::AgentSession;
use app::domain::catalogue;
use app::domain::lifecycle::FileStatus;
use app::domain::messages::Author;
use app::domain::validation::ValidationError;
use app::error::AppError;
use app::instruction::{QueueFilter, QueueItem, QueuePage, QUEUE_PAGE_SIZE};

use crate::db::entities::{account, application, message, person, visa};
use crate::error::OrInternal;

/// Statuses of files that never reach a prefecture's queue.
const NOT_IN_QUEUE: [FileStatus; 2] = [FileStatus::Brouillon, FileStatus::Abandonnee];

/// One page of `agent`'s queue with `filter`, and the prefecture's counts per status.
/// `implicit_window`: the days from today that "implicit decision soon" covers.
pub async fn page(
    db: &DatabaseConnection,
    agent: &AgentSession,
    filter: &QueueFilter,
    implicit_window: (NaiveDate, NaiveDate),
) -> Result<QueuePage, AppError> {
    let matching = matching(db, agent.prefecture_id, filter, implicit_window).await?;
    // The count and the page from one snapshot.
    let reads = db.begin().await.or_internal()?;
    if matches!(search_of(filter).map(Search::of), Some(Search::Holder(_))) && db.get_database_backend() == DbBackend::Postgres {
        // sqlx prepares each statement, and after five runs PostgreSQL may keep one plan blind
        // to the values: for a holder's few accounts, it read the prefecture's files in order
        // (`make bench`: 54 ms instead of 11 for one agent). Planned for its values each time.
        reads.execute_unprepared("SET LOCAL plan_cache_mode = force_custom_plan").await.or_internal()?;
    }
    // Kept per prefecture, status and procedure by each move (`filing::counts`): a few rows,
    // however many files the prefecture holds.
    let kept: Vec<(String, String, i64)> = crate::filing::counts::of_prefecture(&reads, agent.prefecture_id)
        .await
        .or_internal()?
        .into_iter()
        .filter(|(code, _, _)| NOT_IN_QUEUE.iter().all(|s| s.as_str() != code))
        .collect();
    let total = match counted(filter) {
        true => kept
            .iter()
            .filter(|(status, procedure, _)| {
                filter.status.is_none_or(|wanted| wanted.as_str() == status)
                    && filter.procedure.as_ref().is_none_or(|wanted| wanted.0 == *procedure)
            })
            .map(|(_, _, n)| u64::try_from(*n).unwrap_or(0))
            .sum(),
        false => matching.clone().count(&reads).await.or_internal()?,
    };
    let pages = total.div_ceil(QUEUE_PAGE_SIZE).max(1);
    let page = filter.page.clamp(1, pages);
    let (rows_query, reversed) = rows(matching, filter, page);
    let mut rows = rows_query.all(&reads).await.or_internal()?;
    reads.commit().await.or_internal()?;
    if reversed {
        rows.reverse();
    }
    let cursor_of = |row: Option<&application::Model>| row.filter(|_| keyset(filter)).and_then(Cursor::of).map(|c| c.to_string());
    let next = (page < pages).then(|| cursor_of(rows.last())).flatten();
    let previous = (page > 1).then(|| cursor_of(rows.first())).flatten();
    // The page's holders in one query rather than two per file (40 round trips were a third
    // of a page's time on PostgreSQL).
    let holders: HashMap<i32, (String, Option<String>)> = account::Entity::find()
        .filter(account::Column::Id.is_in(rows.iter().map(|r| r.account_id)))
        .select_only()
        .column_as(account::Column::Id, "account_id")
        .column_as(person::Column::GivenNames, "person_given_names")
        .column_as(person::Column::BirthName, "person_birth_name")
        .column_as(person::Column::UsageName, "person_usage_name")
        .column_as(person::Column::NumeroEtranger, "person_numero_etranger")
        .column_as(visa::Column::GivenNames, "visa_given_names")
        .column_as(visa::Column::BirthName, "visa_birth_name")
        .join(JoinType::LeftJoin, account::Entity::belongs_to(person::Entity).from(account::Column::PersonId).to(person::Column::Id).into())
        .join(JoinType::LeftJoin, account::Entity::belongs_to(visa::Entity).from(account::Column::VisaId).to(visa::Column::Id).into())
        .into_model::<HolderRow>()
        .all(db)
        .await
        .or_internal()?
        .into_iter()
        .map(|row| (row.account_id, row.holder()))
        .collect();
    let page_ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let unread = crate::messages::unread_by_file(db, &page_ids, Author::Applicant).await.or_internal()?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        let (holder, numero_etranger) = holders.get(&row.account_id).cloned().unwrap_or_default();
        items.push(QueueItem {
            id: row.public_id,
            file_number: row.file_number.unwrap_or_default(),
            procedure: row.procedure.into(),
            holder,
            numero_etranger,
            status: row.status.parse().or_internal()?,
            filed_on: row.submitted_at.map(|at| at.format("%d/%m/%Y").to_string()).unwrap_or_default(),
            deadline_on: row.deadline_on.map(|d| d.format("%d/%m/%Y").to_string()),
            implicit_decision_on: row.implicit_decision_on.map(|d| d.format("%d/%m/%Y").to_string()),
            unread_messages: unread.get(&row.id).copied().unwrap_or(0),
        });
    }
    // Per status, every procedure together, in the lifecycle's order.
    let counts = FileStatus::ALL
        .iter()
        .filter_map(|s| {
            let of_status: Vec<u64> =
                kept.iter().filter(|(code, _, _)| code == s.as_str()).map(|(_, _, n)| u64::try_from(*n).unwrap_or(0)).collect();
            (!of_status.is_empty()).then(|| (*s, of_status.iter().sum()))
        })
        .collect();
    Ok(QueuePage {
        prefecture: agent.prefecture_name.clone(),
        agent: agent.display_name.clone(),
        is_admin: agent.is_admin,
        items,
        total,
        page,
        pages,
        counts,
        next,
        previous,
    })
}

/// An account of a queue page with what AGDREF and VISABIO say of its holder (left joins:
/// either may be missing).
#[derive(FromQueryResult)]
struct HolderRow {
    account_id: i32,
    person_given_names: Option<String>,
    person_birth_name: Option<String>,
    person_usage_name: Option<String>,
    person_numero_etranger: Option<String>,
    visa_given_names: Option<String>,
    visa_birth_name: Option<String>,
}

impl HolderRow {
    /// The name shown and the numéro étranger: the AGDREF person, else the VISABIO visa (the
    /// rule of `holder::of_account`, for a whole page at once).
    fn holder(self) -> (String, Option<String>) {
        match (self.person_given_names, self.person_birth_name, self.visa_given_names, self.visa_birth_name) {
            (Some(given), Some(birth), _, _) => {
                (crate::registry::display_name(&given, &birth, self.person_usage_name.as_deref()), self.person_numero_etranger)
            }
            (_, _, Some(given), Some(birth)) => (crate::registry::display_name(&given, &birth, None), None),
            _ => Default::default(),
        }
    }
}

/// Where a page of the queue ends: the filing time (in microseconds, as stored) and the id of
/// its last file, written `<micros>.<id>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Cursor {
    submitted_micros: i64,
    id: i32,
}

impl Cursor {
    fn of(row: &application::Model) -> Option<Self> {
        Some(Cursor { submitted_micros: row.submitted_at?.timestamp_micros(), id: row.id })
    }

    /// `None` for anything else than a cursor this module wrote (a hand-edited address).
    fn parse(text: &str) -> Option<Self> {
        let (micros, id) = text.split_once('.')?;
        Some(Cursor { submitted_micros: micros.parse().ok()?, id: id.parse().ok()? })
    }

    fn tuple(self) -> SimpleExpr {
        let at = chrono::DateTime::from_timestamp_micros(self.submitted_micros).unwrap_or_default();
        Expr::tuple([Expr::value(at), Expr::value(self.id)]).into()
    }
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.submitted_micros, self.id)
    }
}

/// The statements a page of `filter` runs on the files of `prefecture_id`, labelled: how many
/// match (unless the kept counts tell) and the page's rows. For `make bench`, which
/// prints how the database runs them (`EXPLAIN`).
pub async fn statements(
    db: &DatabaseConnection,
    prefecture_id: i32,
    filter: &QueueFilter,
    implicit_window: (NaiveDate, NaiveDate),
) -> Result<Vec<(&'static str, sea_orm::Statement)>, AppError> {
    let backend = db.get_database_backend();
    let matching = matching(db, prefecture_id, filter, implicit_window).await?;
    let mut statements = Vec::new();
    if !counted(filter) {
        let count =
            Query::select().expr(Expr::cust("COUNT(*)")).from_subquery(matching.clone().into_query(), Alias::new("matching")).to_owned();
        statements.push(("files matching", backend.build(&count)));
    }
    statements.push(("the page's files", rows(matching, filter, filter.page.max(1)).0.build(backend)));
    Ok(statements)
}

/// The files of the prefecture's queue that `filter` selects.
async fn matching(
    db: &DatabaseConnection,
    prefecture_id: i32,
    filter: &QueueFilter,
    implicit_window: (NaiveDate, NaiveDate),
) -> Result<Select<application::Entity>, AppError> {
    let mut query = application::Entity::find()
        .filter(application::Column::PrefectureId.eq(prefecture_id))
        .filter(application::Column::Status.is_not_in(NOT_IN_QUEUE.map(FileStatus::as_str)));
    if let Some(wanted) = filter.status {
        query = query.filter(application::Column::Status.eq(wanted.as_str()));
    }
    if let Some(procedure) = &filter.procedure {
        if catalogue::procedure(procedure).is_none() {
            return Err(AppError::field("procedure", ValidationError::InvalidChoice));
        }
        query = query.filter(application::Column::Procedure.eq(procedure.to_string()));
    }
    let day = |value: &Option<String>, field: &str| -> Result<Option<NaiveDate>, AppError> {
        value
            .as_deref()
            .map(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| AppError::field(field, ValidationError::InvalidDate)))
            .transpose()
    };
    if let Some(from) = day(&filter.filed_from, "filed_from")? {
        query = query.filter(application::Column::SubmittedAt.gte(from.and_time(NaiveTime::MIN).and_utc()));
    }
    if let Some(to) = day(&filter.filed_to, "filed_to")? {
        query = query.filter(application::Column::SubmittedAt.lt((to + Duration::days(1)).and_time(NaiveTime::MIN).and_utc()));
    }
    if let Some(deadline) = day(&filter.deadline_before, "deadline_before")? {
        query = query.filter(application::Column::DeadlineOn.lte(deadline));
    }
    match search_of(filter).map(Search::of) {
        Some(Search::FileNumber(number)) => {
            let number = number.to_uppercase();
            // A complete number (`2026-091-000042`) names one file: asking for it by equality
            // too lets the database use the unique index rather than read every file of the
            // prefecture for the substring (same result; measured in benches/queue.rs).
            if is_complete_number(&number) {
                query = query.filter(application::Column::FileNumber.eq(number.as_str()));
            }
            query = query.filter(application::Column::FileNumber.contains(number));
        }
        Some(Search::Holder(holder)) => {
            let accounts = accounts_matching(db, holder).await.or_internal()?;
            query = query.filter(application::Column::AccountId.is_in(accounts));
        }
        None => {}
    }
    if filter.implicit_soon {
        query = query.filter(application::Column::ImplicitDecisionOn.between(implicit_window.0, implicit_window.1));
    }
    if filter.unread_messages {
        let unread = Query::select()
            .column(message::Column::ApplicationId)
            .from(message::Entity)
            .and_where(message::Column::Author.eq(Author::Applicant.as_str()))
            .and_where(message::Column::ReadAt.is_null())
            .to_owned();
        query = query.filter(application::Column::Id.in_subquery(unread));
    }
    Ok(query)
}

/// `2026-091-000042`: year, département, sequence.
fn is_complete_number(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 15
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..8].iter().all(u8::is_ascii_alphanumeric)
        && b[8] == b'-'
        && b[9..].iter().all(u8::is_ascii_digit)
}

fn search_of(filter: &QueueFilter) -> Option<&str> {
    filter.search.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Filtered by status, procedure or both (or not at all), the total is in the kept counts: no
/// pass over the prefecture's files.
fn counted(filter: &QueueFilter) -> bool {
    search_of(filter).is_none()
        && filter.filed_from.is_none()
        && filter.filed_to.is_none()
        && filter.deadline_before.is_none()
        && !filter.implicit_soon
        && !filter.unread_messages
}

/// Oldest first, except the implicit-decision filter's soonest first. Next to a page already
/// seen, read from where it ends in the index (keyset) rather than by skipping every file
/// before: as fast deep in the queue as at its start.
fn keyset(filter: &QueueFilter) -> bool {
    !filter.implicit_soon
}

/// The query of the page's rows, and whether they come newest first (a page before a cursor).
fn rows(matching: Select<application::Entity>, filter: &QueueFilter, page: u64) -> (Select<application::Entity>, bool) {
    let after = filter.after.as_deref().and_then(Cursor::parse).filter(|_| keyset(filter));
    let before = filter.before.as_deref().and_then(Cursor::parse).filter(|_| keyset(filter) && after.is_none());
    let key = || Expr::tuple([Expr::col(application::Column::SubmittedAt).into(), Expr::col(application::Column::Id).into()]);
    let oldest_first = |query: Select<application::Entity>| {
        query.order_by_asc(application::Column::SubmittedAt).order_by_asc(application::Column::Id).limit(QUEUE_PAGE_SIZE)
    };
    match (after, before) {
        (Some(cursor), _) => (oldest_first(matching.filter(key().gt(cursor.tuple()))), false),
        (None, Some(cursor)) => {
            let newest_first = matching
                .filter(key().lt(cursor.tuple()))
                .order_by_desc(application::Column::SubmittedAt)
                .order_by_desc(application::Column::Id)
                .limit(QUEUE_PAGE_SIZE);
            (newest_first, true)
        }
        (None, None) if filter.implicit_soon => {
            let soonest = matching.order_by_asc(application::Column::ImplicitDecisionOn);
            (oldest_first(soonest).offset((page - 1) * QUEUE_PAGE_SIZE), false)
        }
        (None, None) => (oldest_first(matching).offset((page - 1) * QUEUE_PAGE_SIZE), false),
    }
}

/// Account ids whose holder matches `search` (numéro étranger, or part of a name, accents,
/// case and punctuation aside), in one statement: the AGDREF persons and VISABIO visas that
/// match (500 of each at most) as subqueries.
async fn accounts_matching(db: &DatabaseConnection, search: &str) -> Result<Vec<i32>, DbErr> {
    let folded = crate::text::search_text(search);
    if folded.is_empty() {
        return Ok(Vec::new());
    }
    let holders = match search.len() == 10 && search.bytes().all(|b| b.is_ascii_digit()) {
        // A numéro étranger is AGDREF's: a visa has none.
        true => Condition::all().add(account::Column::PersonId.in_subquery(
            Query::select().column(person::Column::Id).from(person::Entity).and_where(person::Column::NumeroEtranger.eq(search)).to_owned(),
        )),
        false => {
            let like = format!("%{folded}%");
            let persons = Query::select()
                .column(person::Column::Id)
                .from(person::Entity)
                .and_where(person::Column::SearchName.like(&like))
                .limit(500)
                .to_owned();
            let visas = Query::select()
                .column(visa::Column::Id)
                .from(visa::Entity)
                .and_where(visa::Column::SearchName.like(&like))
                .limit(500)
                .to_owned();
            Condition::any().add(account::Column::PersonId.in_subquery(persons)).add(account::Column::VisaId.in_subquery(visas))
        }
    };
    account::Entity::find().filter(holders).select_only().column(account::Column::Id).into_tuple().all(db).await
}

/// What the search box asks for.
enum Search<'a> {
    /// A file number ("2026-091-000042", or a part of it).
    FileNumber(&'a str),
    /// A numéro étranger (10 digits) or a name.
    Holder(&'a str),
}

impl<'a> Search<'a> {
    fn of(search: &'a str) -> Self {
        let digits_only = search.bytes().all(|b| b.is_ascii_digit());
        match (search.contains('-') && search.bytes().any(|b| b.is_ascii_digit())) || (digits_only && search.len() != 10) {
            true => Search::FileNumber(search),
            false => Search::Holder(search),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Cursor;

    #[test]
    fn a_cursor_reads_back_what_it_wrote_and_nothing_else() {
        let cursor = Cursor { submitted_micros: 1_795_000_000_123_456, id: 42 };
        assert_eq!(Cursor::parse(&cursor.to_string()), Some(cursor));
        for hand_edited in ["", "42", "abc.1", "1.x", "1.2.3", "1.99999999999"] {
            assert_eq!(Cursor::parse(hand_edited), None, "{hand_edited}");
        }
    }
}
