//! Files per prefecture, status and procedure (`queue_counts`): moved by [`super::status`],
//! the one writer of a file's status, in the transaction of each move, so the agents' queue
//! reads a few rows instead of counting a prefecture's files at every page, filtered by status,
//! procedure or both.

use std::collections::BTreeMap;

use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};

use crate::db::entities::{application, queue_count};

/// What a count is kept for: a prefecture, a status and a procedure.
type Key = (i32, &'static str, String);

/// How many files each (prefecture, status, procedure) gains or loses.
#[derive(Debug, Default)]
pub struct Moves(BTreeMap<Key, i64>);

impl Moves {
    /// A file of `prefecture` (none before it is filed) and `procedure` leaves `status`.
    pub fn leave(&mut self, prefecture: Option<i32>, status: &'static str, procedure: &str) {
        self.add(prefecture, status, procedure, -1);
    }

    /// A file of `prefecture` and `procedure` enters `status`.
    pub fn enter(&mut self, prefecture: Option<i32>, status: &'static str, procedure: &str) {
        self.add(prefecture, status, procedure, 1);
    }

    fn add(&mut self, prefecture: Option<i32>, status: &'static str, procedure: &str, delta: i64) {
        if let Some(prefecture) = prefecture {
            *self.0.entry((prefecture, status, procedure.to_owned())).or_default() += delta;
        }
    }
}

const KEY: [queue_count::Column; 3] = [queue_count::Column::PrefectureId, queue_count::Column::Status, queue_count::Column::Procedure];
const COLUMNS: [queue_count::Column; 4] =
    [queue_count::Column::PrefectureId, queue_count::Column::Status, queue_count::Column::Procedure, queue_count::Column::Files];

/// Applies `moves` in `txn`, in key order: two transactions take the rows they share in the
/// same order, so they queue rather than deadlock.
pub async fn apply(txn: &impl ConnectionTrait, moves: Moves) -> Result<(), DbErr> {
    let backend = txn.get_database_backend();
    for ((prefecture, status, procedure), delta) in moves.0.into_iter().filter(|(_, delta)| *delta != 0) {
        let statement = Query::insert()
            .into_table(queue_count::Entity)
            .columns(COLUMNS)
            .values_panic([prefecture.into(), status.into(), procedure.into(), delta.into()])
            .on_conflict(
                OnConflict::columns(KEY)
                    .value(queue_count::Column::Files, Expr::col((queue_count::Entity, queue_count::Column::Files)).add(delta))
                    .to_owned(),
            )
            .to_owned();
        txn.execute(backend.build(&statement)).await?;
    }
    Ok(())
}

/// The files of `prefecture` per status and procedure code: `(status, procedure, files)`.
pub async fn of_prefecture(db: &impl ConnectionTrait, prefecture: i32) -> Result<Vec<(String, String, i64)>, DbErr> {
    queue_count::Entity::find()
        .select_only()
        .columns([queue_count::Column::Status, queue_count::Column::Procedure, queue_count::Column::Files])
        .filter(queue_count::Column::PrefectureId.eq(prefecture))
        .filter(queue_count::Column::Files.gt(0))
        .into_tuple()
        .all(db)
        .await
}

/// Counts every prefecture's files again from the files themselves: for rows written
/// without [`super::status`] (the benchmarks' bulk seeding, tests that insert files).
pub async fn recount(txn: &impl ConnectionTrait) -> Result<(), DbErr> {
    let backend = txn.get_database_backend();
    txn.execute(backend.build(&Query::delete().from_table(queue_count::Entity).to_owned())).await?;
    let counted = Query::select()
        .column(application::Column::PrefectureId)
        .column(application::Column::Status)
        .column(application::Column::Procedure)
        .expr(Expr::col(application::Column::Id).count())
        .from(application::Entity)
        .and_where(application::Column::PrefectureId.is_not_null())
        .group_by_col(application::Column::PrefectureId)
        .group_by_col(application::Column::Status)
        .group_by_col(application::Column::Procedure)
        .to_owned();
    let insert = Query::insert()
        .into_table(queue_count::Entity)
        .columns(COLUMNS)
        .select_from(counted)
        .map_err(|error| DbErr::Custom(error.to_string()))?
        .to_owned();
    txn.execute(backend.build(&insert)).await?;
    Ok(())
}

/// The (prefecture, status, procedure) rows whose count differs from the files: `(prefecture,
/// status, procedure, kept, counted)`. Empty when the counts are true.
pub async fn mismatches(db: &impl ConnectionTrait) -> Result<Vec<(i32, String, String, i64, i64)>, DbErr> {
    let counted: Vec<(i32, String, String, i64)> = application::Entity::find()
        .select_only()
        .column(application::Column::PrefectureId)
        .column(application::Column::Status)
        .column(application::Column::Procedure)
        .column_as(application::Column::Id.count(), "files")
        .filter(application::Column::PrefectureId.is_not_null())
        .group_by(application::Column::PrefectureId)
        .group_by(application::Column::Status)
        .group_by(application::Column::Procedure)
        .into_tuple()
        .all(db)
        .await?;
    let kept: Vec<(i32, String, String, i64)> = queue_count::Entity::find().select_only().columns(COLUMNS).into_tuple().all(db).await?;
    let mut all: BTreeMap<(i32, String, String), (i64, i64)> = BTreeMap::new();
    for (prefecture, status, procedure, files) in kept {
        all.entry((prefecture, status, procedure)).or_default().0 = files;
    }
    for (prefecture, status, procedure, files) in counted {
        all.entry((prefecture, status, procedure)).or_default().1 = files;
    }
    Ok(all.into_iter().filter(|(_, (kept, counted))| kept != counted).map(|((p, s, r), (k, c))| (p, s, r, k, c)).collect())
}
