//! The passeport talent motives of seed 003 other than the researcher's (see `chercheur.rs`):
//! salarié qualifié, investisseur ou porteur d'un projet économique, artiste, renommée
//! internationale and membre de famille d'un passeport talent. Each is one catalogue entry of
//! five steps whose motive step opens with the sub-mention; the document lists follow the
//! public lists for each card, with their CESEDA articles in `docs/passeport-talent.md`.

use super::common::{join_documents, motive_step, steps_with_motive, PERSONAL_DOCUMENTS, SUB_MENTION};
use super::model::{
    AddressEntry, Choice, Condition, DocumentGroup, DocumentRule, Field, FieldKind, FilingKind, MonthlyMinimum, Procedure, Step, Text,
};

/// The sub-mention of a motive, first field of its motive step; its codes are those of the
/// orientation's talent sub-mentions (a VLS-TS holder's pick prefills it).
const fn sub_mention(choices: &'static [Choice]) -> Field {
    Field::new(SUB_MENTION, Text::new("Sous-mention", "Sub-mention"), FieldKind::Choice(choices), true)
}

const fn motive_document(code: &'static str, label: Text, description: Text, required_when: Condition) -> DocumentRule {
    DocumentRule { code, label, description, group: DocumentGroup::Motive, required_when }
}

const MONTHLY_RESOURCES: Field =
    Field::new("ressources_montant", Text::new("Ressources mensuelles (€)", "Monthly resources (€)"), FieldKind::MonthlyAmount, true);

const PROOF_OF_RESOURCES: DocumentRule = motive_document(
    "justificatif_ressources",
    Text::new("Justificatif de ressources", "Proof of resources"),
    Text::new(
        "Relevés bancaires des 3 derniers mois, bulletins de salaire ou tout document établissant vos ressources.",
        "Bank statements of the last 3 months, pay slips or any document showing your resources.",
    ),
    Condition::Always,
);

/// The gross monthly minimum wage (SMIC) for 35 hours a week, in cents: the unit of the talent
/// cards' resource thresholds (docs/passeport-talent.md). It is revalued at least every year
/// (Code du travail, L3231-4 and following): this is the figure in force from 1 November 2024,
/// 11,88 € an hour.
pub const SMIC_MONTHLY_CENTS: i64 = 180_180;

/// A share of the SMIC, in per cent, in cents a month.
const fn smic_share(per_cent: i64) -> i64 {
    SMIC_MONTHLY_CENTS * per_cent / 100
}

/// The employer's name, the job and the gross salary: asked of every employee.
const EMPLOYER: Field = Field::new("employeur_nom", Text::new("Nom de l'employeur", "Employer's name"), FieldKind::Text { max: 150 }, true);
const EMPLOYER_SIRET: Field = Field {
    hint: Some(Text::new("Les 14 chiffres du numéro SIRET, s'il est connu.", "The 14 digits of the SIRET number, if known.")),
    ..Field::new("employeur_siret", Text::new("Numéro SIRET de l'employeur", "Employer's SIRET number"), FieldKind::Text { max: 14 }, false)
};
const JOB: Field = Field::new("poste", Text::new("Intitulé du poste", "Job title"), FieldKind::Text { max: 150 }, true);
const CONTRACT_START: Field =
    Field::new("contrat_debut", Text::new("Date de début du contrat", "Start date of the contract"), FieldKind::Date, true);
const GROSS_SALARY: Field = Field::new(
    "remuneration_brute",
    Text::new("Rémunération brute mensuelle (€)", "Gross monthly salary (€)"),
    FieldKind::MonthlyAmount,
    true,
);

pub mod salarie_qualifie {
    use super::*;

    pub const MENTIONS: &[Choice] = &[
        Choice::new("salarie_qualifie", "Salarié qualifié", "Qualified employee"),
        Choice::new(
            "entreprise_innovante",
            "Salarié en entreprise innovante (FrenchTech)",
            "Employee of an innovative company (FrenchTech)",
        ),
        Choice::new(
            "carte_bleue_europeenne",
            "Salarié hautement qualifié (carte bleue européenne)",
            "Highly qualified employee (EU Blue Card)",
        ),
        Choice::new("salarie_en_mission", "Salarié en mission", "Employee on assignment"),
    ];

