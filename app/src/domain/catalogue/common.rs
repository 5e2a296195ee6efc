//! Parts shared by every procedure: the "informations personnelles" step (SPEC §5.1), the
//! documents, recap and confirmation steps, and the documents every applicant joins.

use super::model::{AddressFields, Choice, Condition, DocumentGroup, DocumentRule, Field, FieldKind, Group, Step, StepKind, Text};

pub const FAMILY_SITUATIONS: &[Choice] = &[
    Choice::new("celibataire", "Célibataire", "Single"),
    Choice::new("concubin", "Concubin(e)", "Cohabiting"),
    Choice::new("divorce", "Divorcé(e)", "Divorced"),
    Choice::new("marie", "Marié(e)", "Married"),
    Choice::new("pacse", "Pacsé(e)", "In a civil partnership (PACS)"),
    Choice::new("separe", "Séparé(e)", "Separated"),
    Choice::new("veuf", "Veuf / veuve", "Widowed"),
];

/// Family situations with a partner, whose nationality is asked.
pub const WITH_PARTNER: &[&str] = &["marie", "pacse", "concubin"];

/// A minor may be emancipated from 16 (Code civil, art. 413-2): the box is offered from that age
/// only (seed 001 case 2), and a younger applicant's answer counts for nothing.
const MAY_BE_EMANCIPATED: Condition = Condition::All(&[Condition::Minor, Condition::AgeFrom(16)]);
const EMANCIPATED: Condition = Condition::All(&[MAY_BE_EMANCIPATED, Condition::Yes("mineur_emancipe")]);
const MINOR_NOT_EMANCIPATED: Condition = Condition::All(&[Condition::Minor, Condition::Not(&EMANCIPATED)]);

/// Each dependent child (SPEC §5.1).
pub const CHILDREN: Group = Group {
    item: Text::new("Enfant", "Child"),
    add: Text::new("Ajouter un enfant", "Add a child"),
    remove: Text::new("Retirer cet enfant", "Remove this child"),
    fields: &[
        Field::new("nom", Text::new("Nom", "Surname"), FieldKind::Text { max: 100 }, true),
        Field::new("prenoms", Text::new("Prénom(s)", "Given name(s)"), FieldKind::Text { max: 150 }, true),
        Field::new("date_naissance", Text::new("Date de naissance", "Date of birth"), FieldKind::PastDate, true),
        Field::new("nationalite", Text::new("Nationalité", "Nationality"), FieldKind::Country, true),
        Field::new("en_france", Text::new("Réside en France", "Lives in France"), FieldKind::YesNo, true),
    ],
    max: 12,
};

/// The address and phone fields: the same in the personal step of every procedure and on the
/// account page (one definition, one validation).
pub const ADDRESS_SEARCH: Field = Field {
    hint: Some(Text::new(
        "Saisissez le numéro, la voie et la commune, puis choisissez une adresse proposée : les champs ci-dessous sont remplis. Vous pouvez aussi les remplir vous-même.",
        "Type the number, street and town, then pick a suggested address: the fields below are filled in. You can also fill them in yourself.",
    )),
    ..Field::new(
        "adresse_recherche",
        Text::new("Rechercher votre adresse", "Search for your address"),
        FieldKind::AddressSearch(AddressFields {
            street: "adresse_voie",
            postal_code: "adresse_code_postal",
            city: "adresse_commune",
            insee_code: "adresse_code_insee",
        }),
        false,
    )
};
pub const ADDRESS_STREET: Field =
    Field::new("adresse_voie", Text::new("Numéro et libellé de la voie", "Street number and name"), FieldKind::Text { max: 150 }, true);
pub const ADDRESS_COMPLEMENT: Field = Field::new(
    "adresse_complement",
    Text::new("Complément d'adresse (bâtiment, « chez »…)", "Address complement (building, \"care of\"…)"),
    FieldKind::Text { max: 150 },
    false,
);
pub const ADDRESS_POSTAL_CODE: Field =
    Field::new("adresse_code_postal", Text::new("Code postal", "Postal code"), FieldKind::PostalCode, true);
