//! Citoyen UE/EEE/Suisse salarié, renewal (SPEC §5.2, seed 001): more than 5 years in France or
//! not; employed (contract and employer) or no longer working (nothing more). Five steps.

use super::common::{join_documents, CONFIRMATION_STEP, DOCUMENTS_STEP, PERSONAL_DOCUMENTS, PERSONAL_STEP, RECAP_STEP};
use super::model::{Choice, Condition, DocumentGroup, DocumentRule, Field, FieldKind, Procedure, Step, StepKind, Text};

pub const ACTIVITY: &[Choice] = &[
    Choice { code: "en_activite", label: Text::new("Salarié en activité", "Employed") },
    Choice { code: "cessation", label: Text::new("En cessation d'activité", "No longer working") },
];

pub const CONTRACT_TYPES: &[Choice] = &[
    Choice { code: "cdi", label: Text::new("CDI", "Permanent contract (CDI)") },
    Choice { code: "cdd", label: Text::new("CDD", "Fixed-term contract (CDD)") },
    Choice { code: "interim", label: Text::new("Intérim", "Temporary agency work") },
    Choice { code: "apprentissage", label: Text::new("Contrat d'apprentissage", "Apprenticeship") },
    Choice { code: "autre", label: Text::new("Autre", "Other") },
];

const EMPLOYED: Condition = Condition::Is("activite", "en_activite");

const fn employed(id: &'static str, label: Text, kind: FieldKind) -> Field {
    Field { id, label, hint: None, kind, required: true, shown: EMPLOYED }
}

const MOTIVE_FIELDS: &[Field] = &[
    Field {
        id: "plus_de_5_ans",
        label: Text::new("Résidez-vous en France depuis plus de 5 ans ?", "Have you lived in France for more than 5 years?"),
        hint: None,
        kind: FieldKind::YesNo,
        required: true,
        shown: Condition::Always,
    },
    Field {
        id: "activite",
        label: Text::new("Votre situation professionnelle", "Your work situation"),
        hint: None,
        kind: FieldKind::Choice(ACTIVITY),
        required: true,
        shown: Condition::Always,
    },
    employed("contrat_type", Text::new("Type de contrat", "Type of contract"), FieldKind::Choice(CONTRACT_TYPES)),
    employed("contrat_debut", Text::new("Date de début du contrat", "Start date of the contract"), FieldKind::Date),
    employed("emploi", Text::new("Intitulé du poste", "Job title"), FieldKind::Text { max: 150 }),
    employed("salaire", Text::new("Salaire mensuel brut (€)", "Gross monthly salary (€)"), FieldKind::MonthlyAmount),
    employed("employeur_nom", Text::new("Nom de l'employeur", "Employer's name"), FieldKind::Text { max: 150 }),
    employed("employeur_siret", Text::new("Numéro SIRET de l'employeur", "Employer's SIRET number"), FieldKind::Text { max: 14 }),
    employed("employeur_adresse", Text::new("Adresse de l'employeur", "Employer's address"), FieldKind::Text { max: 250 }),
];

const STEPS: &[Step] = &[
    PERSONAL_STEP,
    Step {
        id: "motif",
        kind: StepKind::Form,
        title: Text::new("Motif de séjour", "Reason for stay"),
        summary: Text::new(
            "La durée de votre séjour en France et votre situation professionnelle.",
            "How long you have lived in France and your work situation.",
        ),
        fields: MOTIVE_FIELDS,
    },
    DOCUMENTS_STEP,
    RECAP_STEP,
    CONFIRMATION_STEP,
];

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
    steps: STEPS,
    documents: DOCUMENTS,
};