    const WITH_DIPLOMA: Condition = Condition::In(SUB_MENTION, &["salarie_qualifie", "carte_bleue_europeenne"]);

    const FIELDS: &[Field] = &[
        sub_mention(MENTIONS),
        EMPLOYER,
        EMPLOYER_SIRET,
        JOB,
        CONTRACT_START,
        GROSS_SALARY,
        Field::new("diplome_intitule", Text::new("Intitulé du diplôme", "Title of the diploma"), FieldKind::Text { max: 150 }, true)
            .shown_when(WITH_DIPLOMA),
    ];

    const STEPS: &[Step] = &steps_with_motive(motive_step(
        Text::new(
            "Votre sous-mention, votre employeur, votre emploi et votre rémunération.",
            "Your sub-mention, your employer, your job and your salary.",
        ),
        FIELDS,
    ));

    const MOTIVE_DOCUMENTS: &[DocumentRule] = &[
        motive_document(
            "contrat_travail",
            Text::new("Contrat de travail", "Employment contract"),
            Text::new(
                "Le contrat de travail ou la promesse d'embauche, daté et signé, avec la rémunération.",
                "The employment contract or job offer, dated and signed, stating the salary.",
            ),
            Condition::Not(&Condition::Is(SUB_MENTION, "salarie_en_mission")),
        ),
        motive_document(
            "attestation_detachement",
            Text::new("Attestation de l'employeur (salarié en mission)", "Employer's certificate (employee on assignment)"),
            Text::new(
                "L'attestation de l'entreprise qui vous emploie à l'étranger : votre mission en France dans une entreprise du même groupe, sa durée, votre rémunération et votre ancienneté.",
                "The certificate of the company employing you abroad: your assignment in France in a company of the same group, its length, your salary and your length of service.",
            ),
            Condition::Is(SUB_MENTION, "salarie_en_mission"),
        ),
        motive_document(
            "diplome",
            Text::new("Diplôme", "Diploma"),
            Text::new(
                "Le diplôme indiqué (au moins un master pour un salarié qualifié ; pour la carte bleue européenne, un diplôme d'au moins 3 années d'études supérieures ou la preuve de votre expérience professionnelle).",
                "The diploma you named (at least a master's degree for a qualified employee; for the EU Blue Card, a diploma of at least 3 years of higher education or the proof of your professional experience).",
            ),
            WITH_DIPLOMA,
        ),
        motive_document(
            "entreprise_innovante",
            Text::new("Justificatif du caractère innovant de l'entreprise", "Proof that the company is innovative"),
            Text::new(
                "La reconnaissance de l'entreprise comme innovante par un organisme public (label French Tech, Bpifrance, jeune entreprise innovante).",
                "The recognition of the company as innovative by a public body (French Tech label, Bpifrance, young innovative company).",
            ),
            Condition::Is(SUB_MENTION, "entreprise_innovante"),
        ),
        motive_document(
            "bulletins_salaire",
            Text::new("Justificatif de rémunération", "Proof of salary"),
            Text::new(
                "Les bulletins de salaire des 3 derniers mois, ou, si vous n'avez pas encore commencé, le contrat qui fixe la rémunération.",
                "Your pay slips of the last 3 months or, if you have not started yet, the contract setting the salary.",
            ),
            Condition::Always,
        ),
    ];

    const DOCUMENTS: &[DocumentRule] =
        &join_documents::<{ PERSONAL_DOCUMENTS.len() + MOTIVE_DOCUMENTS.len() }>(PERSONAL_DOCUMENTS, MOTIVE_DOCUMENTS);