pub const ADDRESS_CITY: Field = Field::new("adresse_commune", Text::new("Commune", "Town"), FieldKind::Text { max: 100 }, true);
/// Seed 004's recap shows the address's country, "FRANCE": the service is for people who live
/// in France, so it is the one choice, prefilled when a draft starts.
pub const FRANCE: &[Choice] = &[Choice::new("FR", "France", "France")];
pub const ADDRESS_COUNTRY: Field = Field {
    hint: Some(Text::new(
        "Votre adresse doit être en France, métropole ou outre-mer.",
        "Your address must be in France, mainland or overseas.",
    )),
    ..Field::new("adresse_pays", Text::new("Pays", "Country"), FieldKind::Choice(FRANCE), true)
};
pub const ADDRESS_INSEE_CODE: Field =
    Field::new("adresse_code_insee", Text::new("Code commune INSEE", "INSEE commune code"), FieldKind::InseeCode, true);
/// The address's fields, in the personal step's order: what a procedure whose address is the
/// account's ([`super::model::AddressEntry::FromAccount`]) shows read-only.
pub const ADDRESS_FIELDS: &[Field] =
    &[ADDRESS_SEARCH, ADDRESS_STREET, ADDRESS_COMPLEMENT, ADDRESS_POSTAL_CODE, ADDRESS_CITY, ADDRESS_COUNTRY, ADDRESS_INSEE_CODE];

pub fn is_address_field(id: &str) -> bool {
    ADDRESS_FIELDS.iter().any(|f| f.id == id)
}

pub const MOBILE_PHONE: Field = Field::new("telephone", Text::new("Téléphone mobile", "Mobile phone"), FieldKind::MobilePhone, true);

pub const PERSONAL_FIELDS: &[Field] = &[
    Field::new(
        "nom_usage",
        Text::new("Nom d'usage (si différent du nom de naissance)", "Usage name (if different from the birth name)"),
        FieldKind::Text { max: 100 },
        false,
    ),
    Field::new(
        "mineur_emancipe",
        Text::new("Je suis un mineur (+ 16 ans) émancipé", "I am an emancipated minor (16 or over)"),
        FieldKind::Checkbox,
        false,
    )
    .shown_when(MAY_BE_EMANCIPATED),
    Field::new(
        "representant_nom",
        Text::new("Nom et prénom du représentant légal", "Name of the legal representative"),
        FieldKind::Text { max: 150 },
        true,
    )
    .shown_when(MINOR_NOT_EMANCIPATED),
    Field::new(
        "representant_qualite",
        Text::new("Qualité du représentant légal", "Capacity of the legal representative"),
        FieldKind::Choice(&[
            Choice::new("pere", "Père", "Father"),
            Choice::new("mere", "Mère", "Mother"),
            Choice::new("tuteur", "Tuteur ou tutrice", "Guardian"),
        ]),
        true,
    )
    .shown_when(MINOR_NOT_EMANCIPATED),
    Field::new(
        "representant_telephone",
        Text::new("Téléphone du représentant légal", "Phone of the legal representative"),
        FieldKind::MobilePhone,
        true,
    )
    .shown_when(MINOR_NOT_EMANCIPATED),
    Field::new(
        "representant_courriel",
        Text::new("Adresse électronique du représentant légal", "E-mail address of the legal representative"),
        FieldKind::Email,
        true,
    )
    .shown_when(MINOR_NOT_EMANCIPATED),
    Field::new(
        "representant_adresse",
        Text::new("Adresse du représentant légal, si elle n'est pas la vôtre", "Address of the legal representative, if it is not yours"),
        FieldKind::Text { max: 300 },
        false,
    )
    .shown_when(MINOR_NOT_EMANCIPATED),
    Field::new("date_entree", Text::new("Date d'entrée en France", "Date of entry into France"), FieldKind::PastDate, true),
    Field::new("situation_familiale", Text::new("Situation familiale", "Family situation"), FieldKind::Choice(FAMILY_SITUATIONS), true),
    Field::new(
        "conjoint_nationalite",
        Text::new("Nationalité de votre conjoint(e) ou partenaire", "Nationality of your spouse or partner"),
        FieldKind::Country,
        true,
    )
    .shown_when(Condition::In("situation_familiale", WITH_PARTNER)),
    Field::new(
        "conjoint_en_france",
        Text::new("Votre conjoint(e) ou partenaire réside-t-il en France ?", "Does your spouse or partner live in France?"),
        FieldKind::YesNo,
        true,
    )
    .shown_when(Condition::In("situation_familiale", WITH_PARTNER)),
    Field::new("enfants", Text::new("Avez-vous des enfants à votre charge ?", "Do you have dependent children?"), FieldKind::YesNo, true),
    Field::new("enfants_liste", Text::new("Vos enfants à charge", "Your dependent children"), FieldKind::Group(&CHILDREN), true)
        .shown_when(Condition::Yes("enfants")),
    ADDRESS_SEARCH,
    ADDRESS_STREET,
    ADDRESS_COMPLEMENT,
    ADDRESS_POSTAL_CODE,
    ADDRESS_CITY,
    ADDRESS_COUNTRY,
    ADDRESS_INSEE_CODE,
    Field::new("heberge", Text::new("Vous êtes hébergé(e) par un tiers", "You are hosted by someone else"), FieldKind::Checkbox, false),
    MOBILE_PHONE,
];

