//! Loading the registers from CSV files (format: `docs/contracts.md`, data: `server/data/seed`).
//!
//! An import runs in one transaction: a file with one bad line changes nothing, and the error
//! names the line. Rows are upserted by their natural key, so importing twice is harmless.

use std::io::Read;

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, QuerySelect, Set,
};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use app::domain::identifiers::{DocumentNumber, NumeroEtranger};

use crate::clock::Clock;
use crate::db::entities::{commune, person, prefecture, title, visa};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    Prefectures,
    Communes,
    Persons,
    Titles,
    Visas,
    /// The national address base's CSV export (`;`-separated, see `crate::addresses::base`).
    Addresses,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("line {line}: {message}")]
    Line { line: u64, message: String },
    #[error("CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("database: {0}")]
    Db(#[from] DbErr),
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub inserted: usize,
    pub updated: usize,
}

#[derive(Clone, Deserialize)]
struct PrefectureRecord {
    code: String,
    name: String,
    kind: String,
    departement: String,
    parent_code: Option<String>,
    street: String,
    postal_code: String,
    city: String,
    email: String,
}

#[derive(Deserialize)]
struct CommuneRecord {
    insee_code: String,
    name: String,
    postal_code: String,
    prefecture_code: String,
}

#[derive(Deserialize)]
struct PersonRecord {
    numero_etranger: String,
    birth_name: String,
    usage_name: Option<String>,
    given_names: String,
    sex: String,
    birth_date: NaiveDate,
    birth_country: String,
    birth_place: String,
    nationality: String,
    street: String,
    complement: Option<String>,
    postal_code: String,
    city: String,
    insee_code: String,
    phone: Option<String>,
}

#[derive(Deserialize)]
struct TitleRecord {
    title_number: String,
    numero_etranger: String,
    kind: String,
    category: String,
    label: String,
    mention: String,
    valid_from: NaiveDate,
    valid_to: NaiveDate,
}

#[derive(Deserialize)]
struct VisaRecord {
    visa_number: String,
    numero_etranger: Option<String>,
    doc_type: String,
    category: String,
    label: String,
    mention: String,
    valid_from: NaiveDate,
    valid_to: NaiveDate,
    birth_name: String,
    given_names: String,
    sex: String,
    birth_date: NaiveDate,
    birth_country: String,
    birth_place: String,
    nationality: String,
}

fn records<T: DeserializeOwned>(reader: impl Read) -> Result<Vec<(u64, T)>, ImportError> {
    let mut csv = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(reader);
    let mut out = Vec::new();
    for result in csv.deserialize::<T>() {
        let record = result.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            ImportError::Line { line, message: e.to_string() }
        })?;
        let line = out.len() as u64 + 2;
        out.push((line, record));
    }
    Ok(out)
}

fn check(line: u64, ok: bool, message: impl FnOnce() -> String) -> Result<(), ImportError> {
    if ok {
        Ok(())
    } else {
        Err(ImportError::Line { line, message: message() })
    }
}

fn check_country(line: u64, column: &str, code: &str) -> Result<(), ImportError> {
    check(line, app::domain::countries::find(code).is_some(), || format!("{column}: unknown country code {code:?}"))
}

fn check_period(line: u64, from: NaiveDate, to: NaiveDate) -> Result<(), ImportError> {
    check(line, from < to, || format!("valid_from {from} is not before valid_to {to}"))
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

/// A row written back under its natural key: the stored row when there is one, else a new one.
struct Upsert<A> {
    row: A,
    stored: bool,
}

impl<A> Upsert<A>
where
    A: ActiveModelTrait + ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    fn new(stored: Option<<A::Entity as EntityTrait>::Model>, fresh: impl FnOnce() -> A) -> Self {
        match stored {
            Some(model) => Self { row: model.into_active_model(), stored: true },
            None => Self { row: fresh(), stored: false },
        }
    }

    async fn save(self, db: &impl ConnectionTrait, report: &mut ImportReport) -> Result<(), DbErr> {
        if self.stored {
            self.row.update(db).await?;
            report.updated += 1;
        } else {
            self.row.insert(db).await?;
            report.inserted += 1;
        }
        Ok(())
    }
}

/// Copies the record's fields onto the row's columns of the same names.
macro_rules! copy_columns {
    ($row:expr, $record:ident: $($field:ident),+ $(,)?) => {
        $( $row.$field = Set($record.$field); )+
    };
}

