//! Travailleur saisonnier, renewal (SPEC §5.2, seed 000): the seasonal contracts, the periods
//! worked and the sworn statement of residence outside France. Five steps.

use super::common::{join_documents, motive_step, steps_with_motive, PERSONAL_DOCUMENTS};
use super::model::{
    AddressEntry, Condition, DocumentGroup, DocumentRule, Field, FieldKind, FilingKind, Group, MonthlyMinimum, Procedure, Step, Text,
};

/// Each seasonal contract and its employer.
const CONTRACTS: Group = Group {
    item: Text::new("Contrat saisonnier", "Seasonal contract"),
    add: Text::new("Ajouter un contrat", "Add a contract"),
    remove: Text::new("Retirer ce contrat", "Remove this contract"),
    fields: &[
        Field::new(
            "employeur_nom",
            Text::new("Nom de l'employeur de la saison", "Name of the season's employer"),
            FieldKind::Text { max: 150 },
            true,
        ),
        Field::new(
            "employeur_siret",
            Text::new("Numéro SIRET de l'employeur", "Employer's SIRET number"),
            FieldKind::Text { max: 14 },
            true,
        ),
        Field::new("contrat_debut", Text::new("Début du contrat", "Start of the contract"), FieldKind::Date, true),
        Field::new("contrat_fin", Text::new("Fin du contrat", "End of the contract"), FieldKind::Date, true),
    ],
    max: 6,
};

const MOTIVE_FIELDS: &[Field] = &[
    Field::new("contrats", Text::new("Vos contrats saisonniers", "Your seasonal contracts"), FieldKind::Group(&CONTRACTS), true),
    Field::new(
        "periodes_travaillees",
        Text::new("Périodes travaillées en France depuis la délivrance du titre", "Periods worked in France since the permit was issued"),
        FieldKind::LongText { max: 2000 },
        true,
    ),
    Field::new(
        "attestation_residence_hors_france",
        Text::new(
            "J'atteste sur l'honneur maintenir ma résidence habituelle hors de France",
            "I solemnly declare that I keep my usual residence outside France",
        ),
        FieldKind::Checkbox,
        true,
    ),
];

const STEPS: &[Step] = &steps_with_motive(motive_step(
    Text::new("Vos contrats saisonniers et vos périodes de travail.", "Your seasonal contracts and periods of work."),
    MOTIVE_FIELDS,
));

const MOTIVE_DOCUMENTS: &[DocumentRule] = &[
    DocumentRule {
        code: "contrat_saisonnier",
        label: Text::new("Contrat de travail saisonnier", "Seasonal employment contract"),
        description: Text::new("Le contrat visé par l'autorité compétente.", "The contract endorsed by the competent authority."),
        group: DocumentGroup::Motive,
        required_when: Condition::Always,
    },
    DocumentRule {
        code: "bulletins_salaire",
        label: Text::new("Bulletins de salaire des périodes travaillées", "Pay slips of the periods worked"),
        description: Text::new("Un bulletin par mois travaillé.", "One pay slip per month worked."),
        group: DocumentGroup::Motive,
        required_when: Condition::Always,
    },
    DocumentRule {
        code: "attestation_residence_hors_france",
        label: Text::new("Attestation de résidence hors de France", "Certificate of residence outside France"),
        description: Text::new(
            "Le modèle d'attestation sur l'honneur, daté et signé, avec un justificatif de votre domicile à l'étranger.",
            "The model sworn statement, dated and signed, with a proof of your address abroad.",
        ),
        group: DocumentGroup::Motive,
        required_when: Condition::Always,
    },
];

const DOCUMENTS: &[DocumentRule] =
    &join_documents::<{ PERSONAL_DOCUMENTS.len() + MOTIVE_DOCUMENTS.len() }>(PERSONAL_DOCUMENTS, MOTIVE_DOCUMENTS);

pub const PROCEDURE: Procedure = Procedure {
    id: "travailleur_saisonnier",
    title: Text::new("Travailleur saisonnier – renouvellement", "Seasonal worker – renewal"),
    intro: Text::new(
        "Vous travaillez en France pour des emplois saisonniers et vous renouvelez votre carte de séjour « travailleur saisonnier ».",
        "You work in France in seasonal jobs and you renew your \"seasonal worker\" residence card.",
    ),
    steps: STEPS,
    documents: DOCUMENTS,
    models: &["attestation-employeur", "attestation-residence-hors-de-france"],
    monthly_minimum: MonthlyMinimum::None,
    address: AddressEntry::Typed,
    filing: FilingKind::Application,
    renews: &["travailleur_saisonnier"],
    opened_by: &["travailleur_saisonnier"],
    eligibility: None,
};