pub const PERSONAL_STEP: Step = Step {
    id: "informations",
    kind: StepKind::Form,
    title: Text::new("Informations personnelles", "Personal information"),
    summary: Text::new(
        "Votre état civil, votre situation familiale, votre adresse et vos coordonnées.",
        "Your civil status, family situation, address and contact details.",
    ),
    fields: PERSONAL_FIELDS,
};

/// The applicant's address and mobile phone as declared on the account page ("Mes
/// coordonnées"): they prefill the personal step of the next application.
pub const CONTACT_FIELDS: &[Field] =
    &[ADDRESS_SEARCH, ADDRESS_STREET, ADDRESS_COMPLEMENT, ADDRESS_POSTAL_CODE, ADDRESS_CITY, ADDRESS_INSEE_CODE, MOBILE_PHONE];

pub const CONTACT_STEP: Step = Step {
    id: "coordonnees",
    kind: StepKind::Form,
    title: Text::new("Adresse et téléphone", "Address and phone"),
    summary: Text::new("Votre adresse en France et votre téléphone mobile.", "Your address in France and your mobile phone."),
    fields: CONTACT_FIELDS,
};

pub const DOCUMENTS_STEP: Step = Step {
    id: "justificatifs",
    kind: StepKind::Documents,
    title: Text::new("Justificatifs et e-photo", "Supporting documents and e-photo"),
    summary: Text::new(
        "Les pièces justificatives demandées selon vos réponses, et le code de votre photo d'identité numérique.",
        "The supporting documents required by your answers, and the code of your digital identity photo.",
    ),
    fields: &[Field {
        hint: Some(Text::new(
            "Les 22 lettres et chiffres inscrits sur la planche remise par la cabine ou le photographe agréé.",
            "The 22 letters and digits printed on the sheet given by the approved photo booth or photographer.",
        )),
        ..Field::new("code_ephoto", Text::new("Code e-photo", "E-photo code"), FieldKind::EphotoCode, true)
    }],
};

pub const RECAP_STEP: Step = Step {
    id: "recapitulatif",
    kind: StepKind::Recap,
    title: Text::new("Récapitulatif", "Summary"),
    summary: Text::new(
        "Vous vérifiez chaque partie de votre demande avant de la déposer.",
        "You check each part of your application before filing it.",
    ),
    fields: &[],
};

pub const CONFIRMATION_STEP: Step = Step {
    id: "confirmation",
    kind: StepKind::Confirmation,
    title: Text::new("Confirmation", "Confirmation"),
    summary: Text::new(
        "Votre demande est déposée : vous recevez la confirmation de dépôt par courriel.",
        "Your application is filed: you receive the filing receipt by e-mail.",
    ),
    fields: &[],
};

/// The field that holds a passeport talent's sub-mention, first of its motive step: its
/// choices are codes of [`super::orientation::TALENT_MENTIONS`], so a sub-mention picked on
/// the orientation page prefills it.
pub const SUB_MENTION: &str = "sous_mention";

/// The steps of a procedure whose resources, if any, are asked inside the motive: five steps
/// around its own motive step.
pub const fn steps_with_motive(motive: Step) -> [Step; 5] {
    [PERSONAL_STEP, motive, DOCUMENTS_STEP, RECAP_STEP, CONFIRMATION_STEP]
}

/// The motive step of a procedure: its fields and the one-line summary of the preamble.
pub const fn motive_step(summary: Text, fields: &'static [Field]) -> Step {
    Step { id: "motif", kind: StepKind::Form, title: Text::new("Motif de séjour", "Reason for stay"), summary, fields }
}

const fn document(code: &'static str, label: Text, description: Text, group: DocumentGroup, required_when: Condition) -> DocumentRule {
    DocumentRule { code, label, description, group, required_when }
}

