//! The national address base imported into the database: its CSV export loaded by
//! `server import addresses <file.csv>`, and the full-text search behind the suggestions.
//!
//! The file is the BAN's export per département (`adresses-91.csv` on adresse.data.gouv.fr,
//! `;`-separated, columns read by name: `id`, `numero`, `rep`, `nom_voie`, `code_postal`,
//! `code_insee`, `nom_commune`; the others are ignored). A line without a street, a postal code
//! or an INSEE code stops the import with its number, and nothing is changed. Addresses are
//! upserted by their BAN identifier, so a newer export of the same département updates it.

use std::io::Read;

use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, DatabaseBackend, DbErr, EntityTrait, FromQueryResult, PaginatorTrait, Set, Statement};
use serde::Deserialize;

use app::filing::AddressSuggestion;

use super::{LIMIT, MIN_QUERY_CHARS};
use crate::db::entities::address;
use crate::registry::import::{ImportError, ImportReport};
use crate::text::search_text;

/// Rows written per statement: well under SQLite's limit on bound values.
const BATCH: usize = 500;
/// The BAN's number for a named place without a street number.
const NO_NUMBER: &str = "99999";
/// Words of a query that count; the rest of a long paste is ignored.
const MAX_WORDS: usize = 8;

#[derive(Deserialize)]
struct BanRecord {
    id: String,
    numero: String,
    #[serde(default)]
    rep: Option<String>,
    nom_voie: String,
    code_postal: String,
    code_insee: String,
    nom_commune: String,
}

impl BanRecord {
    fn into_row(self, line: u64) -> Result<address::ActiveModel, ImportError> {
        let invalid = |message: &str| ImportError::Line { line, message: message.to_owned() };
        let five = |code: &str, digits_only: bool| {
            code.len() == 5 && code.bytes().all(|b| b.is_ascii_digit() || (!digits_only && b.is_ascii_uppercase()))
        };
        if self.id.trim().is_empty() {
            return Err(invalid("the id (BAN identifier) is empty"));
        }
        if self.nom_voie.trim().is_empty() || self.nom_commune.trim().is_empty() {
            return Err(invalid("the street (nom_voie) or the town (nom_commune) is empty"));
        }
        if !five(&self.code_postal, true) {
            return Err(invalid("the postal code (code_postal) is not 5 digits"));
        }
        // Corsica's INSEE codes start with 2A or 2B.
        if !five(&self.code_insee, false) {
            return Err(invalid("the INSEE code (code_insee) is not 5 characters"));
        }
        let number = Some(self.numero.trim()).filter(|n| !n.is_empty() && *n != NO_NUMBER);
        let street = [number, self.rep.as_deref().map(str::trim).filter(|r| !r.is_empty()), Some(self.nom_voie.trim())]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let label = format!("{street} {} {}", self.code_postal, self.nom_commune.trim());
        Ok(address::ActiveModel {
            ban_id: Set(self.id.trim().to_owned()),
            search_text: Set(search_text(&label)),
            label: Set(label),
            street: Set(street),
            postal_code: Set(self.code_postal),
            city: Set(self.nom_commune.trim().to_owned()),
            insee_code: Set(self.code_insee),
            ..Default::default()
        })
    }
}

/// Loads a BAN CSV export in the caller's transaction (see the module's documentation).
pub async fn import(db: &impl ConnectionTrait, reader: impl Read) -> Result<ImportReport, ImportError> {
    let before = address::Entity::find().count(db).await?;
    let mut csv = csv::ReaderBuilder::new().delimiter(b';').trim(csv::Trim::All).from_reader(reader);
    let mut batch = Vec::with_capacity(BATCH);
    let mut total = 0usize;
    for (n, result) in csv.deserialize::<BanRecord>().enumerate() {
        let line = n as u64 + 2;
        let record = result.map_err(|e| ImportError::Line { line, message: e.to_string() })?;
        batch.push(record.into_row(line)?);
        if batch.len() == BATCH {
            total += write(db, std::mem::take(&mut batch)).await?;
        }
    }
    total += write(db, batch).await?;
    match db.get_database_backend() {
        // The external-content index is rebuilt from the table (seconds for a département).
        DatabaseBackend::Sqlite => db.execute_unprepared("INSERT INTO addresses_fts(addresses_fts) VALUES ('rebuild')").await?,
        // Fresh statistics, so that the planner takes the full-text index after a bulk load.
        _ => db.execute_unprepared("ANALYZE addresses").await?,
    };
    let inserted = (address::Entity::find().count(db).await? - before) as usize;
    Ok(ImportReport { inserted, updated: total - inserted })
}