    pub const PROCEDURE: Procedure = Procedure {
        id: "passeport_talent_salarie_qualifie",
        title: Text::new("Passeport talent – salarié qualifié", "Talent passport – qualified employee"),
        intro: Text::new(
            "Vous venez travailler en France comme salarié qualifié (diplôme au moins équivalent au master), dans une entreprise innovante, comme salarié hautement qualifié (carte bleue européenne) ou en mission au sein de votre groupe.",
            "You come to work in France as a qualified employee (diploma at least equivalent to a master's degree), in an innovative company, as a highly qualified employee (EU Blue Card) or on assignment within your group.",
        ),
        steps: STEPS,
        documents: DOCUMENTS,
        models: &["attestation-employeur"],
        monthly_minimum: MonthlyMinimum::ByChoice {
            field: SUB_MENTION,
            // The carte bleue européenne's threshold is a multiple of a reference salary set
            // by a yearly arrêté not modelled here: its total is shown alone.
            minimums: &[("salarie_qualifie", smic_share(200)), ("entreprise_innovante", smic_share(200)), ("salarie_en_mission", smic_share(180))],
        },
        address: AddressEntry::Typed,
        filing: FilingKind::Application,
        renews: &["passeport_talent_salarie_qualifie"],
        opened_by: &[
            "passeport_talent_salarie_qualifie",
            "salarie_qualifie",
            "entreprise_innovante",
            "carte_bleue_europeenne",
            "salarie_en_mission",
        ],
        eligibility: None,
    };
}

pub mod investisseur {
    use super::*;

    pub const MENTIONS: &[Choice] = &[
        Choice::new("investisseur", "Investisseur", "Investor"),
        Choice::new("createur_entreprise", "Créateur d'entreprise", "Business founder"),
        Choice::new("projet_innovant", "Porteur d'un projet innovant", "Holder of an innovative project"),
        Choice::new("mandataire_social", "Mandataire social", "Company officer"),
    ];

    const FIELDS: &[Field] = &[
        sub_mention(MENTIONS),
        Field::new(
            "societe_nom",
            Text::new("Nom de la société ou du projet", "Name of the company or project"),
            FieldKind::Text { max: 150 },
            true,
        ),
        Field {
            hint: Some(Text::new(
                "Les 14 chiffres du numéro SIRET, si la société est immatriculée.",
                "The 14 digits of the SIRET number, if the company is registered.",
            )),
            ..Field::new(
                "societe_siret",
                Text::new("Numéro SIRET de la société", "Company's SIRET number"),
                FieldKind::Text { max: 14 },
                false,
            )
        },
        Field::new(
            "projet_description",
            Text::new("Description de votre projet ou de votre fonction", "Description of your project or of your position"),
            FieldKind::LongText { max: 2000 },
            true,
        ),
        MONTHLY_RESOURCES,
    ];

    const STEPS: &[Step] = &steps_with_motive(motive_step(
        Text::new(
            "Votre sous-mention, votre projet économique et vos ressources.",
            "Your sub-mention, your economic project and your resources.",
        ),
        FIELDS,
    ));

    const MOTIVE_DOCUMENTS: &[DocumentRule] = &[
        motive_document(
            "justificatif_investissement",
            Text::new("Justificatif de l'investissement", "Proof of the investment"),
            Text::new(
                "Les documents établissant l'investissement en France, directement ou par une société que vous contrôlez, et les emplois créés ou sauvegardés.",
                "The documents showing the investment in France, directly or through a company you control, and the jobs created or kept.",
            ),
            Condition::In(SUB_MENTION, &["investisseur", "createur_entreprise"]),
        ),
        motive_document(
            "plan_affaires",
            Text::new("Projet d'entreprise (business plan)", "Business plan"),
            Text::new(
                "Le projet réel et sérieux de création d'entreprise : activité, marché, financement, prévisions.",
                "The real and serious plan of the company: activity, market, funding, forecasts.",
            ),
            Condition::Is(SUB_MENTION, "createur_entreprise"),
        ),
        motive_document(
            "reconnaissance_projet",
            Text::new("Reconnaissance du projet innovant", "Recognition of the innovative project"),
            Text::new(
                "L'attestation d'un organisme public reconnaissant le caractère innovant de votre projet.",
                "The certificate of a public body recognising your project as innovative.",
            ),
            Condition::Is(SUB_MENTION, "projet_innovant"),
        ),
        motive_document(
            "mandat_social",
            Text::new("Justificatif du mandat social", "Proof of the company office"),
            Text::new(
                "Les statuts ou l'extrait Kbis de la société, la décision de nomination et la rémunération prévue.",
                "The company's articles or Kbis extract, the appointment decision and the planned remuneration.",
            ),
            Condition::Is(SUB_MENTION, "mandataire_social"),
        ),
        PROOF_OF_RESOURCES,
    ];

