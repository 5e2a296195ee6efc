//! Passeport talent – chercheur / chercheur en mobilité (SPEC §5.2, seed 004). Five steps: the
//! resources are asked inside the motive.

use super::common::{join_documents, motive_step, steps_with_motive, PERSONAL_DOCUMENTS, REQUEST_KIND};
use super::model::{
    AddressEntry, Choice, Condition, DocumentGroup, DocumentRule, Field, FieldKind, FilingKind, MonthlyMinimum, Procedure, Step, Text,
};

pub const LINKS: &[Choice] = &[
    Choice::new("contrat_doctoral", "Contrat doctoral", "Doctoral contract"),
    Choice::new("contrat_travail", "Contrat de travail", "Employment contract"),
    Choice::new("convention_accueil", "Convention d'accueil", "Hosting agreement"),
    Choice::new("bourse", "Bourse ou libéralité", "Grant or fellowship"),
    Choice::new("autre", "Autre", "Other"),
];

const RENEWAL: Condition = Condition::Is(REQUEST_KIND, "renouvellement");

/// Seed 004: a researcher renewing after an involuntary loss of employment joins no hosting
/// agreement, only the certificate for France Travail (formerly Pôle emploi) and its notice.
const LOST_JOB: Condition = Condition::All(&[RENEWAL, Condition::Yes("perte_involontaire_emploi")]);
const HOSTED: Condition = Condition::Not(&LOST_JOB);

const MOTIVE_FIELDS: &[Field] = &[
    Field::new("diplome_intitule", Text::new("Intitulé du diplôme", "Title of the diploma"), FieldKind::Text { max: 150 }, true),
    Field::new("diplome_date", Text::new("Date de délivrance", "Date of issue"), FieldKind::PastDate, true),
    Field::new(
        "diplome_etablissement",
        Text::new("Établissement de délivrance", "Issuing institution"),
        FieldKind::Text { max: 150 },
        true,
    ),
    // Seed 004: a diploma not yet issued is proven by the pass certificate and the transcript.
    Field::new(
        "diplome_edite",
        Text::new("Votre diplôme a-t-il déjà été édité ?", "Has your diploma been issued yet?"),
        FieldKind::YesNo,
        true,
    ),
    Field {
        hint: Some(Text::new(
            "Votre contrat de travail a pris fin sans que vous l'ayez voulu (licenciement, fin de contrat…) : vous renouvelez sans convention d'accueil.",
            "Your employment contract ended without you wanting it to (dismissal, end of contract…): you renew without a hosting agreement.",
        )),
        ..Field::new(
            "perte_involontaire_emploi",
            Text::new("Avez-vous perdu involontairement votre emploi ?", "Have you involuntarily lost your job?"),
            FieldKind::YesNo,
            true,
        )
        .shown_when(RENEWAL)
    },
    Field::new("organisme_accueil", Text::new("Organisme d'accueil", "Host organisation"), FieldKind::Text { max: 150 }, true),
    Field::new(
        "mobilite_ue",
        Text::new("Programme de mobilité dans l'Union européenne ?", "Mobility programme in the European Union?"),
        FieldKind::YesNo,
        true,
    )
    .shown_when(HOSTED),
    Field::new(
        "nature_lien",
        Text::new("Nature du lien avec l'organisme d'accueil", "Nature of the link with the host organisation"),
        FieldKind::Choice(LINKS),
        true,
    )
    .shown_when(HOSTED),
    Field::new("ressources_montant", Text::new("Ressources mensuelles (€)", "Monthly resources (€)"), FieldKind::MonthlyAmount, true),
];

const STEPS: &[Step] = &steps_with_motive(motive_step(
    Text::new(
        "Votre qualification, votre activité de recherche et vos ressources.",
        "Your qualification, your research activity and your resources.",
    ),
    MOTIVE_FIELDS,
));