/// Imports one CSV file of `kind` in a transaction.
pub async fn import_csv(
    db: &sea_orm::DatabaseConnection,
    clock: &Clock,
    kind: Kind,
    reader: impl Read,
) -> Result<ImportReport, ImportError> {
    let txn = crate::db::begin_write(db).await?;
    let report = match kind {
        Kind::Prefectures => import_prefectures(&txn, records(reader)?).await?,
        Kind::Communes => import_communes(&txn, records(reader)?).await?,
        Kind::Persons => import_persons(&txn, clock, records(reader)?).await?,
        Kind::Titles => import_titles(&txn, records(reader)?).await?,
        Kind::Visas => import_visas(&txn, records(reader)?).await?,
        Kind::Addresses => crate::addresses::base::import(&txn, reader).await?,
    };
    txn.commit().await?;
    Ok(report)
}

/// The id of the row of `E` whose natural key `key_column` is `key`; the line's error names
/// `what` when there is none.
async fn id_by_key<E: EntityTrait>(
    db: &impl ConnectionTrait,
    line: u64,
    (id, key_column): (E::Column, E::Column),
    key: &str,
    what: &str,
) -> Result<i32, ImportError> {
    let found: Option<i32> = E::find().filter(key_column.eq(key)).select_only().column(id).into_tuple().one(db).await?;
    found.ok_or_else(|| ImportError::Line { line, message: format!("unknown {what} {key:?}") })
}

async fn prefecture_id(db: &impl ConnectionTrait, line: u64, code: &str) -> Result<i32, ImportError> {
    id_by_key::<prefecture::Entity>(db, line, (prefecture::Column::Id, prefecture::Column::Code), code, "prefecture code").await
}

async fn person_id(db: &impl ConnectionTrait, line: u64, numero: &str) -> Result<i32, ImportError> {
    id_by_key::<person::Entity>(db, line, (person::Column::Id, person::Column::NumeroEtranger), numero, "numero_etranger").await
}

async fn import_prefectures(db: &impl ConnectionTrait, rows: Vec<(u64, PrefectureRecord)>) -> Result<ImportReport, ImportError> {
    let mut report = ImportReport::default();
    // Two passes: every prefecture first, then the sub-prefectures' parents.
    for (line, r) in &rows {
        let line = *line;
        check(line, ["prefecture", "sous-prefecture", "prefecture-police"].contains(&r.kind.as_str()), || {
            format!("unknown kind {:?}", r.kind)
        })?;
        check(line, !r.code.is_empty() && !r.name.is_empty(), || "code and name are required".into())?;
        let stored = prefecture::Entity::find().filter(prefecture::Column::Code.eq(&r.code)).one(db).await?;
        let mut upsert =
            Upsert::new(stored, || prefecture::ActiveModel { code: Set(r.code.clone()), parent_id: Set(None), ..Default::default() });
        let r = r.clone();
        copy_columns!(upsert.row, r: name, kind, departement, street, postal_code, city, email);
        upsert.save(db, &mut report).await?;
    }
    for (line, r) in rows {
        let parent = match non_empty(r.parent_code) {
            Some(code) => Some(prefecture_id(db, line, &code).await?),
            None => None,
        };
        let id = prefecture_id(db, line, &r.code).await?;
        prefecture::ActiveModel { id: Set(id), parent_id: Set(parent), ..Default::default() }.update(db).await?;
    }
    Ok(report)
}

async fn import_communes(db: &impl ConnectionTrait, rows: Vec<(u64, CommuneRecord)>) -> Result<ImportReport, ImportError> {
    let mut report = ImportReport::default();
    for (line, r) in rows {
        check(line, r.insee_code.len() == 5, || format!("insee_code must have 5 characters, got {:?}", r.insee_code))?;
        let prefecture_id = prefecture_id(db, line, &r.prefecture_code).await?;
        let stored = commune::Entity::find().filter(commune::Column::InseeCode.eq(&r.insee_code)).one(db).await?;
        let mut upsert = Upsert::new(stored, || commune::ActiveModel { insee_code: Set(r.insee_code.clone()), ..Default::default() });
        copy_columns!(upsert.row, r: name, postal_code);
        upsert.row.prefecture_id = Set(prefecture_id);
        upsert.save(db, &mut report).await?;
    }
    Ok(report)
}