    const DOCUMENTS: &[DocumentRule] =
        &join_documents::<{ PERSONAL_DOCUMENTS.len() + MOTIVE_DOCUMENTS.len() }>(PERSONAL_DOCUMENTS, MOTIVE_DOCUMENTS);

    pub const PROCEDURE: Procedure = Procedure {
        id: "passeport_talent_investisseur",
        title: Text::new(
            "Passeport talent – investisseur ou porteur d'un projet économique",
            "Talent passport – investor or holder of an economic project",
        ),
        intro: Text::new(
            "Vous investissez en France, y créez une entreprise, y portez un projet innovant reconnu par un organisme public, ou y êtes mandataire social d'une société.",
            "You invest in France, create a company there, carry an innovative project recognised by a public body, or are a company officer there.",
        ),
        steps: STEPS,
        documents: DOCUMENTS,
        models: &[],
        monthly_minimum: MonthlyMinimum::ByChoice {
            field: SUB_MENTION,
            // The investor's condition is the capital invested, not a monthly income.
            minimums: &[("createur_entreprise", smic_share(100)), ("projet_innovant", smic_share(100)), ("mandataire_social", smic_share(300))],
        },
        address: AddressEntry::Typed,
        filing: FilingKind::Application,
        renews: &["passeport_talent_investisseur"],
        opened_by: &["passeport_talent_investisseur", "investisseur", "createur_entreprise", "projet_innovant", "mandataire_social"],
        eligibility: None,
    };
}

pub mod artiste {
    use super::*;

    pub const MENTIONS: &[Choice] = &[
        Choice::new("artiste_salarie", "Artiste salarié", "Employed artist"),
        Choice::new("artiste_non_salarie", "Artiste non salarié", "Self-employed artist"),
    ];

    const FIELDS: &[Field] = &[
        sub_mention(MENTIONS),
        Field::new("discipline", Text::new("Discipline artistique", "Artistic field"), FieldKind::Text { max: 150 }, true),
        Field::new(
            "structure_nom",
            Text::new("Employeur, structure culturelle ou lieu de diffusion", "Employer, cultural organisation or venue"),
            FieldKind::Text { max: 150 },
            true,
        ),
        MONTHLY_RESOURCES,
    ];

    const STEPS: &[Step] = &steps_with_motive(motive_step(
        Text::new(
            "Votre sous-mention, votre activité artistique et vos ressources.",
            "Your sub-mention, your artistic activity and your resources.",
        ),
        FIELDS,
    ));

    const MOTIVE_DOCUMENTS: &[DocumentRule] = &[
        motive_document(
            "contrat_engagement",
            Text::new("Contrat de travail ou d'engagement", "Employment or engagement contract"),
            Text::new(
                "Le contrat conclu avec une entreprise ou un établissement dont l'objet est la création ou l'exploitation d'une œuvre de l'esprit.",
                "The contract with a company or institution whose purpose is creating or exploiting a work of the mind.",
            ),
            Condition::Is(SUB_MENTION, "artiste_salarie"),
        ),
        motive_document(
            "activite_artistique",
            Text::new("Justificatifs de votre activité artistique", "Proof of your artistic activity"),
            Text::new(
                "Vos œuvres, contrats de cession, programmations, références et, le cas échéant, votre inscription auprès d'un organisme de gestion des droits.",
                "Your works, assignment contracts, programmes, references and, where relevant, your registration with a rights-management body.",
            ),
            Condition::Is(SUB_MENTION, "artiste_non_salarie"),
        ),
        PROOF_OF_RESOURCES,
    ];

