//! Étudiant: first request, renewal or change of status (SPEC §5.2 and §5.3, seed 002).
//! Six steps, resources in a step of their own.

use super::common::{join_documents, motive_step, CONFIRMATION_STEP, DOCUMENTS_STEP, PERSONAL_DOCUMENTS, PERSONAL_STEP, RECAP_STEP};
use super::model::{
    AddressEntry, Choice, Condition, DocumentGroup, DocumentRule, Eligibility, Field, FieldKind, FilingKind, MonthlyMinimum, Procedure,
    Step, StepKind, Text,
};

/// Minimum resources expected of a student, in cents per month (SPEC §5.3).
pub const MONTHLY_MINIMUM_CENTS: i64 = 61_500;

pub const ESTABLISHMENT_TYPES: &[Choice] = &[
    Choice::new("universite", "Université", "University"),
    Choice::new("ecole_ingenieur", "École d'ingénieur", "Engineering school"),
    Choice::new("ecole_commerce", "École de commerce, gestion, comptabilité", "Business, management or accounting school"),
    Choice::new("lycee_sts", "Lycée (STS ou préparation aux diplômes des métiers d'art)", "Lycée (STS or arts-and-crafts diplomas)"),
    Choice::new("iut", "IUT", "IUT (university institute of technology)"),
    Choice::new("cpge", "CPGE (classe préparatoire aux grandes écoles)", "CPGE (preparatory classes)"),
    Choice::new("beaux_arts", "École des beaux-arts ou école nationale d'art", "Fine-arts school or national art school"),
    Choice::new("architecture", "École d'architecture", "School of architecture"),
    Choice::new("autre", "Autre", "Other"),
];

pub const CYCLES: &[Choice] = &[
    Choice::new("licence", "Licence", "Bachelor's degree (licence)"),
    Choice::new("master", "Master", "Master's degree"),
    Choice::new("doctorat", "Doctorat", "Doctorate"),
    Choice::new("bts", "BTS", "BTS"),
    Choice::new("dut", "DUT", "DUT"),
    Choice::new("autre", "Autre", "Other"),
];

pub const LEVELS: &[Choice] = &[
    Choice::new("l1", "L1", "L1 (1st year of licence)"),
    Choice::new("l2", "L2", "L2 (2nd year of licence)"),
    Choice::new("l3", "L3", "L3 (3rd year of licence)"),
    Choice::new("m1", "M1", "M1 (1st year of master)"),
    Choice::new("m2", "M2", "M2 (2nd year of master)"),
    Choice::new("doctorat_1", "Doctorat 1re année", "Doctorate, 1st year"),
    Choice::new("doctorat_2", "Doctorat 2e année", "Doctorate, 2nd year"),
    Choice::new("doctorat_3", "Doctorat 3e année", "Doctorate, 3rd year"),
    Choice::new("bts_1", "BTS 1re année", "BTS, 1st year"),
    Choice::new("bts_2", "BTS 2e année", "BTS, 2nd year"),
    Choice::new("autre", "Autre", "Other"),
];

pub const DISCIPLINES: &[Choice] = &[
    Choice::new("agriculture", "Agriculture – agroalimentaire", "Agriculture – food industry"),
    Choice::new("architecture", "Architecture, urbanisme et aménagement du territoire", "Architecture, town and country planning"),
    Choice::new("arts", "Arts, culture, design et mode", "Arts, culture, design and fashion"),
    Choice::new("biologie", "Biologie", "Biology"),
    Choice::new("chimie", "Chimie", "Chemistry"),
    Choice::new("communication", "Communication, multimédia et journalisme", "Communication, multimedia and journalism"),
    Choice::new("droit", "Droit", "Law"),
    Choice::new("environnement", "Environnement et science de la terre", "Environment and earth sciences"),
    Choice::new("informatique", "Informatique", "Computer science"),
    Choice::new("langues", "Langues et lettres", "Languages and literature"),
    Choice::new("management", "Management, gestion, finances et commerce", "Management, finance and trade"),
    Choice::new("mathematiques", "Mathématiques", "Mathematics"),
    Choice::new("physique", "Physique", "Physics"),
    Choice::new("sante", "Santé et professions sociales", "Health and social professions"),
    Choice::new("education", "Science de l'éducation", "Education science"),
    Choice::new("ingenieur", "Science de l'ingénieur", "Engineering science"),
    Choice::new("economie", "Sciences économiques et politiques", "Economics and political science"),
    Choice::new("sciences_humaines", "Sciences humaines et sociales", "Humanities and social sciences"),
    Choice::new("sports", "Sports", "Sports"),
];

