//! Who the holder of an account is, from AGDREF, or from VISABIO before registration: one
//! lookup serves the catalogue's conditions, the read-only civil status, the orientation, the
//! receipt and the back-office.

use sea_orm::{ConnectionTrait, DbErr, EntityTrait, JoinType, QuerySelect};

use app::domain::catalogue::common::{
    ADDRESS_CITY, ADDRESS_COMPLEMENT, ADDRESS_INSEE_CODE, ADDRESS_POSTAL_CODE, ADDRESS_STREET, MOBILE_PHONE,
};
use app::domain::date::Date;
use app::filing::CivilStatusView;

use crate::clock::to_domain_date;
use crate::db::entities::{account, person, visa};

pub struct Holder {
    pub civil_status: CivilStatusView,
    pub birth_date: Date,
    /// The registered address and phone, to prefill a new draft.
    pub prefill: Vec<(&'static str, String)>,
}

impl Holder {
    /// What the catalogue's conditions and checks need of the holder, on `today`.
    pub fn context(&self, today: Date) -> app::domain::catalogue::ApplicantContext {
        app::domain::catalogue::ApplicantContext { birth_date: self.birth_date, today }
    }

    /// `answers` with the holder's address in place of theirs: a procedure whose address is the
    /// account's reads it there, whatever a form sent (seed 001: a move is declared on the
    /// account first).
    pub fn with_declared_address(&self, mut answers: app::domain::catalogue::Answers) -> app::domain::catalogue::Answers {
        use app::domain::catalogue::common::{is_address_field, ADDRESS_COUNTRY, FRANCE};
        answers.0.retain(|key, _| !is_address_field(key));
        for (field, value) in self.prefill.iter().filter(|(field, _)| is_address_field(field)) {
            answers.set(field, value.clone());
        }
        answers.set(ADDRESS_COUNTRY.id, FRANCE[0].code);
        answers
    }
}

/// The holder of `account_id` (`None`: no such account, or no register entry).
pub async fn of_account(db: &impl ConnectionTrait, account_id: i32) -> Result<Option<Holder>, DbErr> {
    // The account with its AGDREF person and its VISABIO visa in one round trip (left joins:
    // either may be missing); a step saved, the recap and the receipt all start here.
    let Some((owner, person, visa)) = account::Entity::find_by_id(account_id)
        .select_also(person::Entity)
        .join(JoinType::LeftJoin, account::Entity::belongs_to(person::Entity).from(account::Column::PersonId).to(person::Column::Id).into())
        .select_also(visa::Entity)
        .join(JoinType::LeftJoin, account::Entity::belongs_to(visa::Entity).from(account::Column::VisaId).to(visa::Column::Id).into())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let declared = declared_contact(&owner);
    let email = owner.email;
    if let Some(p) = person {
        let registered = [Some(p.street), p.complement, Some(p.postal_code), Some(p.city), Some(p.insee_code), p.phone];
        let prefill = merge(declared, registered);
        return Ok(Some(Holder {
            birth_date: to_domain_date(p.birth_date),
            civil_status: CivilStatusView {
                birth_name: p.birth_name,
                usage_name: p.usage_name,
                given_names: p.given_names,
                sex: p.sex,
                birth_date: to_domain_date(p.birth_date).to_french(),
                birth_place: p.birth_place,
                birth_country: p.birth_country.clone(),
                nationality: p.nationality.clone(),
                numero_etranger: Some(p.numero_etranger),
                email,
            },
            prefill,
        }));
    }
    let Some(v) = visa else { return Ok(None) };
    Ok(Some(Holder {
        birth_date: to_domain_date(v.birth_date),
        civil_status: CivilStatusView {
            birth_name: v.birth_name,
            usage_name: None,
            given_names: v.given_names,
            sex: v.sex,
            birth_date: to_domain_date(v.birth_date).to_french(),
            birth_place: v.birth_place,
            birth_country: v.birth_country.clone(),
            nationality: v.nationality.clone(),
            numero_etranger: None,
            email,
        },
        prefill: merge(declared, Default::default()),
    }))
}

/// "Given names FAMILY NAME" (the usage name when there is one), as documents print it.
pub fn display_name(civil: &CivilStatusView) -> String {
    crate::registry::display_name(&civil.given_names, &civil.birth_name, civil.usage_name.as_deref())
}

/// The holder's nationality by its name in `lang` (the code when the list lacks it).
pub fn nationality(civil: &CivilStatusView, lang: app::i18n::Lang) -> String {
    match app::domain::countries::find(&civil.nationality) {
        Some(country) if lang == app::i18n::Lang::En => country.en.to_owned(),
        Some(country) => country.fr.to_owned(),
        None => civil.nationality.clone(),
    }
}

/// The wizard's fields of an address and phone, in the order of [`Contact`].
const CONTACT_FIELDS: [&str; 6] =
    [ADDRESS_STREET.id, ADDRESS_COMPLEMENT.id, ADDRESS_POSTAL_CODE.id, ADDRESS_CITY.id, ADDRESS_INSEE_CODE.id, MOBILE_PHONE.id];

/// Street, complement, postal code, town, INSEE code, phone.
type Contact = [Option<String>; 6];

/// The address and phone declared on the account page ("Mes coordonnées").
fn declared_contact(owner: &account::Model) -> Contact {
    [
        owner.street.clone(),
        owner.address_complement.clone(),
        owner.postal_code.clone(),
        owner.city.clone(),
        owner.insee_code.clone(),
        owner.phone.clone(),
    ]
}

/// The declared address is newer than the register's (a move must be declared on the account
/// before a renewal, SPEC §2): when the applicant declared one, it replaces the register's
/// whole, so a complement of the old address never sticks to the new one. The phone falls back
/// on the register's on its own.
fn merge(declared: Contact, registered: Contact) -> Vec<(&'static str, String)> {
    let phone = declared[5].clone().or_else(|| registered[5].clone());
    let mut contact = if declared[0].is_some() { declared } else { registered };
    contact[5] = phone;
    CONTACT_FIELDS
        .into_iter()
        .zip(contact)
        .filter_map(|(field, value)| value.filter(|v| !v.trim().is_empty()).map(|v| (field, v)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::merge;

    fn contact(values: [&str; 6]) -> super::Contact {
        values.map(|v| (!v.is_empty()).then(|| v.to_owned()))
    }

    #[test]
    fn a_declared_address_replaces_the_registered_one_whole_and_the_phone_falls_back() {
        let registered = contact(["1 rue A", "Bât. C", "91120", "Palaiseau", "91477", "06 00 00 00 01"]);
        let moved = contact(["8 rue B", "", "59000", "Lille", "59350", ""]);
        let prefill = merge(moved, registered.clone());
        assert!(prefill.contains(&("adresse_voie", "8 rue B".into())));
        assert!(!prefill.iter().any(|(field, _)| *field == "adresse_complement"), "the old complement does not stick");
        assert!(prefill.contains(&("telephone", "06 00 00 00 01".into())));
        // Only a new phone: the registered address stays.
        let prefill = merge(contact(["", "", "", "", "", "07 00 00 00 02"]), registered);
        assert!(prefill.contains(&("adresse_complement", "Bât. C".into())));
        assert!(prefill.contains(&("telephone", "07 00 00 00 02".into())));
        // A visa holder (nothing registered) who declared only a phone.
        assert_eq!(
            merge(contact(["", "", "", "", "", "07 00 00 00 02"]), Default::default()),
            [("telephone", "07 00 00 00 02".to_owned())]
        );
    }
}