const MOTIVE_DOCUMENTS: &[DocumentRule] = &[
    DocumentRule {
        code: "convention_accueil",
        label: Text::new("Convention d'accueil visée par l'organisme", "Hosting agreement signed by the organisation"),
        description: Text::new(
            "La convention d'accueil signée par l'organisme de recherche ou d'enseignement supérieur agréé.",
            "The hosting agreement signed by the approved research or higher-education organisation.",
        ),
        group: DocumentGroup::Motive,
        required_when: HOSTED,
    },
    DocumentRule {
        code: "attestation_rupture_contrat",
        label: Text::new("Attestation destinée à France Travail (ex-Pôle emploi)", "Certificate for France Travail (formerly Pôle emploi)"),
        description: Text::new(
            "L'attestation remise par votre employeur qui justifie la rupture de votre contrat de travail.",
            "The certificate your employer gave you, showing that your employment contract was terminated.",
        ),
        group: DocumentGroup::Motive,
        required_when: LOST_JOB,
    },
    DocumentRule {
        code: "avis_situation_france_travail",
        label: Text::new("Avis de situation établi par France Travail", "Statement of situation issued by France Travail"),
        description: Text::new(
            "L'avis de situation de France Travail (ex-Pôle emploi), récent.",
            "The recent statement of situation from France Travail (formerly Pôle emploi).",
        ),
        group: DocumentGroup::Motive,
        required_when: LOST_JOB,
    },
    DocumentRule {
        code: "diplome",
        label: Text::new("Diplôme", "Diploma"),
        description: Text::new("Le diplôme indiqué, au moins de niveau master.", "The diploma you named, at least a master's degree."),
        group: DocumentGroup::Motive,
        required_when: Condition::Yes("diplome_edite"),
    },
    DocumentRule {
        code: "attestation_reussite",
        label: Text::new("Attestation de réussite au diplôme", "Certificate of having passed the diploma"),
        description: Text::new(
            "Votre dernier diplôme n'a pas encore été édité : l'attestation de réussite délivrée par l'établissement.",
            "Your last diploma has not been issued yet: the certificate of success from the institution.",
        ),
        group: DocumentGroup::Motive,
        required_when: Condition::Not(&Condition::Yes("diplome_edite")),
    },
    DocumentRule {
        code: "releve_notes",
        label: Text::new("Relevé de notes", "Transcript"),
        description: Text::new(
            "Le relevé de notes du diplôme, avec l'attestation de réussite.",
            "The transcript of the diploma, with the certificate of success.",
        ),
        group: DocumentGroup::Motive,
        required_when: Condition::Not(&Condition::Yes("diplome_edite")),
    },
    DocumentRule {
        code: "justificatif_ressources",
        label: Text::new("Justificatif de ressources", "Proof of resources"),
        description: Text::new(
            "Contrat, bulletins de salaire des 3 derniers mois ou attestation de bourse.",
            "Contract, pay slips of the last 3 months or grant certificate.",
        ),
        group: DocumentGroup::Motive,
        required_when: Condition::Always,
    },
    DocumentRule {
        code: "programme_mobilite",
        label: Text::new("Justificatif du programme de mobilité", "Proof of the mobility programme"),
        description: Text::new(
            "Le document établissant votre participation à un programme de l'Union européenne.",
            "The document showing that you take part in a European Union programme.",
        ),
        group: DocumentGroup::Motive,
        required_when: Condition::All(&[HOSTED, Condition::Yes("mobilite_ue")]),
    },
];

const DOCUMENTS: &[DocumentRule] =
    &join_documents::<{ PERSONAL_DOCUMENTS.len() + MOTIVE_DOCUMENTS.len() }>(PERSONAL_DOCUMENTS, MOTIVE_DOCUMENTS);

pub const PROCEDURE: Procedure = Procedure {
    id: "passeport_talent_chercheur",
    title: Text::new("Passeport talent – chercheur / chercheur en mobilité", "Talent passport – researcher / mobile researcher"),
    intro: Text::new(
        "Vous avez un diplôme au moins équivalent au master et vous venez en France pour mener une activité de recherche ou dispenser un enseignement de niveau universitaire sous couvert d'une convention d'accueil.",
        "You hold a diploma at least equivalent to a master's degree and come to France to carry out research or teach at university level under a hosting agreement.",
    ),
    steps: STEPS,
    documents: DOCUMENTS,
    models: &["attestation-employeur"],
    monthly_minimum: MonthlyMinimum::Unknown,
    address: AddressEntry::Typed,
    filing: FilingKind::Application,
    renews: &["passeport_talent_chercheur"],
    // The entry of the other titles, and the two sub-mentions of a VLS-TS passeport talent.
    opened_by: &["passeport_talent_chercheur", "chercheur", "chercheur_mobilite"],
    eligibility: None,
};
