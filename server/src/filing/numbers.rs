//! File numbers: `<year>-<département>-<sequence>` (e.g. `2026-091-000042`), one sequence per
//! year and département, allocated by an atomic upsert so that concurrent submissions on
//! several server instances never get the same number. Unique and increasing, not gap-free:
//! a number is allocated before the submission's transaction (so that no counter row stays
//! locked while a receipt is rendered), and one whose submission then fails, or lost a double
//! click, is not reused, as a database sequence does.

use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{ConnectionTrait, DbErr};

#[derive(sea_orm::DeriveIden)]
enum FileNumberCounters {
    Table,
    Prefix,
    Last,
}

/// The prefix of a file number: the year and the département on three characters.
pub fn prefix(year: i32, departement: &str) -> String {
    format!("{year}-{departement:0>3}")
}

pub fn format(prefix: &str, sequence: i32) -> String {
    format!("{prefix}-{sequence:06}")
}

/// Allocates the next number of `prefix`, in a statement of its own.
pub async fn next(db: &impl ConnectionTrait, prefix: &str) -> Result<String, DbErr> {
    let statement = Query::insert()
        .into_table(FileNumberCounters::Table)
        .columns([FileNumberCounters::Prefix, FileNumberCounters::Last])
        .values_panic([prefix.into(), 1.into()])
        .on_conflict(
            OnConflict::column(FileNumberCounters::Prefix)
                .value(FileNumberCounters::Last, Expr::col((FileNumberCounters::Table, FileNumberCounters::Last)).add(1))
                .to_owned(),
        )
        .returning_col(FileNumberCounters::Last)
        .to_owned();
    let backend = db.get_database_backend();
    let row = db.query_one(backend.build(&statement)).await?;
    let sequence: i32 = row.map(|r| r.try_get_by_index(0)).transpose()?.ok_or_else(|| DbErr::RecordNotInserted)?;
    Ok(format(prefix, sequence))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_year_departement_sequence() {
        assert_eq!(format(&prefix(2026, "91"), 42), "2026-091-000042");
        assert_eq!(format(&prefix(2026, "2A"), 1), "2026-02A-000001");
        assert_eq!(format(&prefix(2026, "974"), 123_456), "2026-974-123456");
    }
}