    const DOCUMENTS: &[DocumentRule] =
        &join_documents::<{ PERSONAL_DOCUMENTS.len() + MOTIVE_DOCUMENTS.len() }>(PERSONAL_DOCUMENTS, MOTIVE_DOCUMENTS);

    pub const PROCEDURE: Procedure = Procedure {
        id: "passeport_talent_artiste",
        title: Text::new("Passeport talent – artiste", "Talent passport – artist"),
        intro: Text::new(
            "Vous êtes artiste-interprète ou auteur d'une œuvre littéraire ou artistique et vous venez exercer votre activité en France, comme salarié ou non.",
            "You are a performing artist or the author of a literary or artistic work and you come to carry out your activity in France, employed or not.",
        ),
        steps: STEPS,
        documents: DOCUMENTS,
        models: &[],
        monthly_minimum: MonthlyMinimum::ByChoice {
            field: SUB_MENTION,
            minimums: &[("artiste_salarie", smic_share(70)), ("artiste_non_salarie", smic_share(70))],
        },
        address: AddressEntry::Typed,
        filing: FilingKind::Application,
        renews: &["passeport_talent_artiste"],
        opened_by: &["passeport_talent_artiste", "artiste_salarie", "artiste_non_salarie"],
        eligibility: None,
    };
}

pub mod renommee {
    use super::*;

    const FIELDS: &[Field] = &[
        Field::new("domaine", Text::new("Domaine de votre renommée", "Field of your renown"), FieldKind::Text { max: 150 }, true),
        Field::new(
            "projet_description",
            Text::new("Votre projet en France", "Your project in France"),
            FieldKind::LongText { max: 2000 },
            true,
        ),
        MONTHLY_RESOURCES,
    ];

    const STEPS: &[Step] = &steps_with_motive(motive_step(
        Text::new("Votre domaine, votre projet en France et vos ressources.", "Your field, your project in France and your resources."),
        FIELDS,
    ));

    const MOTIVE_DOCUMENTS: &[DocumentRule] = &[
        motive_document(
            "preuves_renommee",
            Text::new("Justificatifs de votre renommée", "Proof of your renown"),
            Text::new(
                "Prix, distinctions, publications, articles de presse ou tout document établissant votre renommée nationale ou internationale.",
                "Awards, distinctions, publications, press articles or any document showing your national or international renown.",
            ),
            Condition::Always,
        ),
        motive_document(
            "description_projet",
            Text::new("Description de votre projet", "Description of your project"),
            Text::new(
                "Le projet que vous menez en France dans votre domaine (scientifique, littéraire, artistique, intellectuel, éducatif ou sportif).",
                "The project you carry out in France in your field (science, literature, arts, intellectual, education or sport).",
            ),
            Condition::Always,
        ),
        PROOF_OF_RESOURCES,
    ];

    const DOCUMENTS: &[DocumentRule] =
        &join_documents::<{ PERSONAL_DOCUMENTS.len() + MOTIVE_DOCUMENTS.len() }>(PERSONAL_DOCUMENTS, MOTIVE_DOCUMENTS);

    pub const PROCEDURE: Procedure = Procedure {
        id: "passeport_talent_renommee",
        title: Text::new("Passeport talent – renommée internationale", "Talent passport – international renown"),
        intro: Text::new(
            "Votre renommée nationale ou internationale est établie dans un domaine scientifique, littéraire, artistique, intellectuel, éducatif ou sportif, et vous venez en France y mener un projet.",
            "Your national or international renown is established in science, literature, the arts, intellectual life, education or sport, and you come to France to carry out a project in that field.",
        ),
        steps: STEPS,
        documents: DOCUMENTS,
        models: &[],
        monthly_minimum: MonthlyMinimum::Unknown,
        address: AddressEntry::Typed,
        filing: FilingKind::Application,
        renews: &["passeport_talent_renommee"],
        // One sub-mention only: on the VLS-TS holder's picker, not asked in the wizard.
        opened_by: &["passeport_talent_renommee", "renommee_internationale"],
        eligibility: None,
    };
}