/// The civil-status columns that persons and visas both carry.
fn check_civil_status(line: u64, sex: &str, birth_country: &str, nationality: &str) -> Result<(), ImportError> {
    check(line, sex == "F" || sex == "M", || format!("sex must be F or M, got {sex:?}"))?;
    check_country(line, "birth_country", birth_country)?;
    check_country(line, "nationality", nationality)
}

async fn import_persons(db: &impl ConnectionTrait, clock: &Clock, rows: Vec<(u64, PersonRecord)>) -> Result<ImportReport, ImportError> {
    let mut report = ImportReport::default();
    for (line, r) in rows {
        let numero =
            NumeroEtranger::parse(&r.numero_etranger).map_err(|e| ImportError::Line { line, message: format!("numero_etranger: {e}") })?;
        check_civil_status(line, &r.sex, &r.birth_country, &r.nationality)?;
        check(line, !r.birth_name.is_empty() && !r.given_names.is_empty(), || "birth_name and given_names are required".into())?;
        let stored = person::Entity::find().filter(person::Column::NumeroEtranger.eq(numero.as_str())).one(db).await?;
        let mut upsert = Upsert::new(stored, || person::ActiveModel {
            numero_etranger: Set(numero.to_string()),
            created_at: Set(clock.now()),
            ..Default::default()
        });
        let row = &mut upsert.row;
        copy_columns!(row, r: birth_name, given_names, sex, birth_date, birth_country, birth_place, nationality);
        copy_columns!(row, r: street, postal_code, city, insee_code);
        row.usage_name = Set(non_empty(r.usage_name));
        row.complement = Set(non_empty(r.complement));
        row.phone = Set(non_empty(r.phone));
        upsert.save(db, &mut report).await?;
    }
    Ok(report)
}

async fn import_titles(db: &impl ConnectionTrait, rows: Vec<(u64, TitleRecord)>) -> Result<ImportReport, ImportError> {
    let mut report = ImportReport::default();
    for (line, r) in rows {
        let number =
            DocumentNumber::parse(&r.title_number).map_err(|e| ImportError::Line { line, message: format!("title_number: {e}") })?;
        check_period(line, r.valid_from, r.valid_to)?;
        let person_id = person_id(db, line, &r.numero_etranger).await?;
        let stored = title::Entity::find().filter(title::Column::TitleNumber.eq(number.as_str())).one(db).await?;
        let mut upsert = Upsert::new(stored, || title::ActiveModel { title_number: Set(number.as_str().to_owned()), ..Default::default() });
        copy_columns!(upsert.row, r: kind, category, label, mention, valid_from, valid_to);
        upsert.row.person_id = Set(person_id);
        upsert.save(db, &mut report).await?;
    }
    Ok(report)
}

async fn import_visas(db: &impl ConnectionTrait, rows: Vec<(u64, VisaRecord)>) -> Result<ImportReport, ImportError> {
    let mut report = ImportReport::default();
    for (line, r) in rows {
        let number = DocumentNumber::parse(&r.visa_number).map_err(|e| ImportError::Line { line, message: format!("visa_number: {e}") })?;
        check(line, ["vls_ts", "vls_t", "vls", "vcs"].contains(&r.doc_type.as_str()), || format!("unknown doc_type {:?}", r.doc_type))?;
        check_period(line, r.valid_from, r.valid_to)?;
        check_civil_status(line, &r.sex, &r.birth_country, &r.nationality)?;
        let person_id = match non_empty(r.numero_etranger) {
            Some(numero) => Some(person_id(db, line, &numero).await?),
            None => None,
        };
        let stored = visa::Entity::find().filter(visa::Column::VisaNumber.eq(number.as_str())).one(db).await?;
        let mut upsert = Upsert::new(stored, || visa::ActiveModel { visa_number: Set(number.as_str().to_owned()), ..Default::default() });
        let row = &mut upsert.row;
        copy_columns!(row, r: doc_type, category, label, mention, valid_from, valid_to);
        copy_columns!(row, r: birth_name, given_names, sex, birth_date, birth_country, birth_place, nationality);
        row.person_id = Set(person_id);
        upsert.save(db, &mut report).await?;
    }
    Ok(report)
}