/// How the applicant came to the procedure (`RequestKind::as_str`), kept in the answers by the
/// server when the draft starts: no step shows it, documents depend on it.
pub const REQUEST_KIND: &str = "demande_type";

/// A renewal or a change of status: a title is held.
const HOLDS_TITLE: Condition = Condition::In(REQUEST_KIND, &["renouvellement", "changement"]);

/// Documents of the "informations personnelles" part, asked in every procedure.
pub const PERSONAL_DOCUMENTS: &[DocumentRule] = &[
    // Seed 004: first of the ÉTAT-CIVIL documents of a renewal or a change of status.
    document(
        "titre_sejour",
        Text::new("Titre de séjour en cours de validité", "Residence permit currently valid"),
        Text::new("Le recto et le verso du titre de séjour que vous détenez.", "The front and back of the residence permit you hold."),
        DocumentGroup::CivilStatus,
        HOLDS_TITLE,
    ),
    document(
        "passeport",
        Text::new("Passeport", "Passport"),
        Text::new(
            "Les pages relatives à l'état civil, aux dates de validité, aux cachets d'entrée et aux visas.",
            "The pages with your civil status, validity dates, entry stamps and visas.",
        ),
        DocumentGroup::CivilStatus,
        Condition::Always,
    ),
    document(
        "justificatif_domicile",
        Text::new("Justificatif de domicile de moins de 6 mois", "Proof of address less than 6 months old"),
        Text::new(
            "L'un de ceux-ci : une facture d'électricité, de gaz, d'eau, d'internet, de téléphone fixe ou mobile ; ou une copie du bail de location ; ou une copie d'une quittance de loyer ou de taxe d'habitation. Si vous êtes hébergé(e) à l'hôtel : une attestation de l'hôtelier ou une copie de la facture du dernier mois.",
            "One of these: an electricity, gas, water, internet, landline or mobile phone bill; or a copy of the lease; or a copy of a rent receipt or of the taxe d'habitation. If you live in a hotel: a certificate from the hotel or a copy of the last month's invoice.",
        ),
        DocumentGroup::Domiciliation,
        Condition::Not(&Condition::Yes("heberge")),
    ),
    document(
        "attestation_hebergement",
        Text::new("Attestation d'hébergement", "Host's certificate"),
        Text::new(
            "Attestation datée et signée de la personne qui vous héberge, avec la copie de sa pièce d'identité et un justificatif de son domicile de moins de 6 mois.",
            "A dated and signed certificate from the person hosting you, with a copy of their identity document and a proof of their address less than 6 months old.",
        ),
        DocumentGroup::Domiciliation,
        Condition::Yes("heberge"),
    ),
    document(
        "acte_mariage",
        Text::new("Acte de mariage ou attestation de PACS", "Marriage certificate or PACS certificate"),
        Text::new("Si vous êtes marié(e) ou pacsé(e).", "If you are married or in a civil partnership."),
        DocumentGroup::CivilStatus,
        Condition::In("situation_familiale", &["marie", "pacse"]),
    ),
    document(
        "actes_naissance_enfants",
        Text::new("Actes de naissance des enfants", "Children's birth certificates"),
        Text::new("Pour chaque enfant à votre charge.", "For each dependent child."),
        DocumentGroup::CivilStatus,
        Condition::Yes("enfants"),
    ),
    document(
        "piece_identite_representant",
        Text::new("Pièce d'identité du représentant légal", "Identity document of the legal representative"),
        Text::new(
            "Avec un document établissant l'autorité parentale ou la tutelle (livret de famille, jugement).",
            "With a document establishing parental authority or guardianship (family record book, judgment).",
        ),
        DocumentGroup::CivilStatus,
        MINOR_NOT_EMANCIPATED,
    ),
    document(
        "decision_emancipation",
        Text::new("Décision d'émancipation", "Emancipation decision"),
        Text::new("Le jugement ou l'acte qui prononce votre émancipation.", "The judgment or deed declaring your emancipation."),
        DocumentGroup::CivilStatus,
        EMANCIPATED,
    ),
];

/// The personal documents followed by a procedure's own: `N` is the sum of both lengths.
pub const fn join_documents<const N: usize>(first: &[DocumentRule], second: &[DocumentRule]) -> [DocumentRule; N] {
    assert!(first.len() + second.len() == N, "N must be the total number of documents");
    let mut all = [first[0]; N];
    let mut i = 0;
    while i < N {
        all[i] = if i < first.len() { first[i] } else { second[i - first.len()] };
        i += 1;
    }
    all
}