pub mod famille {
    use super::*;

    pub const MENTIONS: &[Choice] = &[
        Choice::new("famille_conjoint", "Conjoint", "Spouse"),
        Choice::new("famille_enfant", "Enfant, jeune majeur", "Child, young adult"),
    ];

    const FIELDS: &[Field] = &[
        sub_mention(MENTIONS),
        Field::new(
            "titulaire_nom",
            Text::new("Nom et prénom du titulaire du passeport talent", "Name of the talent passport holder"),
            FieldKind::Text { max: 150 },
            true,
        ),
        Field {
            hint: Some(Text::new("Les 10 chiffres inscrits sur son titre de séjour.", "The 10 digits printed on their residence permit.")),
            ..Field::new(
                "titulaire_numero",
                Text::new("Numéro étranger du titulaire", "Holder's foreign national number"),
                FieldKind::Text { max: 10 },
                true,
            )
        },
    ];

    const STEPS: &[Step] = &steps_with_motive(motive_step(
        Text::new(
            "Votre lien avec le titulaire du passeport talent que vous accompagnez ou rejoignez.",
            "Your link with the talent passport holder you come with or join.",
        ),
        FIELDS,
    ));

    const MOTIVE_DOCUMENTS: &[DocumentRule] = &[
        motive_document(
            "titre_titulaire",
            Text::new("Titre de séjour du titulaire", "Residence permit of the holder"),
            Text::new(
                "Le titre de séjour ou le visa « passeport talent » en cours de validité de la personne que vous accompagnez.",
                "The valid \"talent passport\" residence permit or visa of the person you come with.",
            ),
            Condition::Always,
        ),
        motive_document(
            "lien_familial",
            Text::new("Justificatif du lien familial", "Proof of the family link"),
            Text::new(
                "L'acte de mariage (conjoint) ou l'acte de naissance (enfant) qui établit votre lien avec le titulaire.",
                "The marriage certificate (spouse) or the birth certificate (child) showing your link with the holder.",
            ),
            Condition::Always,
        ),
    ];

    const DOCUMENTS: &[DocumentRule] =
        &join_documents::<{ PERSONAL_DOCUMENTS.len() + MOTIVE_DOCUMENTS.len() }>(PERSONAL_DOCUMENTS, MOTIVE_DOCUMENTS);

    pub const PROCEDURE: Procedure = Procedure {
        id: "passeport_talent_famille",
        title: Text::new(
            "Passeport talent – membre de famille d'un passeport talent",
            "Talent passport – family member of a talent passport holder",
        ),
        intro: Text::new(
            "Vous êtes le conjoint ou l'enfant (mineur ou jeune majeur) d'une personne titulaire d'un passeport talent, et vous l'accompagnez ou la rejoignez en France.",
            "You are the spouse or the child (minor or young adult) of a talent passport holder, and you come with them or join them in France.",
        ),
        steps: STEPS,
        documents: DOCUMENTS,
        models: &[],
        monthly_minimum: MonthlyMinimum::None,
        address: AddressEntry::Typed,
        filing: FilingKind::Application,
        renews: &["passeport_talent_famille"],
        opened_by: &["passeport_talent_famille", "famille_conjoint", "famille_enfant"],
        eligibility: None,
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalogue::answers::{required_documents, validate_step, Answers, ApplicantContext};
    use crate::domain::catalogue::orientation::TALENT_MENTIONS;
    use crate::domain::catalogue::PROCEDURES;
    use crate::domain::date::Date;
    use crate::domain::validation::ValidationError;

    const FAMILIES: [&Procedure; 5] =
        [&salarie_qualifie::PROCEDURE, &investisseur::PROCEDURE, &artiste::PROCEDURE, &renommee::PROCEDURE, &famille::PROCEDURE];

    fn adult() -> ApplicantContext {
        ApplicantContext { birth_date: Date::new(1990, 3, 3).expect("date"), today: Date::new(2026, 11, 30).expect("date") }
    }

    fn motive_codes(procedure: &Procedure, mention: &str) -> Vec<&'static str> {
        let mut answers = Answers::default();
        answers.set(SUB_MENTION, mention);
        required_documents(procedure, &answers, &adult()).into_iter().filter(|d| d.group == DocumentGroup::Motive).map(|d| d.code).collect()
    }

