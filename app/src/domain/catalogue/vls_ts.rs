//! "Je valide mon VLS-TS" (seed 004's home tile): the holder of a long-stay visa equivalent to a
//! residence permit declares the date of arrival in France, the address and the electronic tax
//! stamp's number; the filing validates the visa and issues the attestation of validation
//! (`FilingKind::VisaValidation`). Four steps, no document. Rules: `docs/vls-ts.md`.

use super::common::{
    ADDRESS_CITY, ADDRESS_COMPLEMENT, ADDRESS_COUNTRY, ADDRESS_INSEE_CODE, ADDRESS_POSTAL_CODE, ADDRESS_SEARCH, ADDRESS_STREET,
    CONFIRMATION_STEP, MOBILE_PHONE, PERSONAL_STEP, RECAP_STEP,
};
use super::model::{AddressEntry, Eligibility, Field, FieldKind, FilingKind, MonthlyMinimum, Procedure, Step, StepKind, Text};
use super::orientation::HeldDocument;

/// The tax stamp's field: its number is checked (16 digits) and serves once.
pub const TAX_STAMP: Field = Field {
    hint: Some(Text::new(
        "Les 16 chiffres du timbre fiscal électronique acheté sur timbres.impots.gouv.fr (rubrique « Titres de séjour »).",
        "The 16 digits of the electronic tax stamp bought on timbres.impots.gouv.fr (section \"Titres de séjour\").",
    )),
    ..Field::new(
        "timbre_fiscal",
        Text::new("Numéro du timbre fiscal électronique", "Electronic tax stamp number"),
        FieldKind::TaxStamp,
        true,
    )
};

/// The date of arrival, which the attestation prints.
pub const ARRIVAL_DATE: Field = Field {
    hint: Some(Text::new(
        "La date du cachet d'entrée apposé sur votre passeport à votre arrivée.",
        "The date of the entry stamp put in your passport when you arrived.",
    )),
    ..Field::new("date_entree", Text::new("Date d'entrée en France", "Date of entry into France"), FieldKind::PastDate, true)
};

const ARRIVAL_FIELDS: &[Field] = &[
    ARRIVAL_DATE,
    ADDRESS_SEARCH,
    ADDRESS_STREET,
    ADDRESS_COMPLEMENT,
    ADDRESS_POSTAL_CODE,
    ADDRESS_CITY,
    ADDRESS_COUNTRY,
    ADDRESS_INSEE_CODE,
    MOBILE_PHONE,
];

const STEPS: &[Step] = &[
    // The personal step's id: the register's civil status is shown above its fields.
    Step {
        id: PERSONAL_STEP.id,
        kind: StepKind::Form,
        title: Text::new("Votre arrivée en France", "Your arrival in France"),
        summary: Text::new(
            "La date de votre entrée en France, votre adresse et votre téléphone mobile.",
            "The date you entered France, your address and your mobile phone.",
        ),
        fields: ARRIVAL_FIELDS,
    },
    Step {
        id: "taxe",
        kind: StepKind::Form,
        title: Text::new("Taxe", "Tax"),
        summary: Text::new(
            "Le numéro du timbre fiscal électronique qui acquitte la taxe de votre visa.",
            "The number of the electronic tax stamp that pays the tax of your visa.",
        ),
        fields: &[TAX_STAMP],
    },
    RECAP_STEP,
    CONFIRMATION_STEP,
];

/// Only the holder of a VLS-TS validates one (whatever its motive).
fn holds_vls_ts(held: HeldDocument<'_>, _nationality: &str, _age: u32) -> bool {
    matches!(held, HeldDocument::Visa { doc_type: "vls_ts", .. })
}

pub const PROCEDURE: Procedure = Procedure {
    id: "validation_vls_ts",
    title: Text::new("Validation du VLS-TS", "Validation of the long-stay visa (VLS-TS)"),
    intro: Text::new(
        "Vous êtes arrivé(e) en France avec un visa de long séjour valant titre de séjour (VLS-TS) : validez-le en ligne dans les 3 mois qui suivent votre arrivée. Préparez la date de votre entrée en France, votre adresse et un timbre fiscal électronique.",
        "You arrived in France with a long-stay visa equivalent to a residence permit (VLS-TS): validate it online within 3 months of your arrival. Have at hand the date you entered France, your address and an electronic tax stamp.",
    ),
    steps: STEPS,
    documents: &[],
    models: &[],
    monthly_minimum: MonthlyMinimum::None,
    address: AddressEntry::Typed,
    filing: FilingKind::VisaValidation,
    renews: &[],
    opened_by: &[super::orientation::VLS_TS_VALIDATION],
    eligibility: Some(Eligibility {
        online: holds_vls_ts,
        refusal: Text::new(
            "La validation en ligne concerne les titulaires d'un visa de long séjour valant titre de séjour (VLS-TS) en cours de validité.",
            "Online validation is for holders of a valid long-stay visa equivalent to a residence permit (VLS-TS).",
        ),
    }),
};
