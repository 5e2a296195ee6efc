//! Seeding: the registers from the versioned CSV files embedded in the binary, and, for demos,
//! accounts with a known password.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde::Deserialize;

use crate::clock::Clock;
use crate::crypto::{hash_password, PasswordWork};
use crate::db::entities::{account, person, prefecture};
use crate::registry::import::{import_csv, ImportError, Kind};

const PREFECTURES: &str = include_str!("../data/seed/prefectures.csv");
const COMMUNES: &str = include_str!("../data/seed/communes.csv");
const PERSONS: &str = include_str!("../data/seed/persons.csv");
const TITLES: &str = include_str!("../data/seed/titles.csv");
const VISAS: &str = include_str!("../data/seed/visas.csv");
/// A fictional sample of the national address base, in its export's format (the demo people's
/// streets and invented ones): the address completion works out of the box.
const ADDRESSES: &str = include_str!("../data/seed/addresses.csv");
const DEMO_ACCOUNTS: &str = include_str!("../data/seed/demo_accounts.csv");

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("{file}: {source}")]
    Import { file: &'static str, source: ImportError },
    #[error("demo accounts: {0}")]
    Demo(String),
    #[error("database: {0}")]
    Db(#[from] DbErr),
}

/// A demo account, as printed by `server demo-accounts` and `make run`.
#[derive(Clone, Debug, Deserialize)]
pub struct DemoAccount {
    pub numero_etranger: String,
    pub email: String,
    pub password: String,
}

const DEMO_AGENTS: &str = include_str!("../data/seed/demo_agents.csv");

/// A demo agent of the back-office (demo only, never seeded in production).
#[derive(Debug, Clone, Deserialize)]
pub struct DemoAgent {
    pub email: String,
    pub name: String,
    pub prefecture_code: String,
    /// [`app::domain::agents::AgentRole::as_str`].
    pub role: String,
    pub password: String,
}

pub fn demo_agents() -> Vec<DemoAgent> {
    csv::Reader::from_reader(DEMO_AGENTS.as_bytes()).deserialize().filter_map(Result::ok).collect()
}

/// Creates the demo agents when they do not exist yet.
pub async fn seed_demo_agents(db: &DatabaseConnection, clock: &Clock) -> Result<(), SeedError> {
    use crate::instruction::agents::{self, Origin};
    use app::domain::agents::NewAgentInput;
    for demo in demo_agents() {
        if agents::by_email(db, &demo.email).await?.is_some() {
            continue;
        }
        let input = NewAgentInput {
            email: demo.email.clone(),
            display_name: demo.name.clone(),
            prefecture: demo.prefecture_code.clone(),
            role: demo.role.clone(),
        };
        agents::create(
            db,
            clock,
            &PasswordWork::for_this_machine(crate::config::DEFAULT_TEMPORARY_PASSWORD_HOURS),
            &input,
            &demo.password,
            Origin::Seed,
        )
        .await
        .map_err(|e| SeedError::Demo(e.to_string()))?;
    }
    Ok(())
}

pub fn demo_accounts() -> Vec<DemoAccount> {
    csv::Reader::from_reader(DEMO_ACCOUNTS.as_bytes()).deserialize().filter_map(Result::ok).collect()
}

/// Whether the registers are empty (a fresh database).
pub async fn is_empty(db: &DatabaseConnection) -> Result<bool, DbErr> {
    Ok(prefecture::Entity::find().count(db).await? == 0)
}

/// Imports the seed registers (idempotent: rows are upserted).
pub async fn seed_registers(db: &DatabaseConnection, clock: &Clock) -> Result<(), SeedError> {
    let files = [
        ("prefectures.csv", Kind::Prefectures, PREFECTURES),
        ("communes.csv", Kind::Communes, COMMUNES),
        ("persons.csv", Kind::Persons, PERSONS),
        ("titles.csv", Kind::Titles, TITLES),
        ("visas.csv", Kind::Visas, VISAS),
        ("addresses.csv", Kind::Addresses, ADDRESSES),
    ];
    for (file, kind, content) in files {
        let report = import_csv(db, clock, kind, content.as_bytes()).await.map_err(|source| SeedError::Import { file, source })?;
        tracing::info!(file, inserted = report.inserted, updated = report.updated, "seeded");
    }
    Ok(())
}

/// A title holder's account, active and with its e-mail verified, as the demo data and the
/// benchmarks create them (in service, accounts are only made through sign-up).
pub fn title_holder_account(person_id: i32, email: String, password_hash: Option<String>, now: DateTime<Utc>) -> account::ActiveModel {
    account::ActiveModel {
        person_id: Set(Some(person_id)),
        visa_id: Set(None),
        email: Set(email),
        email_verified_at: Set(Some(now)),
        password_hash: Set(password_hash),
        must_change_password: Set(false),
        lang: Set("fr".into()),
        phone: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

/// Creates the demo accounts (active, e-mail verified) when they do not exist yet.
pub async fn seed_demo_accounts(db: &DatabaseConnection, clock: &Clock) -> Result<(), SeedError> {
    // Every demo account shares the password: hash it once (a salted hash is still per account
    // in production, where accounts are never seeded).
    let mut hashes: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for demo in demo_accounts() {
        let Some(holder) = person::Entity::find().filter(person::Column::NumeroEtranger.eq(&demo.numero_etranger)).one(db).await? else {
            return Err(SeedError::Demo(format!("{} is not in persons.csv", demo.numero_etranger)));
        };
        if account::Entity::find().filter(account::Column::PersonId.eq(holder.id)).one(db).await?.is_some() {
            continue;
        }
        let hash = match hashes.get(&demo.password) {
            Some(hash) => hash.clone(),
            None => {
                let hash = hash_password(&demo.password).map_err(|e| SeedError::Demo(e.to_string()))?;
                hashes.insert(demo.password.clone(), hash.clone());
                hash
            }
        };
        title_holder_account(holder.id, demo.email.clone(), Some(hash), clock.now()).insert(db).await?;
    }
    Ok(())
}