async fn write(db: &impl ConnectionTrait, rows: Vec<address::ActiveModel>) -> Result<usize, DbErr> {
    let count = rows.len();
    if count == 0 {
        return Ok(0);
    }
    use address::Column::*;
    let upsert = OnConflict::column(BanId).update_columns([Label, Street, PostalCode, City, InseeCode, SearchText]).to_owned();
    address::Entity::insert_many(rows).on_conflict(upsert).exec_without_returning(db).await?;
    Ok(count)
}

#[derive(FromQueryResult)]
struct Found {
    label: String,
    street: String,
    postal_code: String,
    city: String,
    insee_code: String,
}

/// Words of nearly every address: they select nothing and cost the most to match.
const STOP_WORDS: [&str; 14] = ["a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "sur"];

/// A word of a query, matched as the start of a word of the address ("palai" finds
/// Palaiseau) except a number followed by more words, which is whole (the house number "8" is
/// not 80 or 812): numbers match most addresses, and their prefixes cost the most.
struct Word<'a> {
    text: &'a str,
    prefix: bool,
}

fn words_of(text: &str, still_typing: bool) -> Vec<Word<'_>> {
    let all: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    let last = all.len().saturating_sub(1);
    let mut words: Vec<Word<'_>> = all
        .iter()
        .enumerate()
        .filter(|(n, w)| *n == last || !STOP_WORDS.contains(w))
        .map(|(n, w)| Word { text: w, prefix: (still_typing && n == last) || (n != last && !w.bytes().all(|b| b.is_ascii_digit())) })
        .collect();
    words.truncate(MAX_WORDS);
    words
}

/// The addresses with each word of `query`, in any order, accents and case aside, each word
/// being the start of one ("12 hunier palai" finds "12 Rue de la Hunière 91120 Palaiseau"); a
/// word typed to its end and followed by a space is whole.
pub async fn search(db: &impl ConnectionTrait, query: &str) -> Result<Vec<AddressSuggestion>, DbErr> {
    let text = search_text(query);
    let still_typing = !query.ends_with(char::is_whitespace);
    let words = words_of(&text, still_typing);
    if text.chars().count() < MIN_QUERY_CHARS || words.is_empty() {
        return Ok(Vec::new());
    }
    // The words hold only letters and digits (see `search_text`): nothing of either query
    // language can be injected, and they are bound as one value all the same.
    let backend = db.get_database_backend();
    let statement = match backend {
        DatabaseBackend::Sqlite => Statement::from_sql_and_values(
            backend,
            "SELECT a.label, a.street, a.postal_code, a.city, a.insee_code FROM addresses_fts \
             JOIN addresses a ON a.id = addresses_fts.rowid WHERE addresses_fts MATCH ? LIMIT ?",
            [
                words.iter().map(|w| format!("\"{}\"{}", w.text, if w.prefix { "*" } else { "" })).collect::<Vec<_>>().join(" ").into(),
                (LIMIT as i64).into(),
            ],
        ),
        _ => Statement::from_sql_and_values(
            backend,
            "SELECT label, street, postal_code, city, insee_code FROM addresses \
             WHERE to_tsvector('simple', search_text) @@ to_tsquery('simple', $1) LIMIT $2",
            [
                words.iter().map(|w| format!("{}{}", w.text, if w.prefix { ":*" } else { "" })).collect::<Vec<_>>().join(" & ").into(),
                (LIMIT as i64).into(),
            ],
        ),
    };
    let found = Found::find_by_statement(statement).all(db).await?;
    Ok(found
        .into_iter()
        .map(|f| AddressSuggestion { label: f.label, street: f.street, postal_code: f.postal_code, city: f.city, insee_code: f.insee_code })
        .collect())
}
