//! Reads the seed CSV files so tests pick their people from the real seed data.
#![allow(dead_code)]

use std::collections::HashSet;

fn rows(file: &str) -> Vec<csv::StringRecord> {
    let path = format!("{}/data/seed/{file}", env!("CARGO_MANIFEST_DIR"));
    let mut reader = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    reader.records().map(|r| r.expect("csv record")).collect()
}

fn column(file: &str, name: &str) -> usize {
    let path = format!("{}/data/seed/{file}", env!("CARGO_MANIFEST_DIR"));
    let mut reader = csv::Reader::from_path(&path).expect("csv");
    reader.headers().expect("headers").iter().position(|h| h == name).unwrap_or_else(|| panic!("{file} has no column {name}"))
}

#[derive(Clone, Debug)]
pub struct SeedDocument {
    pub number: String,
    pub numero_etranger: Option<String>,
    pub valid_from: String,
    pub valid_to: String,
}

impl SeedDocument {
    /// The fields of "Créez votre compte", as typed.
    pub fn input(&self) -> app::domain::accounts::DocumentCredentialInput {
        let (from_year, from_month, from_day) = split(&self.valid_from);
        let (to_year, to_month, to_day) = split(&self.valid_to);
        app::domain::accounts::DocumentCredentialInput {
            number: self.number.clone(),
            from_day,
            from_month,
            from_year,
            to_day,
            to_month,
            to_year,
        }
    }
}

fn split(date: &str) -> (String, String, String) {
    let mut parts = date.split('-');
    let y = parts.next().unwrap_or_default().to_owned();
    let m = parts.next().unwrap_or_default().to_owned();
    let d = parts.next().unwrap_or_default().to_owned();
    (y, m, d)
}

pub fn demo_numeros() -> HashSet<String> {
    let n = column("demo_accounts.csv", "numero_etranger");
    rows("demo_accounts.csv").iter().map(|r| r[n].to_owned()).collect()
}

/// Every title or visa of a seed file, `number` naming its number column.
fn documents(file: &str, number: &str) -> Vec<SeedDocument> {
    let (num, who, from, to) =
        (column(file, number), column(file, "numero_etranger"), column(file, "valid_from"), column(file, "valid_to"));
    rows(file)
        .iter()
        .map(|r| SeedDocument {
            number: r[num].to_owned(),
            numero_etranger: Some(r[who].to_owned()).filter(|n| !n.is_empty()),
            valid_from: r[from].to_owned(),
            valid_to: r[to].to_owned(),
        })
        .collect()
}

/// Titles whose holder has a demo account (`true`) or not (`false`).
fn titles_of_demo_people(demo_people: bool) -> Vec<SeedDocument> {
    let demo = demo_numeros();
    documents("titles.csv", "title_number")
        .into_iter()
        .filter(|d| d.numero_etranger.as_ref().is_some_and(|n| demo.contains(n) == demo_people))
        .collect()
}

/// Residence titles whose holder has no demo account (free to create an account with).
pub fn free_titles() -> Vec<SeedDocument> {
    titles_of_demo_people(false)
}

/// Titles of people who have a demo account.
pub fn demo_titles() -> Vec<SeedDocument> {
    titles_of_demo_people(true)
}

/// Visas whose holder is not in AGDREF yet.
pub fn visas_without_numero() -> Vec<SeedDocument> {
    documents("visas.csv", "visa_number").into_iter().filter(|d| d.numero_etranger.is_none()).collect()
}

pub struct DemoAccount {
    pub numero_etranger: String,
    pub email: String,
    pub password: String,
}

pub fn demo_accounts() -> Vec<DemoAccount> {
    let (n, e, p) =
        (column("demo_accounts.csv", "numero_etranger"), column("demo_accounts.csv", "email"), column("demo_accounts.csv", "password"));
    rows("demo_accounts.csv")
        .iter()
        .map(|r| DemoAccount { numero_etranger: r[n].to_owned(), email: r[e].to_owned(), password: r[p].to_owned() })
        .collect()
}