pub const RESOURCE_TYPES: &[Choice] = &[
    Choice::new("bourse", "Bourse", "Grant or scholarship"),
    Choice::new("virement", "Virement régulier (famille…)", "Regular transfer (family…)"),
    Choice::new("salaire", "Salaire", "Salary"),
    Choice::new("prise_en_charge", "Prise en charge par un tiers", "Support from a third party"),
    Choice::new("autre", "Autre", "Other"),
];

/// The coming year is in another institution (seed 003 §2.2.3: "année en cours et à venir").
const ELSEWHERE_NEXT_YEAR: Condition = Condition::Is("a_venir_meme_etablissement", "non");

/// The studies of the current year, then of the coming year.
const MOTIVE_FIELDS: &[Field] = &[
    Field::new(
        "etablissement_type",
        Text::new("Année en cours : type d'établissement", "Current year: type of institution"),
        FieldKind::Choice(ESTABLISHMENT_TYPES),
        true,
    ),
    Field::new(
        "etablissement_nom",
        Text::new("Année en cours : nom de l'établissement", "Current year: name of the institution"),
        FieldKind::Text { max: 150 },
        true,
    ),
    Field::new("cycle", Text::new("Année en cours : cycle d'études", "Current year: course of study"), FieldKind::Choice(CYCLES), true),
    Field::new("niveau", Text::new("Année en cours : niveau d'études", "Current year: year of study"), FieldKind::Choice(LEVELS), true),
    Field::new("discipline", Text::new("Discipline", "Subject"), FieldKind::Choice(DISCIPLINES), true),
    Field::new(
        "a_venir_meme_etablissement",
        Text::new("L'année à venir, restez-vous dans le même établissement ?", "Next year, do you stay in the same institution?"),
        FieldKind::YesNo,
        true,
    ),
    Field::new(
        "a_venir_etablissement_type",
        Text::new("Année à venir : type d'établissement", "Coming year: type of institution"),
        FieldKind::Choice(ESTABLISHMENT_TYPES),
        true,
    )
    .shown_when(ELSEWHERE_NEXT_YEAR),
    Field::new(
        "a_venir_etablissement_nom",
        Text::new("Année à venir : nom de l'établissement", "Coming year: name of the institution"),
        FieldKind::Text { max: 150 },
        true,
    )
    .shown_when(ELSEWHERE_NEXT_YEAR),
    Field::new(
        "a_venir_cycle",
        Text::new("Année à venir : cycle d'études", "Coming year: course of study"),
        FieldKind::Choice(CYCLES),
        true,
    ),
    Field::new(
        "a_venir_niveau",
        Text::new("Année à venir : niveau d'études", "Coming year: year of study"),
        FieldKind::Choice(LEVELS),
        true,
    ),
];

const RESOURCE_FIELDS: &[Field] = &[
    Field::new("ressource_1_type", Text::new("Ressource 1 : nature", "Resource 1: kind"), FieldKind::Choice(RESOURCE_TYPES), true),
    Field::new(
        "ressource_1_montant",
        Text::new("Ressource 1 : montant mensuel (€)", "Resource 1: monthly amount (€)"),
        FieldKind::MonthlyAmount,
        true,
    ),
    Field::new("ressource_2_type", Text::new("Ressource 2 : nature", "Resource 2: kind"), FieldKind::Choice(RESOURCE_TYPES), false),
    Field::new(
        "ressource_2_montant",
        Text::new("Ressource 2 : montant mensuel (€)", "Resource 2: monthly amount (€)"),
        FieldKind::MonthlyAmount,
        false,
    ),
    Field::new("ressource_3_type", Text::new("Ressource 3 : nature", "Resource 3: kind"), FieldKind::Choice(RESOURCE_TYPES), false),
    Field::new(
        "ressource_3_montant",
        Text::new("Ressource 3 : montant mensuel (€)", "Resource 3: monthly amount (€)"),
        FieldKind::MonthlyAmount,
        false,
    ),
    Field::new(
        "heberge_gratuit",
        Text::new("Je suis hébergé(e) à titre gratuit", "I am housed free of charge"),
        FieldKind::Checkbox,
        false,
    ),
    Field::new(
        "ressources_explication",
        Text::new("Précisions sur vos ressources", "Details about your resources"),
        FieldKind::LongText { max: 2000 },
        false,
    ),
];

