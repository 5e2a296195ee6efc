//! The simulated reference registers: AGDREF persons, the title register, VISABIO visas, and
//! the prefectures with the territory they serve. Seeded from versioned CSV files
//! ([`import`]) and read by the services.

pub mod import;

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use app::domain::accounts::DocumentCredential;
use app::domain::identifiers::NumeroEtranger;

use crate::clock::to_naive_date;
use crate::db::entities::{commune, person, prefecture, title, visa};

/// What a title or visa number with its validity dates designates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocumentMatch {
    /// A residence title: its holder is in AGDREF.
    Title { person_id: i32 },
    /// A visa; its holder may already be in AGDREF (e.g. a validated VLS-TS) or not.
    Visa { visa_id: i32, person_id: Option<i32> },
}

/// Looks a credential up in the title register, then in VISABIO. Number and both dates must
/// all match.
pub async fn find_document(db: &impl ConnectionTrait, credential: &DocumentCredential) -> Result<Option<DocumentMatch>, DbErr> {
    let (Some(from), Some(to)) = (to_naive_date(credential.valid_from), to_naive_date(credential.valid_to)) else {
        return Ok(None);
    };
    let number = credential.number.as_str();
    if let Some(found) = title::Entity::find().filter(title::Column::TitleNumber.eq(number)).one(db).await? {
        return Ok((found.valid_from == from && found.valid_to == to).then_some(DocumentMatch::Title { person_id: found.person_id }));
    }
    if let Some(found) = visa::Entity::find().filter(visa::Column::VisaNumber.eq(number)).one(db).await? {
        return Ok((found.valid_from == from && found.valid_to == to)
            .then_some(DocumentMatch::Visa { visa_id: found.id, person_id: found.person_id }));
    }
    Ok(None)
}

pub async fn person_by_numero(db: &impl ConnectionTrait, numero: &NumeroEtranger) -> Result<Option<person::Model>, DbErr> {
    person::Entity::find().filter(person::Column::NumeroEtranger.eq(numero.as_str())).one(db).await
}

/// "Given names NAME", the way the service addresses people (usage name when there is one).
pub fn display_name(given_names: &str, birth_name: &str, usage_name: Option<&str>) -> String {
    let family = usage_name.filter(|n| !n.trim().is_empty()).unwrap_or(birth_name);
    format!("{} {}", given_names.trim(), family.trim().to_uppercase())
}

/// The display name of an account's holder, from AGDREF or, before registration, VISABIO.
pub async fn holder_name(db: &impl ConnectionTrait, person_id: Option<i32>, visa_id: Option<i32>) -> Result<String, DbErr> {
    if let Some(id) = person_id {
        if let Some(p) = person::Entity::find_by_id(id).one(db).await? {
            return Ok(display_name(&p.given_names, &p.birth_name, p.usage_name.as_deref()));
        }
    }
    if let Some(id) = visa_id {
        if let Some(v) = visa::Entity::find_by_id(id).one(db).await? {
            return Ok(display_name(&v.given_names, &v.birth_name, None));
        }
    }
    Ok(String::new())
}

/// The département of a commune from its INSEE code: two characters (`91`, `2A`), three for
/// the overseas départements (`971`…`976`).
pub fn departement_of(insee_code: &str) -> Option<&str> {
    let code = insee_code.trim();
    if code.len() != 5 || !code.is_ascii() {
        return None;
    }
    Some(if code.starts_with("97") { &code[..3] } else { &code[..2] })
}

/// The prefecture or sub-prefecture that instructs the files of an address: the one its commune
/// is routed to, otherwise the prefecture of its département (code `P` + département on three
/// characters).
pub async fn competent_prefecture(db: &impl ConnectionTrait, insee_code: &str) -> Result<Option<prefecture::Model>, DbErr> {
    if let Some(commune) = commune::Entity::find().filter(commune::Column::InseeCode.eq(insee_code.trim())).one(db).await? {
        return prefecture::Entity::find_by_id(commune.prefecture_id).one(db).await;
    }
    let Some(departement) = departement_of(insee_code) else {
        return Ok(None);
    };
    prefecture::Entity::find().filter(prefecture::Column::Code.eq(format!("P{departement:0>3}"))).one(db).await
}

#[cfg(test)]
mod tests {
    use super::{departement_of, display_name};

    #[test]
    fn departement_from_insee_code() {
        assert_eq!(departement_of("91477"), Some("91"));
        assert_eq!(departement_of("2A004"), Some("2A"));
        assert_eq!(departement_of("97411"), Some("974"));
        assert_eq!(departement_of("9147"), None);
        assert_eq!(departement_of("é1477"), None);
    }

    #[test]
    fn display_names_use_the_usage_name_in_capitals() {
        assert_eq!(display_name("Ana María", "López", None), "Ana María LÓPEZ");
        assert_eq!(display_name("Ana", "López", Some("Martin")), "Ana MARTIN");
        assert_eq!(display_name("Łukasz", "Wiśniewski", Some(" ")), "Łukasz WIŚNIEWSKI");
    }
}