    #[test]
    fn every_motive_of_seed_003_is_an_open_entry_with_its_sub_mentions() {
        for family in FAMILIES {
            assert!(PROCEDURES.iter().any(|p| p.id == family.id), "{} is in the catalogue", family.id);
            let motive = family.step("motif").expect("motive step");
            match motive.fields.iter().find(|f| f.id == SUB_MENTION).map(|f| f.kind) {
                // Each sub-mention asked in the wizard is an entry of the VLS-TS holder's
                // picker that leads back to this procedure.
                Some(FieldKind::Choice(choices)) => {
                    assert_eq!(motive.fields[0].id, SUB_MENTION, "{}: the sub-mention comes first", family.id);
                    for choice in choices {
                        let entry = TALENT_MENTIONS.iter().find(|m| m.code == choice.code).expect("a picker entry");
                        assert_eq!(entry.procedure().map(|p| p.id), Some(family.id), "{}", choice.code);
                    }
                }
                Some(other) => panic!("{}: the sub-mention is a list, not {other:?}", family.id),
                None => assert_eq!(family.opened_by.len(), 2, "{}: a single sub-mention needs no question", family.id),
            }
        }
        // Every sub-mention of the picker now leads to an open procedure.
        assert!(TALENT_MENTIONS.iter().all(|m| m.procedure().is_some()));
    }

    #[test]
    fn documents_follow_the_sub_mention() {
        let employee = &salarie_qualifie::PROCEDURE;
        assert_eq!(motive_codes(employee, "salarie_qualifie"), ["contrat_travail", "diplome", "bulletins_salaire"]);
        assert_eq!(motive_codes(employee, "entreprise_innovante"), ["contrat_travail", "entreprise_innovante", "bulletins_salaire"]);
        assert_eq!(motive_codes(employee, "salarie_en_mission"), ["attestation_detachement", "bulletins_salaire"]);
        let investor = &investisseur::PROCEDURE;
        assert_eq!(
            motive_codes(investor, "createur_entreprise"),
            ["justificatif_investissement", "plan_affaires", "justificatif_ressources"]
        );
        assert_eq!(motive_codes(investor, "mandataire_social"), ["mandat_social", "justificatif_ressources"]);
        assert_eq!(motive_codes(&artiste::PROCEDURE, "artiste_non_salarie"), ["activite_artistique", "justificatif_ressources"]);
        assert_eq!(motive_codes(&famille::PROCEDURE, "famille_enfant"), ["titre_titulaire", "lien_familial"]);
    }

    #[test]
    fn the_diploma_is_asked_only_where_the_card_requires_one() {
        let motive = salarie_qualifie::PROCEDURE.step("motif").expect("motive step");
        let mut answers = Answers::default();
        for (field, value) in [
            (SUB_MENTION, "carte_bleue_europeenne"),
            ("employeur_nom", "Dassault Systèmes"),
            ("poste", "Ingénieure logiciel"),
            ("contrat_debut", "2027-01-04"),
            ("remuneration_brute", "520000"),
        ] {
            answers.set(field, value);
        }
        let errors = validate_step(motive, &answers, &adult()).expect_err("the diploma is missing");
        assert_eq!(errors.get("diplome_intitule"), Some(&ValidationError::Required));
        answers.set(SUB_MENTION, "salarie_en_mission");
        assert_eq!(validate_step(motive, &answers, &adult()), Ok(()));
        answers.set(SUB_MENTION, "artiste_salarie");
        assert_eq!(
            validate_step(motive, &answers, &adult()).expect_err("another motive's").get(SUB_MENTION),
            Some(&ValidationError::InvalidChoice)
        );
    }
}
