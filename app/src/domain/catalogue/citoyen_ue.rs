//! Citoyen UE/EEE/Suisse salarié, renewal (SPEC §5.2, seed 001): more than 5 years in France or
//! not; employed (contract and employer) or no longer working (nothing more). Five steps.

use super::common::{join_documents, motive_step, steps_with_motive, PERSONAL_DOCUMENTS};
use super::model::{
    AddressEntry, Choice, Condition, DocumentGroup, DocumentRule, Field, FieldKind, FilingKind, MonthlyMinimum, Procedure, Step, Text,
};

pub const ACTIVITY: &[Choice] = &[
    Choice::new("en_activite", "Salarié en activité", "Employed"),
    Choice::new("cessation", "En cessation d'activité", "No longer working"),
];

pub const CONTRACT_TYPES: &[Choice] = &[
    Choice::new("cdi", "CDI", "Permanent contract (CDI)"),
    Choice::new("cdd", "CDD", "Fixed-term contract (CDD)"),
    Choice::new("interim", "Intérim", "Temporary agency work"),
    Choice::new("apprentissage", "Contrat d'apprentissage", "Apprenticeship"),
    Choice::new("autre", "Autre", "Other"),
];

const EMPLOYED: Condition = Condition::Is("activite", "en_activite");

const fn employed(id: &'static str, label: Text, kind: FieldKind) -> Field {
    Field::new(id, label, kind, true).shown_when(EMPLOYED)
}

const MOTIVE_FIELDS: &[Field] = &[
    Field::new(
        "plus_de_5_ans",
        Text::new("Résidez-vous en France depuis plus de 5 ans ?", "Have you lived in France for more than 5 years?"),
        FieldKind::YesNo,
        true,
    ),
    Field::new("activite", Text::new("Votre situation professionnelle", "Your work situation"), FieldKind::Choice(ACTIVITY), true),
    employed("contrat_type", Text::new("Type de contrat", "Type of contract"), FieldKind::Choice(CONTRACT_TYPES)),
    employed("contrat_debut", Text::new("Date de début du contrat", "Start date of the contract"), FieldKind::Date),
    employed("emploi", Text::new("Intitulé du poste", "Job title"), FieldKind::Text { max: 150 }),
    employed("salaire", Text::new("Salaire mensuel brut (€)", "Gross monthly salary (€)"), FieldKind::MonthlyAmount),
    employed("employeur_nom", Text::new("Nom de l'employeur", "Employer's name"), FieldKind::Text { max: 150 }),
    employed("employeur_siret", Text::new("Numéro SIRET de l'employeur", "Employer's SIRET number"), FieldKind::Text { max: 14 }),
    employed("employeur_adresse", Text::new("Adresse de l'employeur", "Employer's address"), FieldKind::Text { max: 250 }),
];

const STEPS: &[Step] = &steps_with_motive(motive_step(
    Text::new(
        "La durée de votre séjour en France et votre situation professionnelle.",
        "How long you have lived in France and your work situation.",
    ),
    MOTIVE_FIELDS,
));

const MOTIVE_DOCUMENTS: &[DocumentRule] = &[
    DocumentRule {
        code: "contrat_travail",
        label: Text::new("Contrat de travail", "Employment contract"),
        description: Text::new("Ou une attestation d'emploi de moins de 3 mois.", "Or a certificate of employment less than 3 months old."),
        group: DocumentGroup::Motive,
        required_when: EMPLOYED,
    },
    DocumentRule {
        code: "bulletins_salaire",
        label: Text::new("Bulletins de salaire des 3 derniers mois", "Pay slips of the last 3 months"),
        description: Text::new("Les trois derniers bulletins de salaire.", "The last three pay slips."),
        group: DocumentGroup::Motive,
        required_when: EMPLOYED,
    },
    DocumentRule {
        code: "justificatifs_5_ans",
        label: Text::new("Justificatifs de 5 ans de résidence", "Proof of 5 years of residence"),
        description: Text::new(
            "Un justificatif par année (avis d'imposition, bulletins de salaire, quittances…) pour les 5 dernières années.",
            "One proof per year (tax notices, pay slips, rent receipts…) for the last 5 years.",
        ),
        group: DocumentGroup::Motive,
        required_when: Condition::All(&[EMPLOYED, Condition::Yes("plus_de_5_ans")]),
    },
    // Seed 001 annex 3: a worker of 16 or 17 declares it, with their legal representative.
    DocumentRule {
        code: "declaration_honneur_mineur",
        label: Text::new("Déclaration sur l'honneur (16 à 18 ans exerçant une activité)", "Sworn statement (16 to 18 year-olds who work)"),
        description: Text::new(
            "Datée et signée par vous et par votre représentant légal, sur le modèle à télécharger en préambule.",
            "Dated and signed by you and your legal representative, on the model to download from the introduction.",
        ),
        group: DocumentGroup::Motive,
        required_when: Condition::All(&[EMPLOYED, Condition::Minor]),
    },
    DocumentRule {
        code: "attestation_cessation",
        label: Text::new("Justificatif de cessation d'activité", "Proof of having stopped working"),
        description: Text::new(
            "Attestation Pôle emploi / France Travail, certificat de travail ou décision d'incapacité.",
            "France Travail certificate, certificate of employment or incapacity decision.",
        ),
        group: DocumentGroup::Motive,
        required_when: Condition::Is("activite", "cessation"),
    },
];

const DOCUMENTS: &[DocumentRule] =
    &join_documents::<{ PERSONAL_DOCUMENTS.len() + MOTIVE_DOCUMENTS.len() }>(PERSONAL_DOCUMENTS, MOTIVE_DOCUMENTS);

pub const PROCEDURE: Procedure = Procedure {
    id: "citoyen_ue_salarie",
    title: Text::new("Citoyen UE/EEE/Suisse salarié – renouvellement", "EU/EEA/Swiss citizen employee – renewal"),
    intro: Text::new(
        "Vous êtes citoyen de l'Union européenne, de l'Espace économique européen ou suisse, vous travaillez en France comme salarié et vous renouvelez votre carte de séjour.",
        "You are a citizen of the European Union, the European Economic Area or Switzerland, you work in France as an employee and you renew your residence card.",
    ),
    steps: STEPS,
    documents: DOCUMENTS,
    models: &["attestation-employeur", "declaration-mineur-16-18-ans"],
    monthly_minimum: MonthlyMinimum::None,
    address: AddressEntry::FromAccount,
    filing: FilingKind::Application,
    renews: &["citoyen_ue_salarie"],
    // A renewal only: the first request of an EU citizen is not open online.
    opened_by: &[],
    eligibility: None,
};