const STEPS: &[Step] = &[
    PERSONAL_STEP,
    motive_step(Text::new("Vos études de l'année en cours et de l'année à venir.", "Your studies this year and next year."), MOTIVE_FIELDS),
    Step {
        id: "ressources",
        kind: StepKind::Form,
        title: Text::new("Ressources", "Resources"),
        summary: Text::new("Les ressources dont vous disposez chaque mois.", "The resources you have each month."),
        fields: RESOURCE_FIELDS,
    },
    DOCUMENTS_STEP,
    RECAP_STEP,
    CONFIRMATION_STEP,
];

const MOTIVE_DOCUMENTS: &[DocumentRule] = &[
    DocumentRule {
        code: "inscription",
        label: Text::new("Justificatif d'inscription", "Proof of enrolment"),
        description: Text::new(
            "Certificat de scolarité ou attestation d'inscription pour l'année à venir dans l'établissement indiqué.",
            "Certificate of enrolment for the coming year in the institution you named.",
        ),
        group: DocumentGroup::Motive,
        required_when: Condition::Always,
    },
    DocumentRule {
        code: "resultats",
        label: Text::new("Relevés de notes ou diplômes de l'année écoulée", "Transcripts or diplomas of the past year"),
        description: Text::new("Ils attestent du caractère réel et sérieux de vos études.", "They show that your studies are real and serious."),
        group: DocumentGroup::Motive,
        required_when: Condition::Always,
    },
    DocumentRule {
        code: "justificatif_ressources",
        label: Text::new("Justificatif de ressources", "Proof of resources"),
        description: Text::new(
            "Attestation de bourse, relevés bancaires des 3 derniers mois ou attestation de prise en charge avec les ressources de la personne qui vous prend en charge.",
            "Grant certificate, bank statements of the last 3 months, or a certificate of support with the resources of the person supporting you.",
        ),
        group: DocumentGroup::Motive,
        required_when: Condition::Always,
    },
    DocumentRule {
        code: "attestation_hebergement_gratuit",
        label: Text::new("Attestation d'hébergement à titre gratuit", "Certificate of free accommodation"),
        description: Text::new("Datée et signée par la personne qui vous loge gratuitement.", "Dated and signed by the person who houses you free of charge."),
        group: DocumentGroup::Motive,
        required_when: Condition::Yes("heberge_gratuit"),
    },
];

/// Every document rule of the procedure, personal ones first.
const DOCUMENTS: &[DocumentRule] =
    &join_documents::<{ PERSONAL_DOCUMENTS.len() + MOTIVE_DOCUMENTS.len() }>(PERSONAL_DOCUMENTS, MOTIVE_DOCUMENTS);

pub const PROCEDURE: Procedure = Procedure {
    id: "etudiant",
    title: Text::new("Étudiant", "Student"),
    intro: Text::new(
        "Vous suivez ou allez suivre en France des études supérieures ou une formation, et vous disposez de ressources suffisantes pour la durée de votre séjour.",
        "You study or are going to study in France in higher education or a training course, and you have enough resources for your stay.",
    ),
    steps: STEPS,
    documents: DOCUMENTS,
    models: &["attestation-employeur", "declaration-mineur-16-18-ans"],
    monthly_minimum: MonthlyMinimum::Fixed(MONTHLY_MINIMUM_CENTS),
    address: AddressEntry::Typed,
    filing: FilingKind::Application,
    renews: &["etudiant"],
    opened_by: &["etudiant"],
    eligibility: Some(Eligibility {
        online: super::orientation::student_may_file_online,
        refusal: Text::new(
            "Votre situation ne permet pas de demander un titre étudiant en ligne : présentez votre demande à la préfecture de votre lieu de résidence.",
            "Your situation does not allow you to apply for a student permit online: apply at the prefecture where you live.",
        ),
    }),
};
