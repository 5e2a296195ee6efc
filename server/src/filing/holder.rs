//! Who the holder of an account is, from AGDREF, or from VISABIO before registration: one
//! lookup serves the catalogue's conditions, the read-only civil status, the orientation, the
//! receipt and the back-office.

use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

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

/// The holder of `account_id` (`None`: no such account, or no register entry).
pub async fn of_account(db: &impl ConnectionTrait, account_id: i32) -> Result<Option<Holder>, DbErr> {
    let Some(owner) = account::Entity::find_by_id(account_id).one(db).await? else { return Ok(None) };
    let declared = declared_contact(&owner);
    let email = owner.email;
    let person = match owner.person_id {
        Some(id) => person::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    if let Some(p) = person {
        let registered = [
            ("adresse_voie", Some(p.street)),
            ("adresse_complement", p.complement),
            ("adresse_code_postal", Some(p.postal_code)),
            ("adresse_commune", Some(p.city)),
            ("adresse_code_insee", Some(p.insee_code)),
            ("telephone", p.phone),
        ];
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
    let visa = match owner.visa_id {
        Some(id) => visa::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
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

type Contact = [(&'static str, Option<String>); 6];

/// The address and phone declared on the account page ("Mes coordonnées").
fn declared_contact(owner: &account::Model) -> Contact {
    [
        ("adresse_voie", owner.street.clone()),
        ("adresse_complement", owner.address_complement.clone()),
        ("adresse_code_postal", owner.postal_code.clone()),
        ("adresse_commune", owner.city.clone()),
        ("adresse_code_insee", owner.insee_code.clone()),
        ("telephone", owner.phone.clone()),
    ]
}

/// The declared address is newer than the register's (a move must be declared on the account
/// before a renewal, SPEC §2): when the applicant declared one, it replaces the register's
/// whole, so a complement of the old address never sticks to the new one. The phone falls back
/// on the register's on its own.
fn merge(declared: Contact, registered: Contact) -> Vec<(&'static str, String)> {
    let declared_address = declared[0].1.is_some();
    let phone = declared[5].1.clone().or_else(|| registered[5].1.clone());
    let mut contact = if declared_address { declared } else { registered };
    contact[5].1 = phone;
    contact.into_iter().filter_map(|(field, value)| value.filter(|v| !v.trim().is_empty()).map(|v| (field, v))).collect()
}
