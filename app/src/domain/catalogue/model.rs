//! The shape of the catalogue: procedures made of steps made of fields, and the document rules,
//! all `'static` data. Conditions are data too, evaluated against the answers, so the wizard,
//! the server's validation, the recap and the receipt read the same description.

use crate::i18n::Lang;

/// A text in both languages of the service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub fr: &'static str,
    pub en: &'static str,
}

impl Text {
    pub const fn new(fr: &'static str, en: &'static str) -> Self {
        Text { fr, en }
    }

    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Fr => self.fr,
            Lang::En => self.en,
        }
    }
}

/// One value of a list: the stable code stored in the answers, and its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    pub code: &'static str,
    pub label: Text,
}

impl Choice {
    pub const fn new(code: &'static str, fr: &'static str, en: &'static str) -> Self {
        Choice { code, label: Text::new(fr, en) }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    Text {
        max: usize,
    },
    LongText {
        max: usize,
    },
    /// A past date (birth, entry in France…), stored as `YYYY-MM-DD`.
    PastDate,
    /// A date that may be in the future (start of a contract…), stored as `YYYY-MM-DD`.
    Date,
    Choice(&'static [Choice]),
    /// Stored as `oui` or `non`.
    YesNo,
    /// Stored as `oui` when ticked, absent otherwise.
    Checkbox,
    /// An amount in euros per month, stored in cents.
    MonthlyAmount,
    MobilePhone,
    /// An e-mail address (someone else's: the account's own is never asked again).
    Email,
    /// ISO 3166-1 alpha-2 code (see `domain::countries`).
    Country,
    PostalCode,
    InseeCode,
    /// The 16-digit number of an electronic tax stamp (timbre fiscal électronique), stored
    /// without spaces (see [`super::answers::normalise_tax_stamp`]); a stamp serves once.
    TaxStamp,
    /// The code of a digital identity photo from an approved booth or photographer
    /// (see [`super::answers::normalise_ephoto_code`]).
    EphotoCode,
    /// Any number of items with the same fields (children, contracts): the answer is the
    /// number of items, and each item's answers are stored as `<field>.<n>.<sub-field>`.
    Group(&'static Group),
    /// A search in the national address base whose choice fills these address fields; never
    /// an answer itself (the fields stay editable by hand).
    AddressSearch(AddressFields),
}

/// The fields an address suggestion fills in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AddressFields {
    pub street: &'static str,
    pub postal_code: &'static str,
    pub city: &'static str,
    pub insee_code: &'static str,
}

/// The repeated part of a [`FieldKind::Group`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Group {
    /// The title of one item, numbered on screen ("Enfant 1").
    pub item: Text,
    pub add: Text,
    pub remove: Text,
    /// The items' fields (always shown; required ones must be answered in every item).
    pub fields: &'static [Field],
    pub max: usize,
}

/// When a field is shown (and therefore may be required), or a document asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Condition {
    Always,
    /// The field's answer is this code.
    Is(&'static str, &'static str),
    /// The field's answer is one of these codes.
    In(&'static str, &'static [&'static str]),
    /// A yes/no field answered yes, or a checkbox ticked.
    Yes(&'static str),
    /// The applicant is under 18 on the day of the filing.
    Minor,
    /// The applicant is at least this old on the day of the filing.
    AgeFrom(u32),
    All(&'static [Condition]),
    Any(&'static [Condition]),
    Not(&'static Condition),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub id: &'static str,
    pub label: Text,
    pub hint: Option<Text>,
    pub kind: FieldKind,
    /// Required whenever shown; otherwise optional.
    pub required: bool,
    pub shown: Condition,
}

impl Field {
    /// A field always shown, without hint.
    pub const fn new(id: &'static str, label: Text, kind: FieldKind, required: bool) -> Self {
        Field { id, label, hint: None, kind, required, shown: Condition::Always }
    }

    /// The same field, shown only when `condition` holds.
    pub const fn shown_when(self, condition: Condition) -> Self {
        Field { shown: condition, ..self }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// A form of fields.
    Form,
    /// The supporting documents computed from the answers, and the e-photo code.
    Documents,
    Recap,
    Confirmation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub id: &'static str,
    pub kind: StepKind,
    pub title: Text,
    /// The one-line description of the preamble page.
    pub summary: Text,
    pub fields: &'static [Field],
}

/// Where a document is listed, as in seed 004's documents step: "Informations personnelles"
/// in two sub-sections (ÉTAT-CIVIL, DOMICILIATION), then "Motif de séjour".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentGroup {
    /// Informations personnelles – état civil (identity, family, legal representative).
    CivilStatus,
    /// Informations personnelles – domiciliation (where the applicant lives).
    Domiciliation,
    /// Motif de séjour.
    Motive,
}

impl DocumentGroup {
    /// The sub-sections of "Informations personnelles", in order.
    pub const PERSONAL: [DocumentGroup; 2] = [DocumentGroup::CivilStatus, DocumentGroup::Domiciliation];

    /// The sub-heading of a personal sub-section.
    pub fn heading(self) -> Text {
        match self {
            DocumentGroup::CivilStatus => Text::new("État-civil", "Civil status"),
            DocumentGroup::Domiciliation => Text::new("Domiciliation", "Address"),
            DocumentGroup::Motive => Text::new("Motif de séjour", "Reason for stay"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocumentRule {
    pub code: &'static str,
    pub label: Text,
    pub description: Text,
    pub group: DocumentGroup,
    pub required_when: Condition,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Procedure {
    pub id: &'static str,
    pub title: Text,
    /// Who the procedure is for, said first on its preamble page (seed 004's researcher text).
    pub intro: Text,
    pub steps: &'static [Step],
    pub documents: &'static [DocumentRule],
    /// The model attestations offered on the preamble page (codes of `models::MODELS`).
    pub models: &'static [&'static str],
    /// The resources expected per month: below it the wizard warns (never blocks).
    pub monthly_minimum: MonthlyMinimum,
    /// Whether the address is typed in the wizard or is the account's.
    pub address: AddressEntry,
    /// What filing it does: ask for a title, or validate a visa.
    pub filing: FilingKind,
    /// The categories of title (codes of docs/contracts.md) whose renewal this procedure files.
    pub renews: &'static [&'static str],
    /// The entries of the orientation page that lead to it: codes of
    /// [`super::orientation::OTHER_TITLES`] and of [`super::orientation::TALENT_MENTIONS`].
    pub opened_by: &'static [&'static str],
    /// Who may file it online as a first title or a change of status; `None`: anyone.
    pub eligibility: Option<Eligibility>,
}

/// What filing a procedure does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilingKind {
    /// An application for a title: filed (`Action::Submit`), instructed, decided; the receipt
    /// is the "confirmation de dépôt".
    Application,
    /// The validation of a VLS-TS (seed 004's "Je valide mon VLS-TS"): the filing validates the
    /// visa (`Action::ValidateVisa`), once; the receipt is the attestation of validation.
    VisaValidation,
}

impl FilingKind {
    /// The lifecycle action that files a draft of this kind.
    pub fn action(self) -> crate::domain::lifecycle::Action {
        match self {
            FilingKind::Application => crate::domain::lifecycle::Action::Submit,
            FilingKind::VisaValidation => crate::domain::lifecycle::Action::ValidateVisa,
        }
    }

    /// The kind of the document issued at filing (`issued_documents.kind`).
    pub fn receipt_kind(self) -> &'static str {
        match self {
            FilingKind::Application => "confirmation_depot",
            FilingKind::VisaValidation => "attestation_validation_vls_ts",
        }
    }
}

/// Where the personal step's address comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressEntry {
    /// Typed or picked in the wizard (prefilled with the account's).
    Typed,
    /// The account's, shown read-only: a move is declared on the account first, then the
    /// application reads it (seed 001, the EU citizen's renewal).
    FromAccount,
}

/// The monthly resources a procedure expects, in cents (seed 003 §2.2.4: the total is shown,
/// and a message below the minimum; never a block).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MonthlyMinimum {
    /// No total is shown: the procedure asks no resources, or no minimum is known for it (no
    /// warning rather than a wrong one).
    None,
    /// The total is shown, but the law sets no figure the catalogue can hold (said in `docs/`).
    Unknown,
    /// The same for every applicant.
    Fixed(i64),
    /// Set by the answer of a choice field (the passeport talent's sub-mention): a code absent
    /// from the list has no known minimum, and the total is shown alone.
    ByChoice { field: &'static str, minimums: &'static [(&'static str, i64)] },
}

impl MonthlyMinimum {
    /// Whether the procedure's resources are totalled at all.
    pub fn is_totalled(self) -> bool {
        self != MonthlyMinimum::None
    }

    /// The minimum that applies to these answers, if one is known.
    pub fn for_answers(self, answers: &super::answers::Answers) -> Option<i64> {
        match self {
            MonthlyMinimum::None | MonthlyMinimum::Unknown => None,
            MonthlyMinimum::Fixed(cents) => Some(cents),
            MonthlyMinimum::ByChoice { field, minimums } => {
                let chosen = answers.get(field)?;
                minimums.iter().find(|(code, _)| *code == chosen).map(|(_, cents)| *cents)
            }
        }
    }
}

/// A rule on who may file a procedure online, and what the others are told.
#[derive(Clone, Copy, Debug)]
pub struct Eligibility {
    /// Whether the holder of `held`, of this nationality (ISO code) and age, may file online.
    pub online: fn(held: super::orientation::HeldDocument<'_>, nationality: &str, age: u32) -> bool,
    /// The message for those who may not.
    pub refusal: Text,
}

/// The same rule: the same function and message (the catalogue's entries are `'static` data,
/// so a rule is the same function wherever it is used).
impl PartialEq for Eligibility {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::fn_addr_eq(self.online, other.online) && self.refusal == other.refusal
    }
}

impl Eq for Eligibility {}

impl Procedure {
    pub fn step(&self, id: &str) -> Option<&'static Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    pub fn fields(&self) -> impl Iterator<Item = &'static Field> {
        self.steps.iter().flat_map(|s| s.fields.iter())
    }
}
