//! Schema migrations, run at start-up and by `server migrate`. Written with the portable
//! schema builder so that each one runs unchanged on SQLite and PostgreSQL. A migration is
//! never edited once released: add a new one.

use sea_orm_migration::prelude::*;

mod m20261122_000001_foundation;
mod m20261122_000002_filing;
mod m20261123_000003_agents;
mod m20261123_000005_complements;
mod m20261123_000006_queue_indexes;
mod m20261123_000007_account_notifications;
mod m20261123_000009_agent_events;
mod m20261123_000010_agent_password_change;
mod m20261130_000011_audit_chain;
mod m20261130_000012_temporary_password_expiry;
mod m20261130_000013_national_administrators;
mod m20261130_000014_feedback;
mod m20261130_000015_lawful_stay;
mod m20261130_000016_messages;
mod m20261130_000017_appointments;
mod m20261130_000018_corrections;
mod m20261130_000019_addresses;
mod m20261130_000020_tax_stamps;
mod m20261130_000021_agent_second_factor;
mod m20261201_000022_held_for_scan;
mod m20261201_000023_queue_counts;
mod m20261201_000024_holder_search;
mod m20261201_000025_queue_counts_by_procedure;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_foundation::Migration),
            Box::new(m20261122_000002_filing::Migration),
            Box::new(m20261123_000003_agents::Migration),
            Box::new(m20261123_000005_complements::Migration),
            Box::new(m20261123_000006_queue_indexes::Migration),
            Box::new(m20261123_000007_account_notifications::Migration),
            Box::new(m20261123_000009_agent_events::Migration),
            Box::new(m20261123_000010_agent_password_change::Migration),
            Box::new(m20261130_000011_audit_chain::Migration),
            Box::new(m20261130_000012_temporary_password_expiry::Migration),
            Box::new(m20261130_000013_national_administrators::Migration),
            Box::new(m20261130_000014_feedback::Migration),
            Box::new(m20261130_000015_lawful_stay::Migration),
            Box::new(m20261130_000016_messages::Migration),
            Box::new(m20261130_000017_appointments::Migration),
            Box::new(m20261130_000018_corrections::Migration),
            Box::new(m20261130_000019_addresses::Migration),
            Box::new(m20261130_000020_tax_stamps::Migration),
            Box::new(m20261130_000021_agent_second_factor::Migration),
            Box::new(m20261201_000022_held_for_scan::Migration),
            Box::new(m20261201_000023_queue_counts::Migration),
            Box::new(m20261201_000024_holder_search::Migration),
            Box::new(m20261201_000025_queue_counts_by_procedure::Migration),
        ]
    }
}

/// A named foreign key from `(table, column)` to `(table, column)`.
fn fk(
    name: &str,
    from: (impl IntoIden + 'static, impl IntoIden + 'static),
    to: (impl IntoIden + 'static, impl IntoIden + 'static),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(on_delete).to_owned()
}

/// A named index of `table` on `columns`, in order.
fn index(name: &str, table: impl IntoIden + 'static, columns: &[&'static str]) -> IndexCreateStatement {
    let mut statement = Index::create();
    statement.name(name).table(table);
    for column in columns {
        statement.col(Alias::new(*column));
    }
    statement.to_owned()
}
